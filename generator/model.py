"""Every record the pipeline passes between its stages."""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass, field

from generator.synonyms import DEFAULT_SYNONYMS


class SourceKind(enum.Enum):
    """What sort of outlet published a source."""

    OFFICIAL = "official"
    STATE_WIRE_AGENCY = "state wire agency"
    WIRE_AGENCY = "wire agency"
    NEWSPAPER = "newspaper"
    BROADCASTER = "broadcaster"
    AGGREGATOR = "aggregator"
    BLOG = "blog"
    OTHER = "other"


class StatementKind(enum.Enum):
    """The role a statement plays in its source."""

    HEADLINE = "headline"
    HEADING = "heading"
    CAPTION = "caption"
    DATELINE = "dateline"
    BYLINE = "byline"
    BODY = "body"
    QUOTE = "quote"
    BOILERPLATE = "boilerplate"


#: Kinds that carry reporting and take part in matching and counting.
CONTENT_KINDS = frozenset(
    {
        StatementKind.HEADLINE,
        StatementKind.HEADING,
        StatementKind.CAPTION,
        StatementKind.BODY,
        StatementKind.QUOTE,
    }
)


class LinkKind(enum.Enum):
    """How two linked statements relate."""

    VERBATIM = "verbatim"
    PARAPHRASE = "paraphrase"
    PARTIAL = "partial"


class Severity(enum.Enum):
    """Whether the build can go on after a problem."""

    WARNING = "warning"
    ERROR = "error"


# Characters that would move the cursor, colour a terminal or reorder a line when a message
# naming a file or quoting its text is printed: shown escaped (\x1b, \u202e) instead.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Return ``text`` with control and direction-changing characters escaped."""
    return _UNPRINTABLE.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


@dataclass(frozen=True)
class Origin:
    """Where a value written by a person came from."""

    path: str
    """File path as the user would type it (relative to the project where possible)."""
    line: int | None = None
    """1-based line number, when known."""

    def __str__(self) -> str:
        path = printable(self.path)
        return f"{path}:{self.line}" if self.line else path


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, reported to the user."""

    severity: Severity
    """Whether the build can survive it."""
    origin: Origin
    """File (and line) the problem is in."""
    message: str
    """What is wrong and what to do about it."""

    def __str__(self) -> str:
        return f"{self.origin}: {printable(self.message)}"


@dataclass(frozen=True)
class SourceMeta:
    """What the project says (or infers) about one source document."""

    id: str
    """Short stable identifier, used in URLs and statement ids."""
    file: str
    """File name inside the sources folder."""
    title: str
    """Headline of the document."""
    outlet: str
    """Who published it."""
    kind: SourceKind
    """What sort of outlet it is."""
    published: datetime.date | None
    """Publication date, when known."""
    language: str
    """Language code of the text as collected (e.g. ``en``)."""
    notes: str = ""
    """Free-text remarks (translated, outlet unknown, ...)."""
    url: str | None = None
    """Original address, only when the user gave one."""
    origin: Origin = Origin("")
    """Where this metadata was written (or the source file, when inferred)."""
    inferred: bool = False
    """True when no metadata entry exists and everything was guessed from the text."""
    short_name: str = ""
    """Short label for cross-links and tables; the outlet when empty."""

    @property
    def label(self) -> str:
        """Return the name to show where space is short."""
        return self.short_name or self.outlet


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit of a source: a line, a list item, a heading element."""

    start: int
    """Offset of the first character in the source's document text."""
    end: int
    """Offset just past the last character."""
    hint: str = ""
    """Structure known from the markup: ``heading``, ``caption``, ``item`` or empty."""


@dataclass(frozen=True)
class Source:
    """One loaded source document."""

    meta: SourceMeta
    """Its metadata."""
    path: str
    """Path of the file as read (relative to the project)."""
    text: str
    """Document text: the file itself for text and Markdown, the extracted text for HTML."""
    blocks: tuple[Block, ...]
    """Paragraph-like units of ``text``, in order."""
    file_offsets: tuple[int, ...] | None = None
    """For extracted text, the file offset of each character of ``text`` (plus one past the end)."""
    file_ends: tuple[int, ...] | None = None
    """For extracted text, the file offset just past each character of ``text`` as written."""

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span in the file as read of ``text[start:end]``."""
        if self.file_offsets is None or self.file_ends is None:
            return start, end
        if end <= start:
            return self.file_offsets[start], self.file_offsets[start]
        return self.file_offsets[start], self.file_ends[end - 1]


@dataclass(frozen=True)
class Statement:
    """One sentence-level statement of a source."""

    id: str
    """Stable id: the same text in the same source always gets the same id."""
    source: str
    """Id of the source it belongs to."""
    text: str
    """The statement as it reads in the source."""
    kind: StatementKind
    """Its role in the source."""
    block: int
    """Index of the block it sits in."""
    doc_start: int
    """Offset in the source's document text."""
    doc_end: int
    """End offset in the source's document text."""
    start: int
    """Offset in the source file as read."""
    end: int
    """End offset in the source file as read."""
    speaker: str | None = None
    """Who is quoted, for direct quotes whose speaker the text names."""

    @property
    def is_content(self) -> bool:
        """Return whether the statement takes part in matching and counting."""
        return self.kind in CONTENT_KINDS


@dataclass(frozen=True)
class Conflict:
    """A fact on which two linked statements disagree."""

    field: str
    """What kind of fact: ``number``, ``year``, ``date``, ``place``, ``person``."""
    left: str
    """The value as the ``from`` statement gives it."""
    right: str
    """The value as the ``to`` statement gives it."""


@dataclass(frozen=True)
class Link:
    """Two statements of different sources that report the same thing."""

    source: str
    """Id of one statement (the one whose source sorts first)."""
    target: str
    """Id of the other statement."""
    kind: LinkKind
    """How they match."""
    score: float
    """Similarity in [0, 1]."""
    conflicts: tuple[Conflict, ...] = ()
    """Facts they disagree on."""
    curated: bool = False
    """True when a person confirmed or added the link in an annotation."""


@dataclass(frozen=True)
class Cluster:
    """A group of statements from several sources that report the same thing."""

    id: str
    """Stable id derived from its members."""
    statements: tuple[str, ...]
    """Ids of its statements, ordered by source then position."""
    sources: tuple[str, ...]
    """Ids of the sources it covers, in source order."""
    title: str = ""
    """Title given by an annotation, if any."""
    summary: str = ""
    """Summary given by an annotation (Markdown), if any."""


class Verdict(enum.Enum):
    """An analyst's judgement on a statement."""

    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    FALSE = "false"
    MISLEADING = "misleading"
    UNVERIFIED = "unverified"


class Importance(enum.Enum):
    """How much an annotated statement matters to the briefing, lowest first."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class TargetKind(enum.Enum):
    """What an annotation is attached to."""

    STATEMENT = "statement"
    SOURCE = "source"
    CLUSTER = "cluster"


class CurationKind(enum.Enum):
    """What an annotation does to the link between its statement and another."""

    CONFIRM = "confirm"
    REJECT = "reject"
    LINK = "link"


@dataclass(frozen=True)
class Selector:
    """How an annotation names its target, as the analyst wrote it."""

    origin: Origin
    """File and line of the naming keys."""
    quote: str = ""
    """Exact words of the statement (or part of it)."""
    prefix: str = ""
    """Words just before the quote, to tell apart quotes found more than once."""
    suffix: str = ""
    """Words just after the quote."""
    id: str = ""
    """Statement id, as shown in the statement's anchor."""
    source: str = ""
    """Source id: the source to search for the quote, or the target itself."""
    cluster: str = ""
    """Cluster id, when the cluster is named by id."""


@dataclass(frozen=True)
class Anchor:
    """Where a statement selector landed in the current text."""

    statement: str
    """Id of the statement found."""
    source: str
    """Id of its source."""
    start: int
    """Offset of the matched words in the source's document text."""
    end: int
    """End offset of the matched words."""
    text: str
    """The matched words as they now read."""
    fuzzy: bool = False
    """True when the words no longer match exactly and the anchor was found by similarity."""
    score: float = 1.0
    """Similarity of the quote (and its context) to the text found, in [0, 1]."""


@dataclass(frozen=True)
class Curation:
    """An analyst's decision about the link between the annotated statement and another."""

    kind: CurationKind
    """Confirm or reject an automatic link, or add a missing one."""
    selector: Selector
    """How the other statement is named."""
    link_kind: LinkKind | None = None
    """How the two relate, for added links; inferred when not given."""
    statement: str = ""
    """Id of the other statement, once resolved."""


@dataclass(frozen=True)
class Evidence:
    """A reference backing a verdict."""

    title: str
    """What the reference is, as the analyst names it."""
    url: str = ""
    """Its address, when it has one."""


@dataclass(frozen=True)
class Annotation:
    """An analyst's entry on a statement, a source or a cluster."""

    origin: Origin
    """File and line of the entry."""
    id: str
    """Stable id of the entry (``a-`` and a hash of its file and content)."""
    target_kind: TargetKind
    """Whether it is about a statement, a whole source or a cluster."""
    selector: Selector
    """How the entry names its target."""
    target: str = ""
    """Id of what it is attached to; empty until resolved."""
    anchor: Anchor | None = None
    """Where the quote landed, for statements (and clusters named by a member)."""
    note: str = ""
    """Markdown text."""
    tags: tuple[str, ...] = ()
    """Free labels."""
    verdict: Verdict | None = None
    """Judgement, if any."""
    evidence: tuple[Evidence, ...] = ()
    """References backing the verdict."""
    speaker: str = ""
    """Who really speaks, replacing the speaker found in the text."""
    importance: Importance | None = None
    """How much it matters, if said."""
    title: str = ""
    """Title of a cluster."""
    summary: str = ""
    """Summary of a cluster (Markdown)."""
    curations: tuple[Curation, ...] = ()
    """Links confirmed, rejected or added from the annotated statement."""
    text: str = ""
    """The entry as written in its file."""


@dataclass(frozen=True)
class Orphan:
    """An annotation that did not find its target, kept whole so no word is lost."""

    origin: Origin
    """File and line of the entry (or the file, when it could not be read)."""
    reason: str
    """Why it found no target."""
    text: str
    """The entry (or the whole file) as written."""
    annotation: Annotation | None = None
    """The entry as read, when it could be read."""


@dataclass(frozen=True)
class Briefing:
    """Everything the analysis knows, ready for rendering and export."""

    title: str
    """Title of the briefing."""
    description: str
    """What the briefing covers (Markdown written by the user)."""
    sources: tuple[Source, ...]
    """All sources, in a stable order."""
    statements: tuple[Statement, ...]
    """All statements, grouped by source, in reading order."""
    links: tuple[Link, ...]
    """Every link once."""
    clusters: tuple[Cluster, ...]
    """Groups of statements linked across sources."""
    annotations: tuple[Annotation, ...] = ()
    """Resolved annotations."""
    orphans: tuple[Orphan, ...] = ()
    """Annotations that found no target, with their full content."""
    problems: tuple[Problem, ...] = field(default=())
    """Warnings gathered on the way."""


@dataclass(frozen=True)
class MatchSettings:
    """Knobs of the matcher, from ``site-config/settings.yml``."""

    threshold: float = 0.42
    """Lowest similarity at which two statements are linked as reporting the same thing."""
    strong_threshold: float = 0.72
    """Similarity above which a link is kept even when it is not the mutual best match."""
    partial_containment: float = 0.5
    """Share of the shorter statement's words found in the longer one that makes a partial link."""
    min_words: int = 2
    """Statements with fewer content words than this are not matched."""
    synonyms: tuple[tuple[str, ...], ...] = DEFAULT_SYNONYMS
    """Groups of words that count as near-matches of one another (``synonyms`` in settings)."""


@dataclass(frozen=True)
class Alias:
    """One canonical name and the other ways sources write it."""

    name: str
    """The name the site shows."""
    variants: tuple[str, ...]
    """Other spellings, titles and translations that mean the same person or place."""


@dataclass(frozen=True)
class Settings:
    """Project settings, from ``site-config/settings.yml``."""

    title: str = "Briefing"
    """Title of the briefing site."""
    description: str = ""
    """What the briefing covers (Markdown)."""
    boilerplate: tuple[str, ...] = ()
    """Regular expressions; a line that matches one is site clutter."""
    aliases: tuple[Alias, ...] = ()
    """Name variants of people and places."""
    matching: MatchSettings = field(default_factory=MatchSettings)
    """Matcher knobs."""
    origin: Origin = Origin("")
    """The settings file."""
