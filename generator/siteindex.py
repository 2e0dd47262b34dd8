"""What every page renderer looks up: statements by id and source, links, clusters, notes, links
between pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import urls
from generator.model import (
    Annotation,
    Briefing,
    Cluster,
    Link,
    LinkKind,
    Source,
    Statement,
    TargetKind,
)

LINK_SYMBOL = {LinkKind.VERBATIM: "=", LinkKind.PARAPHRASE: "≈", LinkKind.PARTIAL: "⊂"}
"""The mark of each link kind on cross-links and in the coverage matrix."""
CROSS_LINKS = 5
"""Cross-links shown after a statement; its cluster page lists every version."""


@dataclass(frozen=True)
class RenderOptions:
    """How the site is published, as far as page content depends on it."""

    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: pages at ``name/`` rather than ``name.html``."""
    template_dirs: tuple[Path, ...] = ()
    """Folders searched for templates before the built-in ones."""


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: str
    """Path below the docs folder, e.g. ``sources/tass.md``."""
    title: str
    """Title for navigation."""
    markdown: str
    """Page content: Markdown with a placeholder line for each of ``fragments``."""
    fragments: tuple[str, ...] = ()
    """Finished HTML the page shows where its placeholders are (generator/fragments.py)."""


@dataclass
class SiteIndex:
    """Look-ups the page renderers need, computed once per render."""

    briefing: Briefing
    options: RenderOptions
    statements: dict[str, Statement] = field(default_factory=dict)
    by_source: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[str, Source] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    cluster_of: dict[str, Cluster] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    notes: dict[tuple[TargetKind, str], list[Annotation]] = field(
        default_factory=lambda: defaultdict(list)
    )
    source_order: dict[str, int] = field(default_factory=dict)
    representatives: dict[str, Statement] = field(default_factory=dict)
    conflicted: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.statements = {s.id: s for s in self.briefing.statements}
        for statement in self.briefing.statements:
            self.by_source[statement.source].append(statement)
        self.sources = {s.meta.id: s for s in self.briefing.sources}
        self.source_order = {s.meta.id: i for i, s in enumerate(self.briefing.sources)}
        for link in self.briefing.links:
            self.links[link.source].append(link)
            self.links[link.target].append(link)
        for cluster in self.briefing.clusters:
            self.clusters[cluster.id] = cluster
            for member in cluster.statements:
                self.cluster_of[member] = cluster
        for annotation in self.briefing.annotations:
            self.notes[(annotation.target_kind, annotation.target)].append(annotation)

    def href(self, page: str, statement: Statement | None = None, target: str = "") -> str:
        """Return the link from ``page`` to a statement, or to the page ``target``."""
        if statement is not None:
            return urls.relative_url(
                page, urls.source_page(statement.source), self.options.directory_urls, statement.id
            )
        return urls.relative_url(page, target, self.options.directory_urls)

    def label(self, source_id: str) -> str:
        """Return the short name of a source."""
        return self.sources[source_id].meta.label

    def counterparts(
        self, page: str, statement: Statement, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Return the statements linked to ``statement``, ready for links, in source order.

        At most ``limit`` (default ``CROSS_LINKS``), one per source: links that disagree on a
        fact first, then those an analyst curated, then the closest. The cluster page has the
        others.
        """
        limit = CROSS_LINKS if limit is None else limit
        chosen: dict[str, tuple[Link, Statement]] = {}
        for link in sorted(self.links.get(statement.id, []), key=_precedence):
            other = self.statements[link.target if link.source == statement.id else link.source]
            if other.source not in chosen:
                chosen[other.source] = link, other
                if len(chosen) == limit:
                    break
        result = []
        for link, other in chosen.values():
            result.append(
                {
                    "id": other.id,
                    "source": other.source,
                    "outlet": self.label(other.source),
                    "kind": link.kind.value,
                    "symbol": LINK_SYMBOL[link.kind],
                    "score": link.score,
                    "text": other.text,
                    "href": self.href(page, other),
                    "conflicts": link.conflicts,
                    "curated": link.curated,
                }
            )
        return sorted(result, key=lambda c: (self.source_order[c["source"]], c["href"]))

    def note_views(self, page: str, kind: TargetKind, target: str) -> list[dict[str, Any]]:
        """Return the annotations on one target, ready for the note template."""
        return [self.note_view(page, a) for a in self.notes.get((kind, target), [])]

    def note_view(self, page: str, annotation: Annotation) -> dict[str, Any]:
        """Return one annotation with the statements its curations name."""
        curations = []
        for curation in annotation.curations:
            other = self.statements.get(curation.statement)
            curations.append(
                {
                    "kind": curation.kind.value,
                    "wanted": curation.selector.quote or curation.selector.id,
                    "outlet": self.label(other.source) if other else "",
                    "text": other.text if other else "",
                    "href": self.href(page, other) if other else "",
                }
            )
        home = self.note_home(annotation) or page
        return {
            "annotation": annotation,
            "curations": curations,
            # Relative links in the analyst's Markdown are written from the annotated page.
            "note": urls.rebase_links(annotation.note, home, page),
            "summary": urls.rebase_links(annotation.summary, home, page),
        }

    def note_home(self, annotation: Annotation) -> str:
        """Return the page an annotation is on (its target's page); "" when none is known."""
        kind, target = annotation.target_kind, annotation.target
        if kind is TargetKind.STATEMENT and target in self.statements:
            return urls.source_page(self.statements[target].source)
        if kind is TargetKind.SOURCE and target:
            return urls.source_page(target)
        if kind is TargetKind.CLUSTER and target:
            return urls.cluster_page(target)
        source = annotation.selector.source
        return urls.source_page(source) if source in self.sources else ""

    def representative(self, cluster: Cluster) -> Statement:
        """Return the member most linked within its cluster (ties: the earliest)."""
        if cluster.id not in self.representatives:
            best = max(cluster.statements, key=lambda m: len(self.links.get(m, [])))
            self.representatives[cluster.id] = self.statements[best]
        return self.representatives[cluster.id]

    def title(self, cluster: Cluster) -> str:
        """Return what a cluster is called: the analyst's title, else its representative."""
        return cluster.title or self.representative(cluster).text

    def has_conflicts(self, cluster: Cluster) -> bool:
        """Return whether two linked members of the cluster disagree on a fact."""
        if cluster.id not in self.conflicted:
            links = (link for m in cluster.statements for link in self.links.get(m, []))
            self.conflicted[cluster.id] = any(link.conflicts for link in links)
        return self.conflicted[cluster.id]

    def cluster_summary(self, page: str, cluster: Cluster) -> dict[str, Any]:
        """Return a cluster as the lists of shared statements show it."""
        return {
            "cluster": cluster,
            "title": self.title(cluster),
            "href": self.href(page, target=urls.cluster_page(cluster.id)),
            "outlets": [self.label(s) for s in cluster.sources],
            "kind": self.statements[cluster.statements[0]].kind.value,
            "conflicts": self.has_conflicts(cluster),
        }

    def tags_of(self, keys: list[tuple[TargetKind, str]]) -> list[str]:
        """Return the tags of the annotations on the given targets, each once, in order."""
        tags = [tag for key in keys for a in self.notes.get(key, []) for tag in a.tags]
        return list(dict.fromkeys(tags))


def _precedence(link: Link) -> tuple[bool, bool, float]:
    """Return the sort key that puts the links most worth showing first."""
    return not link.conflicts, not link.curated, -link.score
