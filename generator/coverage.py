"""Who reports what: the coverage matrix of clusters and sources, each source's profile, and how
much each pair of sources has in common."""

from __future__ import annotations

import enum
import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy

from generator.model import Briefing, Cluster, Conflict, Link, LinkKind, StatementKind


class Coverage(enum.Enum):
    """How one source reports one cluster's statement."""

    VERBATIM = "verbatim"
    PARAPHRASE = "paraphrase"
    PARTIAL = "partial"
    CONFLICT = "conflict"
    ABSENT = "absent"


COVERAGE_OF_LINK = {
    LinkKind.VERBATIM: Coverage.VERBATIM,
    LinkKind.PARAPHRASE: Coverage.PARAPHRASE,
    LinkKind.PARTIAL: Coverage.PARTIAL,
}
# When a source's version has several links, the closest one says how it reports the statement.
_CLOSENESS = [Coverage.VERBATIM, Coverage.PARAPHRASE, Coverage.PARTIAL]


@dataclass(frozen=True)
class Cell:
    """One source's version of one cluster's statement."""

    source: str
    """Id of the source."""
    coverage: Coverage
    """How it reports the statement; ``conflict`` when a linked version disagrees on a fact."""
    statement: str = ""
    """Id of its version (the first, when it has several); empty when it does not report it."""
    conflicts: tuple[Conflict, ...] = ()
    """The facts its version and a linked one disagree on."""


@dataclass(frozen=True)
class Row:
    """One cluster and how each source reports it."""

    cluster: Cluster
    """The cluster."""
    cells: tuple[Cell, ...]
    """The sources that report it, in the cluster's source order (absent sources are left out)."""

    def cell(self, source: str) -> Cell:
        """Return the cell of ``source``, ``absent`` when it does not report the statement."""
        return self._by_source.get(source) or Cell(source, Coverage.ABSENT)

    @functools.cached_property
    def _by_source(self) -> dict[str, Cell]:
        return {cell.source: cell for cell in self.cells}


@dataclass(frozen=True)
class Profile:
    """What one source shares with the others, adds, and leaves out."""

    source: str
    """Id of the source."""
    statements: int
    """Its content statements."""
    shared: tuple[str, ...]
    """Ids of the clusters it takes part in."""
    only: tuple[str, ...]
    """Ids of its statements no other source reports (headings aside)."""
    missing: tuple[str, ...]
    """Ids of the clusters most other sources report and it does not."""
    closest: str = ""
    """Id of the source it shares most statements with, if any."""


@dataclass(frozen=True)
class Agreement:
    """How much two sources have in common."""

    left: str
    """Id of one source."""
    right: str
    """Id of the other (later in source order)."""
    shared: int
    """Statements both report: the clusters they both take part in."""
    share: float
    """``shared`` as a part of the shorter source's content statements, in [0, 1]."""
    conflicts: int
    """Links between the two that disagree on a fact."""


def cover_clusters(briefing: Briefing) -> list[Row]:
    """Return one row per cluster, in the briefing's cluster order."""
    links: dict[str, list[Link]] = defaultdict(list)
    for link in briefing.links:
        links[link.source].append(link)
        links[link.target].append(link)
    source_of = {s.id: s.source for s in briefing.statements}
    rows = []
    for cluster in briefing.clusters:
        members: dict[str, list[str]] = defaultdict(list)
        for member in cluster.statements:
            members[source_of[member]].append(member)
        cells = tuple(_cell(source, members[source], links) for source in cluster.sources)
        rows.append(Row(cluster, cells))
    return rows


def _cell(source: str, members: list[str], links: dict[str, list[Link]]) -> Cell:
    """Return how a source reports a cluster, from the links of its versions to other sources."""
    own = [link for m in members for link in links.get(m, [])]
    conflicts = tuple(dict.fromkeys(c for link in own for c in link.conflicts))
    if conflicts:
        return Cell(source, Coverage.CONFLICT, members[0], conflicts)
    kinds = {COVERAGE_OF_LINK[link.kind] for link in own} or {Coverage.PARTIAL}
    return Cell(source, next(k for k in _CLOSENESS if k in kinds), members[0])


def profile_sources(briefing: Briefing) -> list[Profile]:
    """Return the profile of each source, in source order.

    A cluster is "reported by most others" when more than half of the other sources report it.
    """
    ids = [s.meta.id for s in briefing.sources]
    in_cluster = {m for c in briefing.clusters for m in c.statements}
    shared: dict[str, list[str]] = defaultdict(list)
    missing: dict[str, list[str]] = defaultdict(list)
    for cluster in briefing.clusters:
        for source in cluster.sources:
            shared[source].append(cluster.id)
        if 2 * len(cluster.sources) > len(ids) - 1:
            for source in set(ids) - set(cluster.sources):
                missing[source].append(cluster.id)
    content: dict[str, int] = Counter(s.source for s in briefing.statements if s.is_content)
    only: dict[str, list[str]] = defaultdict(list)
    for statement in briefing.statements:
        alone = statement.is_content and statement.id not in in_cluster
        if alone and statement.kind is not StatementKind.HEADING:
            only[statement.source].append(statement.id)
    closest = _closest(ids, briefing.clusters)
    return [
        Profile(
            source,
            content[source],
            tuple(shared[source]),
            tuple(only[source]),
            tuple(missing[source]),
            closest.get(source, ""),
        )
        for source in ids
    ]


def _closest(sources: list[str], clusters: Sequence[Cluster]) -> dict[str, str]:
    """Return, for each source, the source it shares most clusters with (ties: the first).

    Each source's counts are one ``bincount`` over the members of its clusters: the work is
    the sum of the clusters' squared sizes, done in NumPy, and the memory one row at a time,
    which stays fast when a statement is reported by thousands of sources.
    """
    position = {source: i for i, source in enumerate(sources)}
    members = [numpy.array([position[s] for s in c.sources], dtype=numpy.intp) for c in clusters]
    of_source: list[list[int]] = [[] for _ in sources]
    for k, cluster in enumerate(clusters):
        for source in cluster.sources:
            of_source[position[source]].append(k)
    closest = {}
    for i, source in enumerate(sources):
        if not of_source[i]:
            continue
        together = numpy.bincount(
            numpy.concatenate([members[k] for k in of_source[i]]), minlength=len(sources)
        )
        together[i] = 0
        best = int(together.argmax())
        if together[best] > 0:
            closest[source] = sources[best]
    return closest


def agree_sources(briefing: Briefing, sources: Sequence[str]) -> list[Agreement]:
    """Return the agreement of every pair of ``sources``, in their order."""
    chosen = set(sources)
    position = {source: i for i, source in enumerate(sources)}
    shared: Counter[tuple[str, str]] = Counter()
    for cluster in briefing.clusters:
        present = sorted((s for s in cluster.sources if s in chosen), key=position.__getitem__)
        for pair in itertools.combinations(present, 2):
            shared[pair] += 1
    source_of = {s.id: s.source for s in briefing.statements}
    conflicts: Counter[tuple[str, str]] = Counter()
    for link in briefing.links:
        a, b = source_of[link.source], source_of[link.target]
        if link.conflicts and a in chosen and b in chosen:
            conflicts[(a, b) if position[a] < position[b] else (b, a)] += 1
    sizes = Counter(s.source for s in briefing.statements if s.is_content and s.source in chosen)
    agreements = []
    for a, b in itertools.combinations(sources, 2):
        share = _share(shared[(a, b)], sizes[a], sizes[b])
        agreements.append(Agreement(a, b, shared[(a, b)], share, conflicts[(a, b)]))
    return agreements


def _share(shared: int, left: int, right: int) -> float:
    shorter = min(left, right)
    return min(1.0, shared / shorter) if shorter else 0.0
