"""The order of the stages: sources and YAML in, a Briefing out."""

from __future__ import annotations

import contextlib
import gc
import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from generator.anchoring import anchor_annotations
from generator.annotations import load_annotations
from generator.cache import analysis_key, load_analysis, store_analysis
from generator.clusters import cluster_statements
from generator.config import ProjectPaths, load_settings, load_source_metas
from generator.conflicts import speaker_conflict
from generator.curation import curate_clusters, curate_links
from generator.model import (
    Alias,
    Annotation,
    Briefing,
    Link,
    MatchSettings,
    Orphan,
    Problem,
    Settings,
    Source,
    Statement,
)
from generator.sources import load_sources
from generator.statements import split_statements

log = logging.getLogger(__name__)


def build_briefing(paths: ProjectPaths, cache_dir: Path | None = None) -> Briefing:
    """Return the analysed briefing of a project; raise BriefingError on input it cannot use.

    With ``cache_dir``, the analysis (statements and links) is read from there when the
    sources and settings have not changed since it was stored, and stored there otherwise.
    """
    with _without_cycle_collection():
        return _build_briefing(paths, cache_dir)


def _build_briefing(paths: ProjectPaths, cache_dir: Path | None) -> Briefing:
    # Settings and metadata: everything a person wrote in site-config/.
    settings = load_settings(paths)
    metas = load_source_metas(paths)
    # Sources: decoded, split into blocks, clutter marked, missing metadata inferred.
    started = time.perf_counter()
    sources, problems = load_sources(paths, metas, settings)
    log.info("read %d sources in %.1f s", len(sources), time.perf_counter() - started)
    # Analysis: statements (sentences with ids, kinds and speakers) and the links between them;
    # it does not depend on annotations, so it is cached.
    statements, links = _analyse(sources, settings, cache_dir)
    # Annotations: entries read and checked, then anchored to the statements and sources they
    # quote; an analyst's speaker replaces the one found in the text.
    entries, orphans, annotation_problems = load_annotations(paths)
    annotations, unanchored, anchor_problems = anchor_annotations(entries, sources, statements)
    statements = _with_speakers(statements, annotations)
    # Links curated by the analysts, then clusters of linked statements.
    links, curation_problems = curate_links(links, annotations, statements)
    links = _with_speaker_conflicts(links, statements)
    clusters = cluster_statements(statements, links)
    clusters, annotations, lost, cluster_problems = curate_clusters(clusters, annotations)
    # What the analysts must look at, in file and line order.
    annotation_problems += anchor_problems + curation_problems + cluster_problems
    log.debug("%d sources, %d statements, %d links", len(sources), len(statements), len(links))
    return Briefing(
        title=settings.title,
        description=settings.description,
        sources=tuple(sources),
        statements=tuple(statements),
        links=tuple(links),
        clusters=tuple(clusters),
        annotations=tuple(annotations),
        orphans=tuple(sorted(orphans + unanchored + lost, key=_place)),
        problems=tuple(problems + sorted(annotation_problems, key=_place)),
    )


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Keep Python's cycle collector off while the analysis runs.

    The analysis makes millions of small objects (words, scores, links) that live until the
    briefing is made; the collector walked them again and again as they grew, and found next
    to nothing: they are freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _analyse(
    sources: list[Source], settings: Settings, cache_dir: Path | None
) -> tuple[list[Statement], list[Link]]:
    key = analysis_key(sources, settings) if cache_dir else ""
    if cache_dir:
        cached = load_analysis(cache_dir, key)
        if cached is not None:
            statements, links = cached
            log.info(
                "analysis unchanged: %d statements, %d links from the cache",
                len(statements),
                len(links),
            )
            return cached
    started = time.perf_counter()
    statements = [s for source in sources for s in split_statements(source, settings.aliases)]
    log.info("split into %d statements in %.1f s", len(statements), time.perf_counter() - started)
    started = time.perf_counter()
    links = match_statements(statements, settings.matching, settings.aliases)
    log.info("matched: %d links in %.1f s", len(links), time.perf_counter() - started)
    if cache_dir:
        store_analysis(cache_dir, key, statements, links)
    return statements, links


def match_statements(
    statements: list[Statement],
    settings: MatchSettings,
    aliases: tuple[Alias, ...],
) -> list[Link]:
    """Return ``generator.matching.match_statements(...)``, imported only when the analysis is
    not in the cache: a cached build need not load the matcher's modules."""
    from generator.matching import match_statements as match

    return match(statements, settings, aliases)


def _place(item: Problem | Orphan) -> tuple[str, int]:
    return item.origin.path, item.origin.line or 0


def _with_speakers(statements: list[Statement], annotations: list[Annotation]) -> list[Statement]:
    speakers = {a.target: a.speaker for a in annotations if a.speaker and a.target}
    return [replace(s, speaker=speakers[s.id]) if s.id in speakers else s for s in statements]


def _with_speaker_conflicts(links: list[Link], statements: list[Statement]) -> list[Link]:
    """Return ``links`` with a person conflict where the two statements quote two people.

    It runs after the analysts' speakers replace those found in the text, which the cached
    analysis does not know of."""
    speakers = {s.id: s.speaker for s in statements if s.speaker}
    found = []
    for link in links:
        conflict = speaker_conflict(speakers.get(link.source), speakers.get(link.target))
        found.append(replace(link, conflicts=(*link.conflicts, conflict)) if conflict else link)
    return found
