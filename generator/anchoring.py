"""Find the statement a selector names: by id, or by a quote in context that survives edits.

A quote is looked up the way web annotation tools do it (a TextQuoteSelector: exact words plus
optional prefix and suffix): first exactly, ignoring case, accents, punctuation and spacing;
when the source has changed so the words no longer occur, by similarity of the quote and its
context to every statement, accepting only a clear best match.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace

from generator.errors import warning
from generator.model import (
    Anchor,
    Annotation,
    Curation,
    Orphan,
    Problem,
    Selector,
    Source,
    Statement,
    TargetKind,
)

#: Lowest similarity of the quote to the text found for a fuzzy anchor.
MIN_SCORE = 0.8
#: How much better than the runner-up (in another statement) a fuzzy anchor must score.
MIN_MARGIN = 0.05
_QUOTE_WEIGHT, _CONTEXT_WEIGHT = 50, 20
_SHOWN_CANDIDATES = 5
_TYPO_LENGTH, _TYPO_RATIO = 4, 0.8
_PUNCTUATION = ".,;:!?\"'’‘“”«»()[]–—-…"


@dataclass(frozen=True)
class Miss:
    """Why a selector found no single statement: what is wrong and what to do."""

    message: str


@dataclass
class TextIndex:
    """The sources and statements a selector is looked up in; a source's text is folded when
    a selector is first looked up in it, once."""

    sources: list[Source]
    statements: list[Statement]
    by_id: dict[str, Statement] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    _folded: dict[str, _Folded] = field(default_factory=dict)
    starts: dict[str, list[int]] = field(default_factory=dict)
    members: dict[str, list[Statement]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {s.id: s for s in self.statements}
        for source in self.sources:
            self.texts[source.meta.id] = source.text
            self.members[source.meta.id] = []
        for statement in sorted(self.statements, key=lambda s: (s.source, s.doc_start)):
            self.members.setdefault(statement.source, []).append(statement)
        self.starts = {k: [s.doc_start for s in v] for k, v in self.members.items()}

    def folded(self, source_id: str) -> _Folded | None:
        """Return a source's text folded as quotes are, or None for an unknown source."""
        if source_id not in self._folded and source_id in self.texts:
            self._folded[source_id] = _fold_with_offsets(self.texts[source_id])
        return self._folded.get(source_id)


def anchor_annotations(
    annotations: list[Annotation], sources: list[Source], statements: list[Statement]
) -> tuple[list[Annotation], list[Orphan], list[Problem]]:
    """Return the annotations attached to their statements or sources, the orphans, and why.

    Entries on a cluster named by id pass through unattached: clusters come later. A statement
    that a curation names and that cannot be found leaves the curation unresolved, with a warning.
    """
    index = TextIndex(sources, statements)
    attached: list[Annotation] = []
    orphans: list[Orphan] = []
    problems: list[Problem] = []
    for annotation in annotations:
        selector = annotation.selector
        found: Anchor | Miss | None = None
        if annotation.target_kind is TargetKind.SOURCE:
            found = _check_source(selector.source, index)
        elif not selector.cluster:
            found = _check_source(selector.source, index) or anchor_selector(selector, index)
        if isinstance(found, Miss):
            problems.append(warning(selector.origin.path, selector.origin.line, found.message))
            orphans.append(Orphan(annotation.origin, found.message, annotation.text, annotation))
            continue
        if annotation.target_kind is TargetKind.SOURCE:
            annotation = replace(annotation, target=selector.source)
        elif isinstance(found, Anchor):
            target = found.statement if annotation.target_kind is TargetKind.STATEMENT else ""
            annotation = replace(annotation, target=target, anchor=found)
        curations = [_anchor_curation(annotation, c, index, problems) for c in annotation.curations]
        attached.append(replace(annotation, curations=tuple(curations)))
    return attached, orphans, problems


def _check_source(source: str, index: TextIndex) -> Miss | None:
    known = [s.meta.id for s in index.sources]
    if not source or source in known:
        return None
    return Miss(f"no source with id {source!r}; expected one of: {', '.join(sorted(known))}")


def _anchor_curation(
    annotation: Annotation, curation: Curation, index: TextIndex, problems: list[Problem]
) -> Curation:
    selector = curation.selector
    found = _check_source(selector.source, index) or anchor_selector(selector, index)
    message = found.message if isinstance(found, Miss) else ""
    if isinstance(found, Anchor):
        own = index.by_id[annotation.target]
        if found.statement == own.id:
            message = f"{found.statement!r} is the annotated statement itself; name another one"
        elif found.source == own.source:
            message = (
                f"{found.statement!r} is in the same source as the annotated statement; "
                "links join statements of different sources"
            )
    if message:
        origin = selector.origin
        problems.append(warning(origin.path, origin.line, f"{curation.kind.value}: {message}"))
        return curation
    assert isinstance(found, Anchor)
    return replace(curation, statement=found.statement)


def anchor_selector(selector: Selector, index: TextIndex) -> Anchor | Miss:
    """Return where ``selector`` (an id, or a quote with context) lands, or why it does not."""
    if selector.id:
        found = index.by_id.get(selector.id)
        if found is None and not selector.quote:
            return Miss(
                f"no statement with id {selector.id!r}; "
                "copy the id from the statement's anchor on its source page"
            )
        if found is not None:
            return _check_quote_in(found, selector, index)
    scope = [selector.source] if selector.source else _sources_of(selector.id, index)
    exact = _exact_anchors(selector, index, scope)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        return Miss(_ambiguous(selector.quote, [index.by_id[a.statement] for a in exact]))
    return _fuzzy_anchor(selector, index, scope)


def _sources_of(statement_id: str, index: TextIndex) -> list[str]:
    """Return the source a (vanished) statement id names, or every source when it names none."""
    every = [s.meta.id for s in index.sources]
    named = [source for source in every if statement_id.startswith(f"{source}-")]
    return [max(named, key=len)] if named else every


def fold(text: str) -> str:
    """Return ``text`` without case, accents, punctuation or extra white space."""
    return _fold_with_offsets(text).text


def short(text: str, limit: int = 60) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _Folded:
    """Folded text and, for each of its characters, the offset of the original character."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span of the folded ``text[start:end]``."""
        return self.offsets[start], self.offsets[end - 1] + 1


def _fold_with_offsets(text: str) -> _Folded:
    chars: list[str] = []
    offsets: list[int] = []
    for position, char in enumerate(text):
        for piece in unicodedata.normalize("NFKD", char.casefold()):
            if unicodedata.combining(piece):
                continue
            if not (piece.isalnum() or piece == "_"):
                piece = " "
            if piece == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(piece)
            offsets.append(position)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return _Folded("".join(chars), tuple(offsets))


def _check_quote_in(statement: Statement, selector: Selector, index: TextIndex) -> Anchor | Miss:
    whole = Anchor(
        statement.id, statement.source, statement.doc_start, statement.doc_end, statement.text
    )
    if not selector.quote:
        return whole
    found = _exact_anchors(selector, index, [statement.source])
    inside = [a for a in found if a.statement == statement.id]
    if inside:
        return inside[0]
    return Miss(
        f"the quote {short(selector.quote)!r} is not in statement {statement.id!r} "
        f"({short(statement.text)!r}); fix the quote or the id"
    )


def _exact_anchors(selector: Selector, index: TextIndex, scope: list[str]) -> list[Anchor]:
    """Return one anchor per statement holding the quote in the given context."""
    wanted = fold(selector.quote)
    prefix, suffix = fold(selector.prefix), fold(selector.suffix)
    found: dict[str, Anchor] = {}
    for source_id in scope:
        folded = index.folded(source_id)
        if folded is None or not wanted:
            continue
        for start in _occurrences(folded.text, wanted):
            end = start + len(wanted)
            before, after = folded.text[:start].rstrip(), folded.text[end:].lstrip()
            if prefix and not before.endswith(prefix):
                continue
            if suffix and not after.startswith(suffix):
                continue
            text = _source_text(index, source_id)
            doc_start, doc_end = _with_punctuation(text, *folded.span(start, end), selector.quote)
            statement = _statement_at(index, source_id, doc_start, doc_end)
            if statement is not None and statement.id not in found:
                text = text[doc_start:doc_end]
                found[statement.id] = Anchor(statement.id, source_id, doc_start, doc_end, text)
    return list(found.values())


def _with_punctuation(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Return the span widened by as many quote marks and stops as the quote has at its ends."""
    quote = quote.strip()
    lead = len(quote) - len(quote.lstrip(_PUNCTUATION))
    trail = len(quote) - len(quote.rstrip(_PUNCTUATION))
    while lead and start > 0 and text[start - 1] in _PUNCTUATION:
        start, lead = start - 1, lead - 1
    while trail and end < len(text) and text[end] in _PUNCTUATION:
        end, trail = end + 1, trail - 1
    return start, end


def _occurrences(text: str, wanted: str) -> list[int]:
    """Return the starts of ``wanted`` in ``text`` as whole words."""
    starts = []
    start = text.find(wanted)
    while start != -1:
        end = start + len(wanted)
        if (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " "):
            starts.append(start)
        start = text.find(wanted, start + 1)
    return starts


def _statement_at(index: TextIndex, source_id: str, start: int, end: int) -> Statement | None:
    """Return the statement of a source that holds most of the span."""
    members, starts = index.members.get(source_id, []), index.starts.get(source_id, [])
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    best, best_overlap = None, 0
    for statement in members[first:]:
        if statement.doc_start >= end:
            break
        overlap = min(end, statement.doc_end) - max(start, statement.doc_start)
        if overlap > best_overlap:
            best, best_overlap = statement, overlap
    return best


def _source_text(index: TextIndex, source_id: str) -> str:
    return next(s.text for s in index.sources if s.meta.id == source_id)


def _fuzzy_anchor(selector: Selector, index: TextIndex, scope: list[str]) -> Anchor | Miss:
    """Return the clear best statement for a quote that no longer occurs exactly."""
    wanted = fold(selector.quote)
    scored: list[tuple[float, float, Anchor]] = []
    for source_id in scope:
        folded = index.folded(source_id)
        if folded is None or not wanted:
            continue
        for statement in index.members.get(source_id, []):
            found = _best_window(wanted, folded, statement)
            if found is None:
                continue
            quote_score, start, end = found
            total = _with_context(quote_score, selector, folded, start, end)
            doc_start, doc_end = folded.span(start, end)
            text = _source_text(index, source_id)[doc_start:doc_end]
            anchor = Anchor(statement.id, source_id, doc_start, doc_end, text, True, total)
            scored.append((total, quote_score, anchor))
    scored.sort(key=lambda item: -item[0])
    where = f" of {selector.source}" if selector.source else ""
    if not scored or scored[0][1] < MIN_SCORE:
        return Miss(
            f"the quote {short(selector.quote)!r} matches no statement{where}; "
            "copy the words exactly from the source page"
        )
    best = scored[0]
    rivals = [
        item for item in scored[1:] if item[0] > best[0] - MIN_MARGIN and item[1] >= MIN_SCORE
    ]
    if rivals:
        statements = [index.by_id[item[2].statement] for item in [best, *rivals]]
        return Miss(_ambiguous(selector.quote, statements, fuzzy=True))
    return best[2]


def _best_window(
    wanted: str, folded: _Folded, statement: Statement
) -> tuple[float, int, int] | None:
    """Return how well a statement holds the quote's words, and where they are.

    The score is the share of the quote's words found in order (a word with a typo counts),
    lowered when the words found are spread over a much longer stretch. Statements sharing
    fewer than half of the quote's words are not scored.
    """
    lo = bisect.bisect_left(folded.offsets, statement.doc_start)
    hi = bisect.bisect_left(folded.offsets, statement.doc_end)
    spans = [(m.start() + lo, m.end() + lo) for m in re.finditer(r"\S+", folded.text[lo:hi])]
    quote = wanted.split()
    words = [folded.text[a:b] for a, b in spans]
    if len(set(quote) & set(words)) < len(set(quote)) / 2:
        return None
    matched = _common_words(quote, words)
    if not matched:
        return None
    window = matched[-1] - matched[0] + 1
    score = len(matched) / len(quote) * math.sqrt(min(1.0, len(quote) / window))
    return score, spans[matched[0]][0], spans[matched[-1]][1]


def _common_words(quote: list[str], words: list[str]) -> list[int]:
    """Return the positions in ``words`` of the longest in-order run of the quote's words."""
    rows, cols = len(quote), len(words)
    length = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if _same_word(quote[i], words[j]):
                length[i][j] = length[i + 1][j + 1] + 1
            else:
                length[i][j] = max(length[i + 1][j], length[i][j + 1])
    found, i, j = [], 0, 0
    while i < rows and j < cols:
        if _same_word(quote[i], words[j]) and length[i][j] == length[i + 1][j + 1] + 1:
            found.append(j)
            i, j = i + 1, j + 1
        elif length[i + 1][j] >= length[i][j + 1]:
            i += 1
        else:
            j += 1
    return found


@functools.lru_cache(maxsize=65536)
def _same_word(left: str, right: str) -> bool:
    """Return whether two words are the same up to a typo (long words only)."""
    if left == right:
        return True
    if min(len(left), len(right)) < _TYPO_LENGTH or left.isdigit() or right.isdigit():
        return False
    return difflib.SequenceMatcher(None, left, right).ratio() >= _TYPO_RATIO


def _with_context(score: float, selector: Selector, folded: _Folded, start: int, end: int) -> float:
    """Return the quote's score weighed with how well prefix and suffix match around it."""
    total, weight = score * _QUOTE_WEIGHT, _QUOTE_WEIGHT
    prefix, suffix = fold(selector.prefix), fold(selector.suffix)
    if prefix:
        before = folded.text[max(start - len(prefix) - 1, 0) : start].strip()
        total += _CONTEXT_WEIGHT * difflib.SequenceMatcher(None, prefix, before).ratio()
        weight += _CONTEXT_WEIGHT
    if suffix:
        after = folded.text[end : end + len(suffix) + 1].strip()
        total += _CONTEXT_WEIGHT * difflib.SequenceMatcher(None, suffix, after).ratio()
        weight += _CONTEXT_WEIGHT
    return total / weight


def _ambiguous(quote: str, statements: list[Statement], fuzzy: bool = False) -> str:
    candidates = "; ".join(
        f"{s.id} ({s.kind.value} {short(s.text)!r})" for s in statements[:_SHOWN_CANDIDATES]
    )
    verb = "is as close to" if fuzzy else "matches"
    return (
        f"the quote {short(quote)!r} {verb} {len(statements)} statements: {candidates}; "
        "add 'source:', 'prefix:' or 'suffix:', or use 'id:'"
    )
