"""Write a new briefing project from a folder of documents; never overwrite anything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.anchoring import TextIndex, anchor_selector
from generator.config import DEFAULT_BOILERPLATE, ProjectPaths
from generator.errors import BriefingError, error
from generator.model import (
    Anchor,
    MatchSettings,
    Origin,
    Selector,
    Settings,
    Source,
    SourceMeta,
    Statement,
)
from generator.sources import is_document, read_source, why_unusable
from generator.staging import write_new
from generator.synonyms import DEFAULT_SYNONYMS

_MKDOCS_YML = """\
site_name: {title}
docs_dir: content
site_dir: site

theme:
  name: material
  font: false
  features:
    - content.tooltips
    - navigation.sections
    - navigation.prune
    - search.highlight

markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true

plugins:
  - search
  - tags
  - briefing
"""

_SETTINGS_YML = """\
# Settings of this briefing. Every key is optional; the README of the briefing tool explains them.
title: {title}
description: ""

boilerplate:
  defaults: true   # the built-in clutter patterns ({count} of them)
  patterns: []     # add regular expressions for this project's site clutter

aliases: {{}}        # e.g.  Kassym-Jomart Tokayev: [Tokayev, the Head of State]

synonyms:
  defaults: true   # the built-in groups of words news reports swap ({synonyms} of them)
  groups: []       # e.g.  - [dockworkers, dockers, stevedores]

matching:
  threshold: {matching.threshold}
  strong_threshold: {matching.strong_threshold}
  partial_containment: {matching.partial_containment}
  min_words: {matching.min_words}
"""


def create_project(target: Path, documents: Path, title: str = "") -> list[Path]:
    """Create a briefing project in ``target`` from the documents in ``documents``.

    Refuses when ``target`` already holds a project; reads every document before writing, so
    an unreadable document leaves nothing behind. Returns the files written.
    """
    if (target / "mkdocs.yml").exists() or (target / "content").exists():
        raise BriefingError.at(
            str(target),
            None,
            "a project already exists here; choose a new folder (nothing was changed)",
        )
    if not documents.is_dir():
        raise BriefingError.at(str(documents), None, "not a folder of documents")
    files = sorted(p for p in documents.iterdir() if is_document(p))
    if not files:
        raise BriefingError.at(str(documents), None, "no .txt, .md or .html documents here")
    settings = Settings(boilerplate=DEFAULT_BOILERPLATE)
    metas: list[SourceMeta] = []
    errors = []
    for path in files:
        problem = why_unusable(path, documents)
        if problem:
            errors.append(error(str(path), None, problem))
            continue
        try:
            source = read_source(path, None, settings, str(path), {m.id for m in metas})
        except BriefingError as exc:
            errors.extend(exc.problems)
            continue
        metas.append(source.meta)
    if errors:
        raise BriefingError(errors)
    title = title or f"Briefing: {target.resolve().name}"
    paths = ProjectPaths.under(target)
    paths.sources_dir.mkdir(parents=True)
    paths.annotations_dir.mkdir(parents=True)
    paths.config_dir.mkdir(parents=True)
    written = []
    for path in files:
        written.append(Path(shutil.copy2(path, paths.sources_dir / path.name)))
    written.append(_write(target / "mkdocs.yml", _MKDOCS_YML.format(title=json.dumps(title))))
    written.append(
        _write(
            paths.config_dir / "settings.yml",
            _SETTINGS_YML.format(
                title=json.dumps(title),
                count=len(DEFAULT_BOILERPLATE),
                synonyms=len(DEFAULT_SYNONYMS),
                matching=MatchSettings(),
            ),
        )
    )
    written.append(_write(paths.config_dir / "sources.yml", sources_yaml(metas)))
    written.append(_write(paths.annotations_dir / "notes.yml", _ANNOTATIONS_YML))
    return written


def sources_yaml(metas: list[SourceMeta]) -> str:
    """Return a ``sources.yml`` listing ``metas``, with comments where values were guessed."""
    lines = [
        "# One entry per file in content/sources/. These values were inferred from the texts:",
        "# check each one. kind is one of: official, state wire agency, wire agency, newspaper,",
        "# broadcaster, aggregator, blog, other. published: a date (2022-01-07) or null.",
    ]
    for meta in metas:
        published = (
            meta.published.isoformat() if meta.published else "null   # not found in the text"
        )
        lines += [
            "",
            f"- id: {meta.id}",
            f"  file: {json.dumps(meta.file, ensure_ascii=False)}",
            f"  title: {json.dumps(meta.title, ensure_ascii=False)}",
            f"  outlet: {json.dumps(meta.outlet, ensure_ascii=False)}",
            f"  kind: {meta.kind.value}",
            f"  published: {published}",
            f"  language: {meta.language}",
            '  notes: "metadata inferred from the text; check it"',
        ]
    return "\n".join(lines) + "\n"


_ANNOTATIONS_YML = """\
# Annotations: a list of entries. Each targets a statement by a quote of its exact words
# (add `source: ID` when the words occur in several sources) or by `id:`, a whole source by
# `source:` alone, or a group of matching statements by `cluster:`. Example:
#
# - quote: "the exact words of the statement"
#   note: What you found out about it (Markdown).
#   tags: [casualties]
#   verdict: unverified      # confirmed, disputed, false, misleading or unverified
#   importance: high         # low, normal, high or critical
#   evidence: ["https://example.org/report"]
#
# `briefing annotate SOURCE` writes a file listing every statement of one source, ready to
# uncomment. The README lists every key.
[]
"""

_CONTEXT_WORDS = 4
_STARTER_HELP = """\
#
# Every statement of the source is below, commented out. To annotate one, remove the '# ' in
# front of its lines and write a note (Markdown). Cut a quote down to the words that matter if
# you like: it is found again after the text changes. Other keys: tags, verdict (confirmed,
# disputed, false, misleading, unverified), evidence, importance (low, normal, high, critical),
# speaker, and confirm / reject / link naming another source's statement by quote and source.
"""


def annotations_yaml(source: Source, statements: list[Statement], schema: str = "") -> str:
    """Return a starter annotation file for one source: each statement as an entry to uncomment.

    ``schema`` is the path of the annotation JSON Schema relative to the file, for editors.
    """
    meta = source.meta
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines.append(f"# Annotations on {meta.label} ({meta.id}): {' '.join(meta.title.split())}")
    lines += _STARTER_HELP.splitlines()
    lines += ["", f"# - source: {meta.id}", "#   note: What to know about this source as a whole."]
    index = TextIndex([source], statements)
    for statement in statements:
        about = f"{statement.kind.value}, id {statement.id}"
        if statement.speaker:
            about += f", speaker {statement.speaker}"
        lines += ["", f"# {about}"]
        keys = _selector_keys(source, statement, index)
        for number, (key, value) in enumerate(keys.items()):
            text = json.dumps(value, ensure_ascii=False)
            lines.append(f"# {'- ' if number == 0 else '  '}{key}: {text}")
        lines += [f"#   source: {meta.id}", "#   note: "]
    return "\n".join(lines) + "\n"


def _selector_keys(source: Source, statement: Statement, index: TextIndex) -> dict[str, str]:
    """Return the quote of a statement, with the words around it when the quote alone recurs."""
    quote = " ".join(statement.text.split())
    before = source.text[: statement.doc_start].split()[-_CONTEXT_WORDS:]
    after = source.text[statement.doc_end :].split()[:_CONTEXT_WORDS]
    for keys in (
        {"quote": quote},
        {"quote": quote, "suffix": " ".join(after)},
        {"quote": quote, "prefix": " ".join(before)},
        {"quote": quote, "prefix": " ".join(before), "suffix": " ".join(after)},
    ):
        found = anchor_selector(Selector(Origin(""), source=source.meta.id, **keys), index)
        if isinstance(found, Anchor) and found.statement == statement.id:
            return keys
    return {"id": statement.id}


def _write(path: Path, text: str) -> Path:
    write_new(path, text)
    return path
