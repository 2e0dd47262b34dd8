"""The order of the stages: sources and YAML in, a Briefing out."""

from __future__ import annotations

import logging

from generator.annotations import load_annotations
from generator.clusters import cluster_statements
from generator.config import ProjectPaths, load_settings, load_source_metas
from generator.matching import match_statements
from generator.model import Briefing
from generator.sources import load_sources
from generator.statements import split_statements

log = logging.getLogger(__name__)


def build_briefing(paths: ProjectPaths) -> Briefing:
    """Return the analysed briefing of a project; raise BriefingError on input it cannot use."""
    # Settings and metadata: everything a person wrote in site-config/.
    settings = load_settings(paths)
    metas = load_source_metas(paths)
    # Sources: decoded, split into blocks, clutter marked, missing metadata inferred.
    sources, problems = load_sources(paths, metas, settings)
    # Statements: sentences with ids, kinds and speakers.
    statements = [s for source in sources for s in split_statements(source, settings.aliases)]
    # Matching: links across sources, then clusters of linked statements.
    links = match_statements(statements, settings.matching, settings.aliases)
    clusters = cluster_statements(statements, links)
    # Annotations: analysts' notes attached to what they target.
    annotations, annotation_problems = load_annotations(paths, sources, statements, clusters)
    log.debug("%d sources, %d statements, %d links", len(sources), len(statements), len(links))
    return Briefing(
        title=settings.title,
        description=settings.description,
        sources=tuple(sources),
        statements=tuple(statements),
        links=tuple(links),
        clusters=tuple(clusters),
        annotations=tuple(annotations),
        problems=tuple(problems + annotation_problems),
    )
