"""Split sources into statements: sentences with a stable id, a kind and, for quotes, a speaker."""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace

from generator.clutter import BYLINE
from generator.model import Alias, Block, Source, Statement, StatementKind
from generator.wording import without_inner_articles

_ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof gen col lt sgt capt
    cmdr adm gov sen rep pres st jr sr vs no nos co corp inc ltd dept approx est fig al univ
    ave mt ft rev hon""".split()
)
# A run of end marks is taken whole, from its first mark, and never given back: the same
# sentences, without trying every start in a long run of dots ("........") one by one.
_BOUNDARY = re.compile(
    r"(?P<end>(?<![.!?…])[.!?…]++[\"”’»)\]]*+|[\"”»][.!?…])(?P<gap>\s+)"
    r"(?=[\"“‘«(\[•]|[–—]\s|-\s|[^\W\d_]|\d)",
)
_DATELINE = re.compile(
    r"^(?P<dl>[A-Z][A-Z.\-'’ ]{2,}(?:,\s*[A-Z][\w.\- ]{1,30})?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\.?)?"
    r"\s*(?:/[^/\n]{1,24}/|\([^)\n]{1,24}\))\s*[.\-–—:]*)\s+"
    r"|^(?P<dl2>[A-Z][A-Z.\-'’ ]{2,},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*[-–—:])\s+"
)
_DATE_ONLY = re.compile(
    # "Date: 2024-05-21", "Published: May 21, 2024 3:45 PM"
    r"^(?:(?:date|dated|published|posted|updated|last\s+updated|modified)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|"
    r"[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:[,\s]+\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}T)(?:[+-]\d{1,2}(?::?\d\d)?)?)?)?"
    # "Updated 2 hours ago", "Last updated 10:15"
    r"(?:\s*[|·,–-]?\s*(?:last\s+)?(?:updated|modified|published)\b[^.!?]{0,30})?\s*$"
    # A live blog's entry: "UPDATE: 3:16 p.m.", "Updated at 10:15 GMT"
    r"|^(?:update[ds]?|posted|published)\s*(?:at\s+)?:?\s*\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:GMT|UTC|[A-Z]{2,4}T))?\s*$",
    re.IGNORECASE,
)
# The signature of an embedded social-media post: "— Federal Reserve (@federalreserve) March
# 12, 2023", "- Jane Doe (@janedoe) 12 March 2023".
_POST_SIGNATURE = re.compile(
    r"[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})\s*$"
)
# A photo's credit in brackets after its caption: "(Photo by JANE DOE/AFP via Getty Images)",
# "(AP Photo/Jane Doe)", "(Jane Doe via AP)", "(Maxar Technologies via AP)".
_PHOTO_CREDIT = re.compile(
    r"^\((?:(?i:(?:AP |AFP |Reuters |file )?(?:photo(?:graph)?|picture|image)s?)\s*(?:by\s|/)"
    r"[^()]{1,80}|[A-Z][^()]{0,60}\bvia\s+[A-Z][^()]{1,30})\)$"
)
# Who took a photo: "REUTERS/Jane Doe/File Photo", "(Photo: Courier staff)".
_CREDIT = re.compile(
    r"^(?:[A-Z]{2,}[A-Z &-]*/)+[A-Z][\w'’-]*(?:[ /-]+[A-Z][\w'’-]*){0,6}$|"
    r"^\(?(?i:(?:photo(?:graph)?|picture|image|video|footage)s?(?: credits?)?|credits?)"
    r"\s*:\s*[^.!?]{1,60}\)?$|"
    rf"{_PHOTO_CREDIT.pattern}"
)
# A photo's caption says so: "Photo: ...", "Pictured: ...".
_CAPTION_LEAD = re.compile(r"^(?:photo|pictured|picture|image|caption|file photo)\s*:", re.I)
_VERBS = (
    r"said|says|say|stated|states|stressed|noted|notes|added|adds|concluded|wrote|writes|told|"
    r"declared|explained|emphasi[sz]ed|underlined|continued|asked|announced|warned|insisted|"
    r"argued|claimed|remarked|replied|vowed|pointed out|went on to say|used the terms|"
    r"as saying|assured|assures|"
    r"described|clarified|recalled|acknowledged|admitted|observed|commented|tweeted"
)
# A capital letter, also with an accent ("Özil", "Ĭarl", "Šefčovič"): names need not be ASCII.
_CAP = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
# A character of an attribution phrase: anything but punctuation, or the full stop of a
# title or an initial ("said Lt. Gregg Hastings", "J. Smith said").
_TITLE_STOPS = "Lt Mr Mrs Ms Dr Gen Col Sgt Capt Prof Gov Sen Rep St Maj Cpl Det Adm Insp Supt Cmdr"
_PHRASE = (
    r"(?:[^,.;!?“”\"]|\.(?=[A-Z]\.)|\.(?=\s)(?:(?<=\b[A-Z]\.)|"
    + "|".join(rf"(?<=\b{title}\.)" for title in _TITLE_STOPS.split())
    + "))"
)
_ATTR_AFTER = re.compile(
    rf"^\s*[,.!?…]?\s*[”\"’»]?\s*[–—-]?\s*(?:(?P<v1>{_VERBS}|according to|read)\s+"
    rf"(?P<w1>{_PHRASE}{{2,80}})|"
    # "Keler, 54, said", "Marrow, the minister, said", "the Treasury, the Fed and the FDIC said"
    rf"(?P<w2>{_PHRASE}{{2,80}}?)(?:,(?P<app>{_PHRASE}{{1,100}}),|(?:,{_PHRASE}{{1,60}}?){{1,3}})?"
    r"\s+(?:has\s+|had\s+)?"
    rf"(?P<v2>{_VERBS})\b)"
)
_ATTR_BEFORE = re.compile(
    rf"(?P<who>[{_CAP}]{_PHRASE}{{1,80}}?|\b[Hh]e|\b[Ss]he)(?:,(?P<app>{_PHRASE}{{1,100}}),)?"
    rf"\s+(?:has\s+|had\s+)?(?:{_VERBS})"
    # "... said in a statement:", "... told reporters:"
    r"(?:\s+that|(?:\s+[^\s,.;:!?“”\"]+){1,4}(?=\s*:))?\s*[,:]?\s*$"
)
_REPORTED = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
# A verb form that is also a noun reports no speech after a word that makes it the noun: "the
# heads of the member states", "the United States", "the CSTO states", "her notes", "a say".
_AS_NOUN = re.compile(
    r"(?:\b(?i:the|these|those|its|their|his|her|our|your|my|a|no|all|both|many|several|other|"
    r"some|member|united|neighbouring|neighboring|nuclear|sovereign|arab|gulf|baltic)|"
    r"\b[A-Z]{2,})\s+(?i:states|notes|say)$"
)
# A sentence that opens by saying who spoke: "Tokayev noted that ...", "The minister, who
# arrived late, said ...".
_REPORTING_LEAD = re.compile(
    rf"^\s*(?:(?:[{_CAP}][\w'’.-]+\s+){{0,3}}[{_CAP}][\w'’-]+|[Hh]e|[Ss]he)\s*(?:,[^,]{{0,80}},\s*)?"
    rf"(?:has\s+|had\s+|also\s+)?(?:{_VERBS})\b"
)
# The most words of narration after a quote that can still be its attribution ('..."
# Tadzhigul Begmedova, director of the Turkmenistan Helsinki Foundation, said by telephone.').
_ATTRIBUTION_WORDS = 25
# Words a quoted fragment needs to be a quote of someone's words, not a term in quote marks.
_QUOTED_WORDS = 4
_SUBJECT = re.compile(
    rf"\b(?P<who>(?:[{_CAP}][\w'’.-]+\s+){{0,3}}[{_CAP}][\w'’-]+)\s*(?:,[^,]{{0,80}},\s*)?(?:{_VERBS})\b"
)
# Photo captions: a dated scene, a credit, or "Name (, title,) does something" in the present.
_CAPTION = re.compile(
    r"\((?:[^()]*\b(?:19|20)\d\d|photo|file)[^()]*\)\s*$|\b(?:photo|credit|image|pictured)\b|"
    r"^(?:[A-Z][\w’'-]*\s+){1,4}(?:,[^,]{3,60},\s+)?(?!is\b|was\b|has\b|says\b)[a-z]{3,}s\s"
    r"(?:the\s|a\s|an\s|with\s|to\s|[A-Z])|"
    r"^(?:[A-Z][\w’'.-]*(?:\s+|$)){2,5}$"
)
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december council committee ministry
    office government security state republic parliament organization organisation treaty
    service agency administration army police guard court bank union nations news television
    the a an in on at this that these those it its our we i you they palace city region
    square street airport university school party forces force ministry department
    institution institute foundation center centre company corporation association society
    commission board authority laboratory hospital museum coalition network""".split()
)
_TITLE_WORDS = frozenset(
    """president minister chairman chairwoman leader spokesman spokeswoman spokesperson general
    mr mrs ms dr prof secretary ambassador governor mayor senator premier king queen
    chancellor commander colonel deputy prime ministers presidents leaders lt lieutenant sgt
    sergeant capt captain gen col cpl corporal det detective trooper sheriff inspector
    superintendent constable chief commissioner executive ceo director gov sen rep maj adm
    admiral cmdr supt insp judge pope archbishop bishop rabbi imam sheikh prince princess sir
    dame mp congressman congresswoman councillor councilman councilwoman treasurer chair
    chairperson""".split()
)
# Words that open a sentence in capitals before a name and are no part of it: "For Vera
# Kostan, that is not the point."
_OPENERS = frozenset(
    """for but and or as after before when while with without if since because although
    though despite during unlike under over by from to of about according among amid against
    than then so yet nor not also even just still only both either neither every each all
    what which who whose why how where there here once until unless whether""".split()
)
# Runs of capitalised words. At most 50: an unbounded run backtracks through every word of a
# long run of initials ("A. B. C. ...") from every start, which takes minutes on a long text.
_NAME_RUN = re.compile(rf"(?:[{_CAP}][\w'’.-]*\s+){{0,50}}[{_CAP}][\w'’-]+")
_PRONOUNS = frozenset({"he", "she", "they", "the president", "the minister"})
# Who is no person, or no one person, in an attribution: '"...," read the statement', "the
# ministry said", "a spokesman said" (someone the text does not name).
_NOT_PERSONS = frozenset(
    """statement report release document letter communique communiqué decree notice post
    tweet ministry agency department government office committee council service embassy
    court police army military administration cabinet parliament company firm group
    spokesman spokeswoman spokesperson""".split()
)
# A speaker's label opening a paragraph of a transcript: "TOKAYEV:", "PRESIDENT TOKAYEV:",
# "Q:", or a name ("Ilse Marrow:") when another paragraph of the source opens with a label too.
# A label may name the speaker's post ("JOHN MAUGER, U.S. COAST GUARD:"), give the time into
# the recording ("Admiral John Mauger (28:38):") and stand on a line of its own; "Speaker 1".
_TURN = re.compile(
    rf"(?P<who>[{_CAP}][\w.'’-]*(?:[ \t]+(?:[{_CAP}][\w.'’-]*|\d{{1,2}}\b)){{0,3}})"
    r"(?:,[ \t]+(?P<post>[^:\n]{1,60}?))?"
    r"(?P<time>[ \t]*[(\[]\d{1,2}:\d\d(?::\d\d)?[)\]])?"
    r"[ \t]*:(?:[ \t]+\S|[ \t]*$)"
)
# Words a speaker says of themselves; narration has them only inside quotes.
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|me|us)\b")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# Labels of no one named: "Speaker 1", "UNIDENTIFIED FEMALE", "UNKNOWN".
_UNNAMED = re.compile(r"(?:speaker|participant|unidentified|unknown)\b[\w ]*", re.IGNORECASE)
# Labels that head a paragraph without anyone speaking it ("Background:", "UPDATE:").
_NOT_SPEAKERS = frozenset(
    """note notes update updated photo photos picture image images tags tag topics editor
    editor's read watch listen see breaking warning source sources caption correction
    disclaimer advertisement related by published posted date location file background
    context details analysis summary flashback highlights key bottom why what where when
    how live developing exclusive""".split()
)
# Labels of the one who asks and the one who answers, whoever they are.
_ASKING = frozenset("q a question answer interviewer reporter journalist".split())


def split_statements(source: Source, aliases: tuple[Alias, ...] = ()) -> list[Statement]:
    """Return the statements of one source in reading order, each with kind and speaker."""
    statements: list[Statement] = []
    seen: dict[str, int] = {}
    people = _People(source.text, _alias_lookup(aliases))
    turns, labels, datelines = _transcript_turns(source, people)
    for label in labels.values():
        _turn_speaker(label, people)  # "BORIS SANCHEZ, CNN HOST:" gives Sanchez's full name
    for index, block in enumerate(source.blocks):
        turn = "label" if index in labels else "turn" if index in turns else ""
        spans: Iterable[tuple[int, int, StatementKind]] = _block_statements(
            source.text, block, turn
        )
        if index in datelines:
            place, rest = datelines[index]
            spans = itertools.chain(
                [(block.start, place, StatementKind.DATELINE)],
                _block_statements(source.text, Block(rest, block.end, block.hint)),
            )
        for start, end, kind in spans:
            text = source.text[start:end]
            key = _normalise(text)
            seen[key] = seen.get(key, 0) + 1
            file_start, file_end = source.file_span(start, end)
            statements.append(
                Statement(
                    id=statement_id(source.meta.id, text, seen[key]),
                    source=source.meta.id,
                    text=text,
                    kind=kind,
                    block=index,
                    doc_start=start,
                    doc_end=end,
                    start=file_start,
                    end=file_end,
                )
            )
    return _attribute_speakers(source, statements, people, turns)


def _transcript_turns(
    source: Source, people: _People
) -> tuple[dict[int, str], dict[int, str], dict[int, tuple[int, int]]]:
    """Return the paragraphs of a transcript that are a speaker's turn, and those that are a
    speaker's label alone, each with the label; and the paragraph that opens with a place in
    capitals, as a dateline ("NEW YORK: FTX founder ... was found guilty"), with where the
    place ends and where the text after it begins.

    A paragraph is a turn when it opens with a label in capitals ("TOKAYEV: ..."), or with any
    when two paragraphs or more have one ("Ilse Marrow: ...", "Tomas Keler: ..."); the
    paragraphs after a label in capitals or a label alone ("Admiral John Mauger (28:38):")
    are the same speaker's, up to the next label. A label in capitals that opens the first
    paragraph of the text and no other, followed by words no one says of themselves (no
    "I", "we", "our"), is a dateline, not a speaker.
    """
    found: dict[int, tuple[str, bool, bool]] = {}
    datelines: dict[int, tuple[int, int]] = {}
    first = True
    for index, block in enumerate(source.blocks):
        if block.hint:
            continue  # headlines ("President Tokayev: order restored"), items, clutter
        raw = source.text[block.start : block.end]
        body = raw.strip()
        opening = first and not BYLINE.match(body) and not _DATE_ONLY.match(body)
        first = first and not opening
        turn = _TURN.match(body)
        if turn is None:
            continue
        who = turn.group("who")
        if who.split()[0].casefold() in _NOT_SPEAKERS:
            continue  # a heading word ("UPDATE:")
        if opening and _is_dateline_label(body, turn):
            place = block.start + len(raw) - len(raw.lstrip()) + turn.end("who") + 1
            rest = source.text[place : block.end]
            datelines[index] = (place, place + len(rest) - len(rest.lstrip()))
        # Not a place ("Port Arden: cranes idle", in a round-up).
        if who.casefold() in people.places:
            continue
        post = turn.group("post") or ""
        capitals = who.upper() == who and post.upper() == post
        if post and not capitals:
            continue  # "Port Arden, the largest port: ..." is narration
        alone = turn.end() >= len(body)
        found[index] = (who, capitals or bool(turn.group("time")), alone)
    if any(index not in datelines for index in found):
        datelines = {}  # a transcript: the first label is a speaker's too
    labels = {
        index: (who, sure, alone)
        for index, (who, sure, alone) in found.items()
        if index not in datelines
        if sure or (len(found) > 1 and (len(who.split()) > 1 or alone))
    }
    turns: dict[int, str] = {}
    alone_lines: dict[int, str] = {}
    speaker: str | None = None
    for index, block in enumerate(source.blocks):
        if index in labels:
            who, sure, alone = labels[index]
            if alone:
                alone_lines[index] = who
            else:
                turns[index] = who
            speaker = who if sure or alone else None
        elif block.hint in ("headline", "heading"):
            speaker = None
        elif speaker is not None and not block.hint:
            turns[index] = speaker
    return turns, alone_lines, datelines


def _is_dateline_label(body: str, turn: re.Match[str]) -> bool:
    """Return whether a paragraph's label is a place in capitals that the paragraph's narration
    follows: no post, time or line of its own, and no one speaking of themselves after it."""
    who = turn.group("who")
    if who.upper() != who or turn.group("post") or turn.group("time"):
        return False
    rest = _QUOTED.sub(" ", body[turn.end("who") + 1 :]).strip()
    return bool(rest) and _FIRST_PERSON.search(rest) is None


def is_reported_speech(text: str) -> bool:
    """Return whether a sentence reports what someone said ("The Minister said the ...")."""
    return any(_AS_NOUN.search(text, 0, found.end()) is None for found in _REPORTED.finditer(text))


def statement_id(source_id: str, text: str, occurrence: int = 1) -> str:
    """Return the stable id of the ``occurrence``-th statement reading ``text`` in a source."""
    digest = hashlib.blake2b(_normalise(text).encode(), digest_size=5).hexdigest()
    return f"{source_id}-{digest}" + (f"-{occurrence}" if occurrence > 1 else "")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of ``text``, without outer white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    dateline = _DATELINE.match(text)
    if dateline:
        cut = dateline.end("dl") if dateline.group("dl") else dateline.end("dl2")
        spans.append((0, cut))
        start = dateline.end()
    for found in _BOUNDARY.finditer(text, start):
        if found.start() < start:
            continue
        if _is_abbreviation(text, found.start("end")) and not _ends_with_time(text, found):
            continue
        if text[found.end()].islower():
            continue  # "Why now?" he asked. -- the attribution goes on the sentence
        spans.append((start, found.end("end")))
        start = found.end()
    spans.append((start, len(text)))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _block_statements(
    text: str, block: Block, turn: str = ""
) -> Iterator[tuple[int, int, StatementKind]]:
    """Yield the statements of one block: a ``turn`` of a transcript is its speaker's words,
    and a speaker's ``label`` alone on its line says who speaks (a byline of the turn)."""
    body = text[block.start : block.end]
    fixed = {
        "boilerplate": StatementKind.BOILERPLATE,
        "headline": StatementKind.HEADLINE,
        "heading": StatementKind.HEADING,
        "caption": StatementKind.CAPTION,
    }.get(block.hint)
    if fixed is None and turn == "label":
        fixed = StatementKind.BYLINE
    if fixed is None and _DATE_ONLY.match(body.strip()):
        fixed = StatementKind.DATELINE
    if fixed is None and BYLINE.match(body.strip()):
        fixed = StatementKind.BYLINE
    if fixed is None and _CAPTION_LEAD.match(body.strip()):
        fixed = StatementKind.CAPTION
    if fixed is None and _is_standalone_label(body, block.hint):
        fixed = StatementKind.CAPTION if _CAPTION.search(body) else StatementKind.HEADING
    if fixed in (
        StatementKind.BOILERPLATE,
        StatementKind.HEADLINE,
        StatementKind.DATELINE,
        StatementKind.BYLINE,
    ):
        yield block.start, block.end, fixed
        return
    quoted = _quoted_mask(body)
    sentences = _split_signatures(body, split_sentences(body))
    # A paragraph that ends with a photo's credit is the photo's caption.
    if (
        fixed is None
        and turn != "turn"
        and sentences
        and _PHOTO_CREDIT.match(body[slice(*sentences[-1])])
    ):
        fixed = StatementKind.CAPTION
    for index, (a, b) in enumerate(sentences):
        if index == 0 and _DATELINE.match(body) and not _DATELINE.match(body).start():  # type: ignore[union-attr]
            yield block.start + a, block.start + b, StatementKind.DATELINE
            continue
        if _CREDIT.match(body[a:b]) or _POST_SIGNATURE.fullmatch(body[a:b]):
            yield block.start + a, block.start + b, StatementKind.BYLINE
            continue
        if fixed is not None:
            yield block.start + a, block.start + b, fixed
            continue
        if turn == "turn":
            yield block.start + a, block.start + b, StatementKind.QUOTE
            continue
        inside = sum(quoted[a:b])
        letters = sum(1 for c in body[a:b] if not c.isspace()) or 1
        kind = StatementKind.BODY
        if inside / letters >= 0.6 or _is_attributed_quote(body[a:b], quoted[a:b]):
            kind = StatementKind.QUOTE
        yield block.start + a, block.start + b, kind


def _split_signatures(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` with the signature of an embedded post a sentence of its own: "...
    https://t.co/x — Federal Reserve (@federalreserve) March 12, 2023" (its date is the post's,
    not one the report states)."""
    if "(@" not in body:
        return spans
    result = []
    for a, b in spans:
        found = _POST_SIGNATURE.search(body, a, b)
        if found and found.start() > a and found.end() == b:
            result += [_trim(body, a, found.start()), (found.start(), b)]
        else:
            result.append((a, b))
    return result


def _is_standalone_label(body: str, hint: str) -> bool:
    """Return whether a line without closing punctuation is a heading or caption, not prose."""
    words = body.split()
    if hint == "item" or not words or len(words) > 14:
        return False
    if re.search(r"[.!?:;,…]$", body.rstrip('”"’)» ')):
        return False
    return len(words) <= 8 or bool(_CAPTION.search(body))


def _is_attributed_quote(sentence: str, quoted: list[bool]) -> bool:
    """Return whether a sentence is a quote and who said it: '"...," he said.',
    'Abayev said, "..."' (the quote at least a third of the sentence), or reported speech
    that quotes some of the speaker's words: 'Tokayev noted that the forces must "fulfill the
    function of cover and support."'."""
    if not quoted or all(quoted) or not any(quoted):
        return False
    if quoted[0]:
        # The attribution follows the first quoted run; the narration after it may quote a
        # term ('..." he said, referring to Prigozhin, known as "Putin's chef".').
        for tail in (
            sentence[quoted.index(False) :],
            sentence[len(quoted) - quoted[::-1].index(True) :],
        ):
            if _ATTR_AFTER.match(tail) and len(tail.split()) <= _ATTRIBUTION_WORDS:
                return True
        return False
    lead = sentence[: quoted.index(True)]
    if _ATTR_BEFORE.search(lead) and sum(quoted) >= len(sentence) / 3:
        return True
    if not _REPORTING_LEAD.match(lead):
        return False
    words = "".join(c if inside else " " for c, inside in zip(sentence, quoted, strict=True))
    return len(_QUOTE_MARK.sub(" ", words).split()) >= _QUOTED_WORDS


_QUOTE_MARK = re.compile('[“«”»"]')


def _quoted_mask(body: str) -> list[bool]:
    """Return, for each character of a paragraph, whether it lies inside a direct quote."""
    mask = [False] * len(body)
    stripped = body.lstrip()
    lead = len(body) - len(stripped)
    if stripped[:1] in "–—" or stripped[:2] == "- ":
        end = len(body)
        tail = _dash_quote_end(body)
        if tail is not None:
            end = tail
        mask[lead:end] = [True] * max(0, end - lead)
        return mask
    # Quote marks are inside; what lies between them takes the state the last one left. A
    # closing mark with no opening one ends a quote whose opening mark was left out: it began
    # at the mark before, or at the start of the paragraph ('... terrorists.” He also took
    # action,” he said.').
    inside = False
    after = 0
    for found in _QUOTE_MARK.finditer(body):
        index = found.start()
        if inside or body[index] in "”»":
            mask[after:index] = [True] * (index - after)
        char = body[index]
        inside = char in "“«" or (char == '"' and not inside)
        mask[index] = True
        after = index + 1
    if inside:
        mask[after:] = [True] * (len(body) - after)
    if not any(mask):
        _mark_single_quotes(body, mask)
    return mask


# British style quotes in single marks: ‘ opening a word, ’ ending one that no letter follows
# (an apostrophe, as in "don’t", has one).
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))‘(?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"’(?![^\W\d_])")


def _mark_single_quotes(body: str, mask: list[bool]) -> None:
    """Mark the quotes of a paragraph that quotes in single marks only (‘...’)."""
    position = 0
    while True:
        opening = _SINGLE_OPEN.search(body, position)
        if opening is None:
            return
        closing = _SINGLE_CLOSE.search(body, opening.end())
        end = closing.end() if closing else len(body)
        mask[opening.start() : end] = [True] * (end - opening.start())
        position = end


def _dash_quote_end(body: str) -> int | None:
    found = None
    for match in re.finditer(
        r"[,.!?…]\s*[”\"]?\s*(?:[–—-]\s*)?(?=[^,.!?…]{2,120}[.!?]?\s*$)", body
    ):
        rest = body[match.end() :]
        if _ATTR_AFTER.match(rest) and match.start() > 0:
            found = match.start() + 1
    return found


class _People:
    """What one source says about people: full forms of names, and phrases that are places."""

    def __init__(self, text: str, lookup: dict[str, str]) -> None:
        self.lookup = lookup
        self.full_names: dict[str, str] = {}
        # Last words of people the text does not name, who speak: "a Western diplomat".
        self.unnamed: set[str] = set()
        # Capitalised phrases after "in", "at", "of"... are places and bodies, not speakers.
        self.places = {
            " ".join(m.group(1).split()).casefold()
            for m in re.finditer(
                r"\b(?:in|at|of|from|near|across|(?<!according )to|between|and|via|through|"
                r"towards?|into)\s+"
                rf"((?:[{_CAP}][\w'’-]+\s?){{1,3}})",
                text,
            )
        }

    def full(self, name: str | None) -> str | None:
        """Return the fullest form of ``name`` seen so far, remembering new full forms."""
        if name is None:
            return None
        parts = name.split()
        if len(parts) > 1:
            self.full_names.setdefault(parts[-1], name)
            return name
        return self.full_names.get(name, name)

    def names(self, text: str) -> list[str]:
        """Return the runs of capitalised words in ``text`` that look like people's names.

        A run counts when, after any title ("President", "Mr.") and any leading place, it has
        two or more words, or one word that a title introduces or that is a known surname.
        """
        names = []
        for run in _NAME_RUN.finditer(text):
            before = text[max(0, run.start() - 30) : run.start()]
            for words in _sentence_parts(run.group().split()):
                name = self._name(words, before)
                if name:
                    names.append(name)
                before = ""  # a later part follows a sentence's end, not that text
        return names

    def _name(self, words: list[str], before: str) -> str | None:
        """Return the name that capitalised ``words`` give, if they give one; ``before``: the
        text before them."""
        # "Yevgeny Prigozhin's coup": the name, not its possessive.
        words = [*words[:-1], re.sub(r"[’']s$", "", words[-1])] if words else words
        titled = [i for i, w in enumerate(words) if _bare(w) in _TITLE_WORDS]
        if titled:
            words = words[titled[-1] + 1 :]
            words = words if len(words) <= 3 else words[:1]  # Title Case headline runs on
        while len(words) > 1 and (_bare(words[0]) in self.places or _bare(words[0]) in _OPENERS):
            words = words[1:]
        if not words or any(_bare(w) in _NOT_NAMES for w in words):
            return None
        if " ".join(words).casefold() in self.places:
            return None
        # "spokesman Mujahidin": a title in lower case before the run.
        lead = before.split()[-1:]
        titled_before = bool(lead) and _bare(lead[0]) in _TITLE_WORDS
        if len(words) >= 2 or titled or titled_before or words[0] in self.full_names:
            return " ".join(words)
        return None


def _sentence_parts(words: list[str]) -> Iterator[list[str]]:
    """Yield a run of capitalised words cut after each word that ends a sentence: "Robert
    Sznewajs. The" is "Robert Sznewajs" and "The" (but "Lt. Gregg Hastings" is one)."""
    part: list[str] = []
    for word in words:
        part.append(word)
        bare = word.rstrip(".")
        if (
            word.endswith(".")
            and len(bare) > 2
            and "." not in bare
            and bare.lower() not in _ABBREVIATIONS
        ):
            yield [*part[:-1], bare]
            part = []
    if part:
        yield part


def _attribute_speakers(
    source: Source, statements: list[Statement], people: _People, turns: dict[int, str]
) -> list[Statement]:
    """Return ``statements`` with the speaker of every direct quote the text attributes.

    The speaker comes from narration around the quote in its paragraph; "he said" and titles
    ("the Head of State") resolve to the person the text named last; a quote paragraph with no
    narration continues the previous quote paragraph's speaker. A transcript's paragraph is
    its label's ("TOKAYEV:"; "Q:" is no one named).
    """
    # Full names first: "Minister Marrow said" is Ilse Marrow if the text names her anywhere.
    for block in source.blocks:
        body = source.text[block.start : block.end]
        for name in dict.fromkeys(people.names(body)):
            if len(name.split()) > 1 and _introduces_person(body, name):
                people.full(name)
    context: str | None = None
    by_block: dict[int, list[Statement]] = {}
    for statement in statements:
        by_block.setdefault(statement.block, []).append(statement)
    result: list[Statement] = []
    # Who spoke the last quote of the quote paragraph before: (name,), or (None,) for someone
    # unnamed ("a diplomat"); None when narration came between.
    previous: tuple[str | None] | None = None
    for block_index, members in sorted(by_block.items()):
        block = source.blocks[block_index]
        body = source.text[block.start : block.end]
        if not any(s.kind in (StatementKind.BODY, StatementKind.QUOTE) for s in members):
            # A headline, heading or caption names no one "he" can be: "Urged Russians to
            # unite" heads a paragraph.
            result.extend(members)
            continue
        mentioned = _mentioned_person(body, people)
        quotes = [s for s in members if s.kind is StatementKind.QUOTE]
        speakers: dict[str, str | None] = {}
        if block_index in turns:
            speaker = _turn_speaker(turns[block_index], people)
            speakers = {s.id: speaker for s in quotes}
        elif quotes:
            # A quote whose narration does not say: the person the paragraph names, else the
            # last quote paragraph's speaker, else the person named last.
            fallback = mentioned or (previous[0] if previous else None)
            if previous is None or previous[0] is not None:
                fallback = fallback or context
            runs = _quote_runs(body, people, mentioned or context)
            for quote in quotes:
                said = _run_speaker(
                    runs, quote.doc_start - block.start, quote.doc_end - block.start
                )
                speakers[quote.id] = people.full(said[0] if said else fallback)
        if speakers:
            last = list(speakers.values())[-1]
            previous = (last,)
            context = last or mentioned or context
        else:
            if any(s.is_content for s in members):
                previous = None
            context = mentioned or context
        result.extend(
            replace(s, speaker=speakers[s.id]) if speakers.get(s.id) else s for s in members
        )
    return result


def _turn_speaker(label: str, people: _People) -> str | None:
    """Return who a transcript's label names ("PRESIDENT TOKAYEV" is the President)."""
    if label.casefold() in _ASKING or _UNNAMED.fullmatch(label):
        return None
    words = label.split()
    if label.upper() == label:
        words = [word.capitalize() for word in words]
    name = " ".join(words)
    return people.full(_resolve(name, people, None) or name)


# A quote in a paragraph, from ``start`` to ``end``, and who says it: (name,), (None,) for
# someone the text does not name ("a Western diplomat"), or None when the narration does not say.
_Run = tuple[int, int, tuple[str | None] | None]


def _quote_runs(body: str, people: _People, context: str | None) -> list[_Run]:
    """Return the quotes of a paragraph, each with its speaker: from the narration after it
    ('"...," the Head of State said.') or before it ('Tokayev said: "...'), else from the
    quote before it in the paragraph ('"...," he said. "..."'), else from the one after it."""
    quoted = _quoted_mask(body)
    spans: list[tuple[int, int]] = []
    start = None
    for index, inside in enumerate([*quoted, False]):
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            spans.append((start, index))
            start = None
    found: list[tuple[str | None] | None] = []
    for number, (a, b) in enumerate(spans):
        after = body[b : spans[number + 1][0] if number + 1 < len(spans) else len(body)]
        before = body[spans[number - 1][1] if number else 0 : a]
        said = None
        attribution = _ATTR_AFTER.match(after) or _ATTR_BEFORE.search(before)
        if attribution:
            said = _attribution(attribution, people, context)
        found.append(said)
    runs: list[_Run] = []
    for number, (a, b) in enumerate(spans):
        said = next((f for f in reversed(found[: number + 1]) if f is not None), None)
        if said is None:
            said = next((f for f in found[number:] if f is not None), None)
        runs.append((a, b, said))
    return runs


def _run_speaker(runs: list[_Run], start: int, end: int) -> tuple[str | None] | None:
    """Return who says the first quote that the statement from ``start`` to ``end`` overlaps."""
    for a, b, said in runs:
        if a < end and start < b:
            return said
    return None


def _attribution(
    found: re.Match[str], people: _People, context: str | None
) -> tuple[str | None] | None:
    """Return who an attribution names: (name,), (None,) for someone unnamed ("a Western
    diplomat", and after it "the diplomat"), or None when it does not tell."""
    groups = found.groupdict()
    phrase = " ".join((groups.get("w1") or groups.get("w2") or groups["who"]).split())
    phrase = phrase.strip(" ,–—-")
    words = phrase.casefold().split()
    if not words:
        return None
    # "the candidate, regional bureaucrat Resulberdy Mammedov, said": the name in apposition.
    named = people.names(found.group("app")) if found.group("app") else []
    if words[0] in ("the", "a", "an") and named:
        return (people.full(named[-1]),)
    if words[0] in ("a", "an", "one", "another") and len(words) > 1:
        people.unnamed.add(_bare(words[-1]))
        return (None,)
    if words[0] == "the" and _bare(words[-1]) in people.unnamed:
        return (None,)
    if _is_no_person(phrase, people):
        return (None,)
    speaker = _resolve(phrase, people, context)
    # One name, after words that say who the person is: "said Maral, 45, an Ashgabat
    # resident", "said fisherman's wife Mapahai".
    last = phrase.split()[-1]
    if speaker is None and all(w.islower() for w in phrase.split()[:-1]):
        speaker = last if _is_single_name(last, people) else None
    return (speaker,) if speaker else None


def _is_no_person(phrase: str, people: _People) -> bool:
    """Return whether an attribution's subject is a thing, a body or a group, not a person the
    text names or "he" can be: "the statement", "U.S. officials", "the joint representatives
    of the Treasury", "the Harbour Board"."""
    folded = phrase.casefold()
    if _alias_of(folded, people.lookup):
        return False
    head = re.split(r"\s+of\s+|,", phrase)[0].split()
    if not head:
        return False
    noun = _bare(head[-1])
    if head[0].casefold() == "the" and len(head) > 1 and head[-1][:1].isupper():
        # "the Harbour Board", "the Defence Ministry"; "the Head of State" is a person.
        return noun in _NOT_PERSONS or noun in _NOT_NAMES
    if not head[-1].islower() or people.names(" ".join(head)):
        return False
    return noun in _NOT_PERSONS or (
        noun.endswith("s") and not noun.endswith("ss") and noun not in _PRONOUNS
    )


def _is_single_name(word: str, people: _People) -> bool:
    """Return whether one capitalised word beside a reporting verb reads as a person's name."""
    return (
        word[:1].isupper()
        and re.sub(r"[-'’]", "", word).isalpha()
        and _bare(word) not in _NOT_NAMES
        and _bare(word) not in _TITLE_WORDS
        and _bare(word) not in _PRONOUNS
        and word.casefold() not in people.places
    )


def _resolve(who: str, people: _People, context: str | None) -> str | None:
    phrase = " ".join(who.split()).strip(" ,–—-")
    folded = phrase.casefold()
    alias = _alias_of(folded, people.lookup)
    if alias:
        return alias
    if folded in _PRONOUNS or folded.split()[:1] in (["he"], ["she"]):
        return context
    for variant, name in people.lookup.items():
        if variant in folded and re.search(rf"\b{re.escape(variant)}\b", folded):
            return name
    names = people.names(phrase)
    if names:
        return names[-1]
    return context if folded.startswith("the ") else None


def _mentioned_person(body: str, people: _People) -> str | None:
    """Return the person a paragraph names as speaking (else the first person it names)."""
    folded = body.casefold()
    for variant, name in people.lookup.items():
        # The substring test first: a regular expression per name and paragraph adds up.
        if " " in variant and variant in folded and re.search(rf"\b{re.escape(variant)}\b", folded):
            return name
    for found in _SUBJECT.finditer(body):
        names = people.names(found.group("who"))
        if names:
            return people.full(names[-1])
        # One name after narration, not a sentence's first word ("Officials said"):
        # "25-year-old Guzel said".
        who = found.group("who")
        lead = body[max(0, found.start() - 2) : found.start()]
        if " " not in who and re.fullmatch(r"[\w,]\s", lead) and _is_single_name(who, people):
            return who
    # A name after "he said that" is what someone else spoke of ('he said that Wagner chief
    # Yevgeny Prigozhin "betrayed" Russia'): "he" is someone named before this paragraph.
    spoken_of = _PRONOUN_SAID.search(body)
    for name in dict.fromkeys(people.names(body)):
        if spoken_of and body.find(name) > spoken_of.start():
            break
        known = name in people.full_names or name in people.full_names.values()
        if known or _introduces_person(body, name):
            return people.full(name)
    return None


_PRONOUN_SAID = re.compile(rf"\b(?:[Hh]e|[Ss]he)\s+(?:has\s+|had\s+|also\s+)?(?:{_VERBS})\b")


def _introduces_person(body: str, name: str) -> bool:
    """Return whether ``body`` presents ``name`` as a person: with a title before it ("the
    Minister of Ports, Ilse Marrow"), or as the subject of a sentence ("Dauren Abayev spoke")."""
    lead = body[: body.find(name)].split()[-8:]
    if any(_bare(word) in _TITLE_WORDS for word in lead):
        return True
    # Its title after it ("Jennifer Homendy, chair of the board"), or right after a reporting
    # verb ("said Jennifer Homendy").
    after = body[body.find(name) + len(name) :]
    title = re.match(r",\s+(?:the\s+|a\s+|an\s+)?(?:\S+\s+){0,2}?(\S+)", after)
    if title and _bare(title.group(1)) in _TITLE_WORDS:
        return True
    if lead and re.fullmatch(_VERBS, _bare(lead[-1])):
        return True
    # An age before it: "among them 34-year-old Luka Hensel".
    if lead and re.fullmatch(r"\d{1,3}-year-old", lead[-1]):
        return True
    # The subject of a sentence, or set beside one by commas: "The harbour master, Anna Lind,".
    return bool(
        re.search(rf"(?:^|[.!?]\s+){re.escape(name)},?\s+[a-z]", body)
        or re.search(
            rf"(?:^|[.!?]\s+)(?:The|A|An|Its|Their)\s[^,.;!?]{{1,60}},\s+{re.escape(name)},", body
        )
    )


@functools.lru_cache(maxsize=1 << 16)  # the same words come back in every paragraph
def _bare(word: str) -> str:
    return re.sub(r"(?:[’']s)?[.,]?$", "", word.casefold())


def _alias_lookup(aliases: tuple[Alias, ...]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for alias in aliases:
        for variant in (alias.name, *alias.variants):
            lookup[variant.casefold()] = alias.name
            lookup.setdefault(_alias_key(variant.casefold()), alias.name)
    return lookup


def _alias_of(folded: str, lookup: dict[str, str]) -> str | None:
    """Return the name an alias list gives a phrase (lower case), with or without "the"
    before it and articles inside it ("the Head of the State" for "Head of State")."""
    for candidate in (folded, folded.removeprefix("the ")):
        name = lookup.get(candidate) or lookup.get(_alias_key(candidate))
        if name:
            return name
    return None


def _alias_key(folded: str) -> str:
    return " ".join(without_inner_articles(folded.split()))


def _ends_with_time(text: str, found: re.Match[str]) -> bool:
    """Return whether a sentence ends with a time of day before a new one: "... at 3 p.m. Talks
    resume" (but not "at 5 p.m. GMT the market closed")."""
    before = text[max(0, found.start("end") - 4) : found.start("end") + 1].lower()
    if not before.endswith(("a.m.", "p.m.")):
        return False
    following = text[found.end() : found.end() + 40]
    return bool(re.match(r"[A-Z][a-z]", following)) and not _TIME_GOES_ON.match(following)


# What may follow "3 p.m." in the same sentence: "Friday", "March 4", "Moscow time", "Eastern".
_TIME_GOES_ON = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|"
    r"apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?|eastern|pacific|central|mountain|local)\b|[A-Z][a-z]+ time\b",
    re.IGNORECASE,
)


def _is_abbreviation(text: str, end: int) -> bool:
    if text[end] != ".":
        return False
    # The word before the full stop; a window keeps this from reading the whole text each time
    # (abbreviations are short, and a longer word is not one either way).
    word = re.search(r"([\w.]+)$", text[max(0, end - 40) : end])
    if not word:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True  # an initial: J. Smith
    if "." in token and len(token) <= 6:
        return True  # U.S. e.g. i.e.
    return token.lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())
