"""Annotations: every error message exact, orphans kept whole, every field on the built site,
curation over the matcher, the starter file, and the JSON Schemas in step with the validator."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import config
from generator.annotations import ALLOWED_KEYS, EVIDENCE_KEYS, LINK_KEYS, STATEMENT_KEYS, TAG
from generator.cli import main
from generator.config import ProjectPaths
from generator.curation import curate_links
from generator.export import export_briefing
from generator.model import (
    Annotation,
    Briefing,
    Conflict,
    Curation,
    CurationKind,
    Importance,
    Link,
    LinkKind,
    MatchSettings,
    Origin,
    Selector,
    SourceKind,
    Statement,
    StatementKind,
    TargetKind,
    Verdict,
)
from generator.pipeline import build_briefing
from generator.plugin import BriefingPlugin
from tests.conftest import BRIDGE_FILES, MKDOCS_YML, REPO

MKDOCS_WITH_TAGS = MKDOCS_YML.replace("  - search\n", "  - search\n  - tags\n")
NOTES = "content/annotations/notes.yml"
ALLOWED = (
    "quote, prefix, suffix, id, source, cluster, note, tags, verdict, evidence, speaker, "
    "importance, title, summary, confirm, reject, link"
)


@pytest.fixture
def bridge(make_project: Callable[..., Path]) -> Path:
    return make_project(
        BRIDGE_FILES,
        MKDOCS_WITH_TAGS,
    )


def _briefing(root: Path, notes: str) -> Briefing:
    (root / NOTES).write_text(notes, encoding="utf-8")
    return build_briefing(ProjectPaths.under(root))


def _problems(root: Path, notes: str) -> list[str]:
    return [str(p) for p in _briefing(root, notes).problems]


def _id(briefing: Briefing, text: str) -> str:
    return next(s.id for s in briefing.statements if s.text == text)


def _build(root: Path, monkeypatch: pytest.MonkeyPatch, strict: bool = True) -> Path:
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml"), strict=strict))
    return root / "site"


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


BAD_ENTRIES = [
    (
        '- quote: "Residents crossed it\n  note: x\n',
        "1: invalid YAML: found unexpected end of stream; fix the syntax (indentation, quotes, "
        "colons)",
    ),
    (
        "quote: Residents\nnote: x\n",
        "1: expected a list of annotations, got a mapping; start each entry with '- ', "
        "e.g. '- quote: ...'",
    ),
    (
        "- Residents crossed it on foot\n",
        "1: expected a mapping with keys like quote and note, got a string",
    ),
    (
        "- quote: Residents crossed it on foot\n  notte: x\n",
        f"2: unknown key 'notte' (did you mean 'note'?); expected one of: {ALLOWED}",
    ),
    (
        "- quote: Residents crossed it on foot\n  colour: red\n",
        f"2: unknown key 'colour'; expected one of: {ALLOWED}",
    ),
    (
        "- note: Nobody knows.\n",
        "1: the entry has no target; add quote, id, source or cluster",
    ),
    (
        "- quote: 1992\n",
        "1: quote must be the exact words of a statement, got a number; put it in quotes",
    ),
    (
        "- prefix: The bridge\n  note: x\n",
        "1: prefix needs a quote: it is the words just before the quoted ones",
    ),
    (
        "- quote: Residents crossed it on foot\n  verdict: fake\n",
        "2: unknown verdict 'fake'; expected one of: confirmed, disputed, false, misleading, "
        "unverified",
    ),
    (
        "- quote: Residents crossed it on foot\n  importance: urgent\n",
        "2: unknown importance 'urgent'; expected one of: low, normal, high, critical",
    ),
    (
        "- quote: Residents crossed it on foot\n  tags: [ok, {a: 1}]\n",
        "2: tags must be a list of words, e.g. [use-of-force, casualties]",
    ),
    (
        '- quote: Residents crossed it on foot\n  tags: [ok, "<b>bold</b>"]\n',
        "2: tag '<b>bold</b>' must be words separated by single spaces, without "
        "< > & \" ' ` \\ { } [ ] # or commas, e.g. use-of-force",
    ),
    (
        "- quote: Residents crossed it on foot\n  evidence: 12\n",
        '2: evidence must be a list of links or references, e.g. ["https://example.org/report", '
        '{title: "Transcript", url: "https://..."}]',
    ),
    (
        "- quote: Residents crossed it on foot\n  evidence:\n"
        "    - title: Council minutes\n      url: ftp://example.org/minutes\n",
        "4: evidence: url 'ftp://example.org/minutes' must start with https:// or http://",
    ),
    (
        "- quote: Residents crossed it on foot\n  title: Crowds\n",
        "2: title applies to clusters only; name the cluster with 'cluster:'",
    ),
    (
        "- source: wire\n  speaker: Lena Ortiz\n",
        "2: speaker applies to statements only; name the statement with quote or id",
    ),
    (
        "- cluster: c-00000000\n  quote: Residents\n",
        "1: cluster names the target on its own; move quote and id under cluster: to name the "
        "cluster by one of its statements",
    ),
    (
        "- cluster: [1, 2]\n",
        "1: cluster must be a cluster id or a mapping naming one of its statements "
        "(quote, source, id), got a list",
    ),
    (
        "- quote: Residents crossed it on foot\n  link: [12]\n",
        "2: link names a statement by its id or by a mapping with quote (and source), got a number",
    ),
    (
        "- quote: Residents crossed it on foot\n  link:\n"
        "    - quote: The bridge cost 40 million dollars.\n      kind: same\n",
        "4: link: unknown kind 'same'; expected one of: verbatim, paraphrase, partial",
    ),
    (
        "- quote: Residents crossed it on foot\n  confirm:\n"
        "    - quote: The bridge cost 40 million dollars.\n      kind: partial\n",
        "4: confirm: unknown key 'kind'; expected one of: quote, prefix, suffix, id, source",
    ),
    (
        "- quote: Residents crossed it on foot\n  source: reuters\n",
        "1: no source with id 'reuters'; expected one of: gazette, wire",
    ),
    (
        "- id: gazette-0000000000\n  note: x\n",
        "1: no statement with id 'gazette-0000000000'; copy the id from the statement's anchor "
        "on its source page",
    ),
    (
        "- quote: the navy will run the cranes\n",
        "1: the quote 'the navy will run the cranes' matches no statement; copy the words "
        "exactly from the source page",
    ),
    (
        "- quote: opened the new river bridge on Friday\n",
        "1: the quote 'opened the new river bridge on Friday' matches 2 statements: "
        "wire-c765d75a4b (body 'The mayor opened the new river bridge on Friday.'); "
        "gazette-01f482f782 (body 'Mayor Lena Ortiz opened the new river bridge on Friday.'); "
        "add 'source:', 'prefix:' or 'suffix:', or use 'id:'",
    ),
    (
        "- quote: the two halves\n  id: gazette-a0df5887c4\n",
        "1: the quote 'the two halves' is not in statement 'gazette-a0df5887c4' "
        "('Residents crossed it on foot all afternoon.'); fix the quote or the id",
    ),
    (
        "- cluster: c-00000000\n  title: x\n",
        "1: no cluster with id 'c-00000000'; copy the id from the cluster page, or name the "
        "cluster by one of its statements: cluster: {quote: ..., source: ...}",
    ),
    (
        "- cluster:\n    quote: Residents crossed it on foot\n  title: Crowds\n",
        "2: the statement 'gazette-a0df5887c4' ('Residents crossed it on foot') is in no cluster: "
        "no other source reports it; annotate the statement with quote instead, or link it to "
        "another source's version",
    ),
]


@pytest.mark.parametrize(("notes", "problem"), BAD_ENTRIES)
def test_unusable_entry_is_reported_exactly_and_kept_as_an_orphan(
    bridge: Path, notes: str, problem: str
) -> None:
    briefing = _briefing(bridge, notes)
    assert [str(p) for p in briefing.problems] == [f"{NOTES}:{problem}"]
    assert briefing.annotations == ()
    assert [o.text for o in briefing.orphans] == [notes]


@pytest.mark.parametrize(
    ("notes", "problem"),
    [
        (
            "- quote: Residents crossed it on foot\n  link: wire-0000000000\n",
            "2: link: no statement with id 'wire-0000000000'; copy the id from the statement's "
            "anchor on its source page",
        ),
        (
            "- quote: Residents crossed it on foot\n  link:\n"
            "    quote: the navy will run the cranes\n    source: wire\n",
            "3: link: the quote 'the navy will run the cranes' matches no statement of wire; "
            "copy the words exactly from the source page",
        ),
        (
            "- quote: Residents crossed it on foot\n  confirm:\n"
            "    - quote: The bridge cost 45 million dollars\n",
            "3: confirm: 'gazette-29b4766387' is in the same source as the annotated statement; "
            "links join statements of different sources",
        ),
        (
            "- quote: Residents crossed it on foot\n  reject: [gazette-a0df5887c4]\n",
            "2: reject: 'gazette-a0df5887c4' is the annotated statement itself; name another one",
        ),
        (
            "- quote: The bridge cost 40 million dollars.\n  confirm: gazette-29b4766387\n"
            "- quote: The bridge cost 45 million dollars\n  reject:\n"
            "    - quote: The bridge cost 40 million dollars.\n",
            "5: the link between 'gazette-29b4766387' and 'wire-10a6991495' is rejected here but "
            "confirmed at content/annotations/notes.yml:2; keep one decision (the link stays "
            "until then)",
        ),
        (
            "- cluster:\n    quote: The bridge cost 40 million dollars.\n  title: Cost\n"
            "- cluster:\n    quote: The bridge cost 45 million dollars\n  title: Price\n",
            "4: cluster 'c-e8e4463e' already has the title 'Cost'; give each cluster one title",
        ),
    ],
    ids=["link-to-no-id", "link-to-no-quote", "same-source", "itself", "both", "two-titles"],
)
def test_curation_problem_is_reported_exactly_and_the_note_stays(
    bridge: Path, notes: str, problem: str
) -> None:
    briefing = _briefing(bridge, notes)
    assert [str(p) for p in briefing.problems] == [f"{NOTES}:{problem}"]
    assert briefing.orphans == ()
    assert len(briefing.annotations) == notes.count("\n- ") + 1


def test_problems_of_one_entry_come_in_line_order(bridge: Path) -> None:
    notes = (
        "- quote: Residents crossed it on foot\n"
        "  link:\n"
        "    - quote: The bridge cost 40 million dollars.\n"
        "      kind: same\n"
        "      colour: red\n"
        "  verdict: fake\n"
    )
    assert _problems(bridge, notes) == [
        f"{NOTES}:4: link: unknown kind 'same'; expected one of: verbatim, paraphrase, partial",
        f"{NOTES}:5: link: unknown key 'colour'; expected one of: quote, prefix, suffix, id, "
        "source, kind",
        f"{NOTES}:6: unknown verdict 'fake'; expected one of: confirmed, disputed, false, "
        "misleading, unverified",
    ]


def test_file_that_is_not_utf8_is_reported(bridge: Path) -> None:
    (bridge / NOTES).write_bytes("- quote: Caf\xe9\n".encode("latin-1"))
    briefing = build_briefing(ProjectPaths.under(bridge))
    assert [str(p) for p in briefing.problems] == [
        f"{NOTES}: not UTF-8 text (invalid continuation byte at byte 12); save it as UTF-8"
    ]
    assert [(str(o.origin), o.text) for o in briefing.orphans] == [(NOTES, "- quote: Caf\ufffd\n")]


def test_every_field_is_read(bridge: Path) -> None:
    notes = """\
- quote: Residents crossed it on foot
  source: gazette
  note: Only the *Gazette* reports this.
  tags: [crowds, single source]
  verdict: unverified
  importance: high
  evidence:
    - https://example.org/minutes
    - {title: Council minutes, url: "https://example.org/council"}
    - Radio Riverton, 3 May
- quote: '"It took four years."'
  speaker: Mayor Lena Ortiz
  link:
    - {quote: Riverton bridge opens after four years, kind: partial}
"""
    briefing = _briefing(bridge, notes)
    assert briefing.problems == ()
    first, second = briefing.annotations
    assert (first.target_kind, first.target) == (TargetKind.STATEMENT, "gazette-a0df5887c4")
    assert first.note == "Only the *Gazette* reports this."
    assert first.tags == ("crowds", "single source")
    assert first.verdict is Verdict.UNVERIFIED
    assert first.importance is Importance.HIGH
    assert [(e.title, e.url) for e in first.evidence] == [
        ("https://example.org/minutes", "https://example.org/minutes"),
        ("Council minutes", "https://example.org/council"),
        ("Radio Riverton, 3 May", ""),
    ]
    assert first.origin == Origin(NOTES, 1)
    assert first.text == "\n".join(notes.splitlines()[:10]) + "\n"
    assert second.speaker == "Mayor Lena Ortiz"
    [curation] = second.curations
    assert (curation.kind, curation.link_kind, curation.statement) == (
        CurationKind.LINK,
        LinkKind.PARTIAL,
        "gazette-c3b982c97e",
    )


def test_speaker_given_by_an_analyst_replaces_the_one_found(bridge: Path) -> None:
    briefing = _briefing(bridge, "- quote: It took four years.\n  speaker: City Wire\n")
    statement = next(s for s in briefing.statements if s.text == '"It took four years."')
    assert statement.speaker == "City Wire"


def test_a_speaker_given_by_an_analyst_is_compared_with_the_linked_quotes(bridge: Path) -> None:
    quote = "joins the two halves of our city"
    notes = f"- quote: {quote}\n  source: gazette\n  speaker: Omar Haddad\n"
    briefing = _briefing(bridge, notes)
    [link] = [
        link
        for link in briefing.links
        if any(quote in s.text for s in briefing.statements if s.id == link.target)
    ]
    assert link.conflicts == (Conflict("person", "Lena Ortiz", "Omar Haddad"),)


FULL_NOTES = """\
- quote: Residents crossed it on foot
  source: gazette
  note: |
    Only the *Gazette* reports this. <script>alert(1)</script>
  tags: [crowds, single-source]
  verdict: unverified
  importance: high
  evidence:
    - https://example.org/minutes
    - title: Council minutes
      url: https://example.org/council
    - Radio Riverton, 3 May
- quote: '"It took four years."'
  speaker: Mayor Lena Ortiz
  link:
    - quote: Riverton bridge opens after four years
      kind: partial
- quote: The bridge cost 40 million dollars.
  verdict: disputed
  confirm:
    quote: The bridge cost 45 million dollars
    source: gazette
- quote: This bridge joins the two halves of our city
  source: wire
  note: Not the Gazette's quote.
  reject:
    - quote: This bridge joins the two halves of our city
      source: gazette
- source: wire
  note: The city's own wire service.
  tags: [official]
- cluster:
    quote: The bridge cost 40 million dollars.
  title: What the bridge cost
  summary: The wire says 40 million, the Gazette **45 million**.
  tags: [money]
"""


@pytest.fixture
def full_site(bridge: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (bridge / NOTES).write_text(FULL_NOTES, encoding="utf-8")
    return _build(bridge, monkeypatch)


def _annotation_id(root: Path, quote: str) -> str:
    briefing = build_briefing(ProjectPaths.under(root))
    return next(a.id for a in briefing.annotations if a.selector.quote == quote)


def test_note_verdict_importance_tags_and_evidence_show_beside_the_statement(
    bridge: Path, full_site: Path
) -> None:
    gazette = _html(full_site, "sources/gazette/index.html")
    note_id = _annotation_id(bridge, "Residents crossed it on foot")
    assert (
        '<span class="bf-st bf-body" id="gazette-a0df5887c4">Residents crossed it on foot all '
        f'afternoon.</span><a class="bf-badge bf-verdict-unverified bf-importance-high" '
        f'href="#{note_id}" title="Only the *Gazette* reports this. &lt;\u2060script&gt;alert(1)'
        '&lt;\u2060/script&gt;">unverified</a>'
    ) in gazette  # a word joiner after "<": Material's tooltips read a title as HTML
    assert f'<div class="bf-note-anchor" id="{note_id}"></div>' in gazette
    assert (
        '<p class="admonition-title">Verdict: unverified · importance: high · crowds, '
        "single-source</p>"
    ) in gazette
    assert (
        "<p>Only the <em>Gazette</em> reports this. &lt;script&gt;alert(1)&lt;/script&gt;</p>"
        in (gazette)
    )
    assert "<script>alert(1)" not in gazette
    assert (
        '<p>Evidence: <a href="https://example.org/minutes" rel="noopener noreferrer nofollow">'
        'https://example.org/minutes</a>; <a href="https://example.org/council" '
        'rel="noopener noreferrer nofollow">Council minutes</a>; Radio Riverton, 3 May</p>'
    ) in gazette
    assert '<small class="bf-note-origin">content/annotations/notes.yml:1</small>' in gazette


def test_tags_label_pages_and_the_tags_page_lists_them(full_site: Path) -> None:
    gazette = _html(full_site, "sources/gazette/index.html")
    assert re.search(r'<a href="../../tags/#tag:crowds" class="md-tag">crowds</a>', gazette)
    tags = _html(full_site, "tags/index.html")
    for tag in ("crowds", "single-source", "official", "money"):
        assert f'<span class="md-tag">{tag}</span>' in tags
    assert (
        '<tr><td>crowds</td><td><a href="../sources/gazette/#gazette-a0df5887c4">Riverton '
        "Gazette: Residents crossed it on foot all afternoon.</a></td></tr>"
    ) in tags
    wire = _html(full_site, "sources/wire/index.html")
    assert '<a href="../../tags/#tag:official" class="md-tag">official</a>' in wire


LINKED_NOTES = """\
- quote: Residents crossed it on foot
  source: gazette
  note: See [the wire's account](wire.md), [the conflicts](../conflicts.md) and [this
    page's top](#riverton-gazette). `[code](wire.md)` stays as written.
- source: wire
  note: |
    Compare [the Gazette][g] and [the Wire][w].

    [g]: gazette.md
    [w]: ../sources/wire.md
- cluster:
    quote: The bridge cost 40 million dollars.
  summary: Against [the wire](../sources/wire.md).
"""


def test_relative_links_in_notes_work_on_every_page_that_shows_them(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Written from the annotated page; the Annotations page shows them too. A link that did
    # not resolve there would be a warning, and this build is strict.
    (bridge / NOTES).write_text(LINKED_NOTES, encoding="utf-8")
    site = _build(bridge, monkeypatch)
    gazette = _html(site, "sources/gazette/index.html")
    assert '<a href="../wire/">the wire\'s account</a>' in gazette
    assert '<a href="../../conflicts/">the conflicts</a>' in gazette
    assert '<a href="#riverton-gazette">this' in gazette
    annotations = _html(site, "annotations/index.html")
    assert '<a href="../sources/wire/">the wire\'s account</a>' in annotations
    assert '<a href="../conflicts/">the conflicts</a>' in annotations
    assert '<a href="../sources/gazette/#riverton-gazette">this' in annotations
    assert "<code>[code](wire.md)</code>" in annotations
    assert '<a href="../sources/gazette/">the Gazette</a>' in annotations
    assert '<a href="../sources/wire/">the Wire</a>' in annotations
    assert '<a href="../sources/wire/">the wire</a>' in annotations


def test_speaker_override_and_added_link_show_on_the_page(full_site: Path) -> None:
    wire = _html(full_site, "sources/wire/index.html")
    assert 'id="wire-f5778faf54" data-speaker="Mayor Lena Ortiz">&#34;It took four years.&#34;' in (
        wire
    )
    assert "<p>Speaker: Mayor Lena Ortiz (set by the analyst)</p>" in wire
    assert (
        '<a class="bf-xref bf-partial bf-curated" href="../gazette/#gazette-c3b982c97e"'
    ) in wire
    assert (
        '<li>Added link to <a class="bf-curated-link" href="../gazette/#gazette-c3b982c97e">'
        "Riverton Gazette</a>: <em>Riverton bridge opens after four years</em></li>"
    ) in wire


def test_rejected_link_disappears_but_the_annotation_says_so(bridge: Path, full_site: Path) -> None:
    wire = _html(full_site, "sources/wire/index.html")
    quote = re.search(r'id="wire-df6c9f5eb9".*?</div>', wire, re.S)
    assert quote is not None
    assert "gazette-7f7762dc65" not in quote.group(0).split("</span>", 1)[1]
    listing = _html(full_site, "annotations/index.html")
    assert (
        '<li>Rejected link to <a class="bf-curated-reject" '
        'href="../sources/gazette/#gazette-7f7762dc65">Riverton Gazette</a>'
    ) in listing
    exported = export_briefing(build_briefing(ProjectPaths.under(bridge)))
    pairs = [{link["from"], link["to"]} for link in exported["links"]]
    assert {"wire-df6c9f5eb9", "gazette-7f7762dc65"} not in pairs


def test_confirmed_link_is_marked_curated(full_site: Path) -> None:
    wire = _html(full_site, "sources/wire/index.html")
    assert (
        '<a class="bf-xref bf-paraphrase bf-conflict bf-curated" '
        'href="../gazette/#gazette-29b4766387"'
    ) in wire


def test_cluster_title_summary_and_tags_show_on_its_page(full_site: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in (full_site / "clusters").glob("c-*/index.html")]
    [page] = [p for p in pages if "What the bridge cost" in p]
    assert '<h1 id="what-the-bridge-cost">What the bridge cost</h1>' in page
    assert "<p>The wire says 40 million, the Gazette <strong>45 million</strong>.</p>" in page
    assert '<a href="../../tags/#tag:money" class="md-tag">money</a>' in page
    assert "<td>paraphrase</td><td>curated</td>" in page
    index = _html(full_site, "clusters/index.html")
    assert "What the bridge cost</a>" in index


def test_note_on_site_clutter_shows_after_the_clutter(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bridge / NOTES).write_text("- quote: Leave a Reply\n  note: A comment form.\n")
    wire = _html(_build(bridge, monkeypatch), "sources/wire/index.html")
    clutter_end = wire.index("</details>")
    assert wire.index("<p>A comment form.</p>") > clutter_end


def test_annotations_page_lists_every_annotation(full_site: Path) -> None:
    listing = _html(full_site, "annotations/index.html")
    targets = re.findall(r'<p class="bf-note-target">On the (\w+) <a href="([^"]+)">', listing)
    assert targets == [
        ("statement", "../sources/gazette/#gazette-a0df5887c4"),
        ("statement", "../sources/wire/#wire-f5778faf54"),
        ("statement", "../sources/wire/#wire-10a6991495"),
        ("statement", "../sources/wire/#wire-df6c9f5eb9"),
        ("source", "../sources/wire/"),
        ("cluster", targets[5][1]),
    ]
    assert targets[5][1].startswith("../clusters/c-")
    assert "Nothing: every source has metadata and every annotation found its target." in listing


BROKEN = """\
- quote: Residents crossed it on foot
  note: Seen by <b>our</b> reporter.
  verdikt: confirmed
- quote: the navy will run the cranes
  note: Nobody else says so.
  tags: [navy]
"""


def test_strict_build_fails_on_an_annotation_problem(
    bridge: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (bridge / NOTES).write_text(BROKEN, encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _build(bridge, monkeypatch)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings[:2] == [
        f"generator: {NOTES}:3: unknown key 'verdikt' (did you mean 'verdict'?); "
        f"expected one of: {ALLOWED}",
        f"generator: {NOTES}:4: the quote 'the navy will run the cranes' matches no statement; "
        "copy the words exactly from the source page",
    ]


def test_plain_build_lists_problems_and_orphans_whole_under_needs_attention(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bridge / NOTES).write_text(BROKEN, encoding="utf-8")
    site = _build(bridge, monkeypatch, strict=False)
    listing = _html(site, "annotations/index.html")
    attention = listing.split('id="needs-attention"', 1)[1]
    assert (
        f"<li><code>{NOTES}:3</code>: unknown key &#39;verdikt&#39; (did you mean "
        "&#39;verdict&#39;?); expected one of:"
    ) in attention
    assert (
        '<pre class="bf-orphan-text"><code>- quote: Residents crossed it on foot\n'
        "  note: Seen by &lt;b&gt;our&lt;/b&gt; reporter.\n  verdikt: confirmed\n</code></pre>"
    ) in attention
    assert (
        '<pre class="bf-orphan-text"><code>- quote: the navy will run the cranes\n'
        "  note: Nobody else says so.\n  tags: [navy]\n</code></pre>"
    ) in attention
    assert "<p>Nobody else says so.</p>" in attention
    assert "<b>our</b>" not in listing


def test_unreadable_file_is_shown_whole(bridge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '- quote: "Residents crossed\n  note: A whole paragraph of careful work.\n'
    (bridge / NOTES).write_text(text, encoding="utf-8")
    site = _build(bridge, monkeypatch, strict=False)
    listing = _html(site, "annotations/index.html")
    assert (
        '<pre class="bf-orphan-text"><code>- quote: &#34;Residents crossed\n'
        "  note: A whole paragraph of careful work.\n</code></pre>"
    ) in listing


def test_a_yaml_edit_shows_after_the_next_build(
    bridge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (bridge / NOTES).write_text("- quote: Residents crossed\n  note: First thought.\n")
    site = _build(bridge, monkeypatch)
    assert "First thought." in _html(site, "sources/gazette/index.html")
    (bridge / NOTES).write_text("- quote: Residents crossed\n  note: Second thought.\n")
    site = _build(bridge, monkeypatch)
    gazette = _html(site, "sources/gazette/index.html")
    assert "Second thought." in gazette and "First thought." not in gazette


def test_serve_reloads_on_annotation_edits(bridge: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bridge)
    config_ = load_config(str(bridge / "mkdocs.yml"))
    plugin = config_.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin)
    plugin.on_config(config_)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config_, builder=None)  # type: ignore[arg-type]
    assert str(bridge / "content" / "annotations") in server.watched


def _statement(statement_id: str, source: str, text: str) -> Statement:
    return Statement(statement_id, source, text, StatementKind.BODY, 0, 0, len(text), 0, len(text))


def _annotation(target: str, *curations: tuple[CurationKind, str, LinkKind | None]) -> Annotation:
    origin = Origin(NOTES, 1)
    return Annotation(
        origin,
        "a-1",
        TargetKind.STATEMENT,
        Selector(origin, id=target),
        target=target,
        curations=tuple(
            Curation(kind, Selector(origin, id=other), link_kind, statement=other)
            for kind, other, link_kind in curations
        ),
    )


STATEMENTS = [
    _statement("a-1", "a", "The bridge cost 40 million dollars."),
    _statement("a-2", "a", "It took four years."),
    _statement("b-1", "b", "The bridge cost 45 million dollars."),
    _statement("b-2", "b", "Four years of work."),
]


def test_curation_overrides_the_matcher() -> None:
    automatic = [
        Link("a-1", "b-1", LinkKind.PARAPHRASE, 0.8),
        Link("a-2", "b-1", LinkKind.PARTIAL, 0.3),
    ]
    notes = [
        _annotation("a-1", (CurationKind.CONFIRM, "b-1", None)),
        _annotation("b-1", (CurationKind.REJECT, "a-2", None)),
        _annotation("a-2", (CurationKind.LINK, "b-2", LinkKind.PARTIAL)),
    ]
    links, problems = curate_links(automatic, notes, STATEMENTS)
    assert problems == []
    assert links == [
        Link("a-1", "b-1", LinkKind.PARAPHRASE, 0.8, curated=True),
        Link("a-2", "b-2", LinkKind.PARTIAL, 0.0, curated=True),
    ]


def test_confirmed_link_stays_when_the_matcher_drops_it() -> None:
    notes = [_annotation("b-1", (CurationKind.CONFIRM, "a-1", None))]
    links, _ = curate_links([], notes, STATEMENTS)
    assert [(link.source, link.target, link.kind, link.curated) for link in links] == [
        ("a-1", "b-1", LinkKind.PARAPHRASE, True)
    ]
    assert [(c.field, c.left, c.right) for c in links[0].conflicts] == [
        ("number", "40 million", "45 million")
    ]


def test_curated_links_make_the_clusters(bridge: Path) -> None:
    strict = "matching:\n  min_words: 100\n"
    (bridge / "site-config" / "settings.yml").write_text(strict, encoding="utf-8")
    assert _briefing(bridge, "").clusters == ()
    notes = (
        "- quote: The bridge cost 40 million dollars.\n"
        "  confirm: {quote: The bridge cost 45 million, source: gazette}\n"
    )
    briefing = _briefing(bridge, notes)
    assert [c.statements for c in briefing.clusters] == [("wire-10a6991495", "gazette-29b4766387")]


def test_annotate_writes_a_starter_file_that_resolves_once_uncommented(
    bridge: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotate", "gazette", "-f", str(bridge / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out == (
        "wrote content/annotations/gazette.yml: the 5 statements of Riverton Gazette, commented "
        "out; uncomment the ones to annotate\n"
    )
    text = (bridge / "content" / "annotations" / "gazette.yml").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == [
        "# Annotations on Riverton Gazette (gazette): Riverton bridge opens after four years",
        "#",
    ]
    assert (
        "# body, id gazette-a0df5887c4\n"
        '# - quote: "Residents crossed it on foot all afternoon."\n'
        "#   source: gazette\n"
        "#   note: \n"
    ) in text
    assert _briefing(bridge, "").problems == ()
    uncommented = re.sub(r"(?m)^# (- |  )", r"\1", text)
    briefing = _briefing(bridge, uncommented)
    assert briefing.problems == ()
    assert len(briefing.annotations) == 6


def test_annotate_never_overwrites(bridge: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = bridge / "content" / "annotations" / "wire.yml"
    mine.write_text("- source: wire\n  note: Mine.\n", encoding="utf-8")
    assert main(["annotate", "wire", "-f", str(bridge / "mkdocs.yml")]) == 1
    assert capsys.readouterr().err == (
        "error: content/annotations/wire.yml: the file exists; edit it, or remove it to start "
        "again (nothing was written)\n"
    )
    assert mine.read_text(encoding="utf-8") == "- source: wire\n  note: Mine.\n"
    assert main(["annotate", "reuters", "-f", str(bridge / "mkdocs.yml")]) == 1
    assert capsys.readouterr().err == (
        "error: content/sources: no source 'reuters'; expected one of: wire, gazette\n"
    )


SCHEMAS = REPO / "site-config" / "schemas"


def _schema(name: str) -> dict[str, Any]:
    return dict(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


class _TextDates(yaml.SafeLoader):
    """Reads dates as the text an editor's schema checker sees."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates)


def test_annotation_schema_names_exactly_the_keys_the_validator_accepts() -> None:
    schema = _schema("annotations.schema.json")
    definitions = schema["definitions"]
    assert tuple(definitions["entry"]["properties"]) == ALLOWED_KEYS
    assert tuple(definitions["statement"]["properties"]) == STATEMENT_KEYS
    assert tuple(definitions["link"]["properties"]) == LINK_KEYS
    evidence = definitions["evidenceItem"]["oneOf"][1]["properties"]
    assert tuple(evidence) == EVIDENCE_KEYS
    entry = definitions["entry"]["properties"]
    assert entry["verdict"]["enum"] == [v.value for v in Verdict]
    assert entry["importance"]["enum"] == [i.value for i in Importance]
    assert definitions["link"]["properties"]["kind"]["enum"] == [k.value for k in LinkKind]
    assert definitions["tag"]["pattern"] == TAG.pattern


def test_site_config_schemas_name_exactly_the_keys_the_validator_accepts() -> None:
    sources = _schema("sources.schema.json")["items"]
    assert tuple(sources["properties"]) == config._SOURCE_KEYS
    assert sources["properties"]["kind"]["enum"] == [k.value for k in SourceKind]
    settings = _schema("settings.schema.json")["properties"]
    assert tuple(settings) == config._SETTINGS_KEYS
    assert tuple(settings["boilerplate"]["properties"]) == config._BOILERPLATE_KEYS
    assert tuple(settings["matching"]["properties"]) == config._MATCHING_KEYS
    assert set(config._MATCHING_KEYS) == set(MatchSettings.__dataclass_fields__) - {"synonyms"}
    assert tuple(settings["synonyms"]["properties"]) == config._SYNONYMS_KEYS


EXAMPLES = [
    *sorted((REPO / "content" / "annotations").glob("*.yml")),
    REPO / "site-config" / "sources.yml",
    REPO / "site-config" / "settings.yml",
]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_file_names_its_schema_and_validates(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} starts with the schema line"
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path.parent == SCHEMAS
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(_load(path), schema, cls=jsonschema.Draft7Validator)


@pytest.mark.parametrize(
    "entry",
    [
        {"quote": "x", "notte": "y"},
        {"quote": "x", "title": "y"},
        {"source": "wire", "speaker": "y"},
        {"quote": "x", "verdict": "fake"},
        {"quote": "x", "tags": ["<b>"]},
        {"note": "no target"},
        {"cluster": "c-1", "quote": "x"},
        {"quote": "x", "link": [{"quote": "y", "kind": "same"}]},
    ],
)
def test_schema_rejects_what_the_validator_rejects(entry: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([entry], _schema("annotations.schema.json"))


def test_example_annotations_all_find_their_targets() -> None:
    briefing = build_briefing(ProjectPaths.under(REPO))
    assert briefing.problems == ()
    assert briefing.orphans == ()
    assert {a.target_kind for a in briefing.annotations} == set(TargetKind)
    assert {c.kind for a in briefing.annotations for c in a.curations} == set(CurationKind)
    used = {
        key
        for path in (REPO / "content" / "annotations").glob("*.yml")
        for entry in _load(path)
        for key in entry
    }
    assert used == set(ALLOWED_KEYS)
