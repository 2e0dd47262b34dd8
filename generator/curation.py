"""Apply analysts' decisions to the automatic analysis: links confirmed, rejected or added, and
clusters named. Curation always wins over the matcher."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.anchoring import fold, short
from generator.conflicts import find_conflicts
from generator.errors import warning
from generator.model import (
    Annotation,
    Cluster,
    CurationKind,
    Link,
    LinkKind,
    Origin,
    Orphan,
    Problem,
    Statement,
    TargetKind,
)


@dataclass(frozen=True)
class _Decision:
    """What one annotation decided about one pair of statements."""

    kind: CurationKind
    link_kind: LinkKind | None
    origin: Origin


def curate_links(
    links: list[Link], annotations: list[Annotation], statements: list[Statement]
) -> tuple[list[Link], list[Problem]]:
    """Return the links with rejected ones removed, confirmed ones marked and missing ones added.

    A confirmed or added link is kept even when the matcher no longer proposes it. When one
    entry confirms a link that another rejects, the link stays and a warning names both.
    """
    decisions, problems = _decisions(annotations)
    if not decisions:  # the matcher's links, already in reading order
        return list(links), problems
    by_id = {s.id: s for s in statements}
    order = {s.id: index for index, s in enumerate(statements)}
    curated: list[Link] = []
    seen: set[frozenset[str]] = set()
    for link in links:
        pair = frozenset((link.source, link.target))
        seen.add(pair)
        decision = decisions.get(pair)
        if decision is None:
            curated.append(link)
        elif decision.kind is not CurationKind.REJECT:
            curated.append(replace(link, kind=decision.link_kind or link.kind, curated=True))
    for pair, decision in decisions.items():
        if pair in seen or decision.kind is CurationKind.REJECT:
            continue
        first, second = sorted(pair, key=order.__getitem__)
        curated.append(_new_link(by_id[first], by_id[second], decision.link_kind))
    curated.sort(key=lambda link: (order[link.source], order[link.target]))
    return curated, problems


def curate_clusters(
    clusters: list[Cluster], annotations: list[Annotation]
) -> tuple[list[Cluster], list[Annotation], list[Orphan], list[Problem]]:
    """Return the clusters with their titles and summaries, and the cluster entries attached.

    An entry names its cluster by id or, surviving changes to the clusters, by a member
    statement; one that finds no cluster becomes an orphan.
    """
    by_id = {c.id: c for c in clusters}
    of_member = {m: c for c in clusters for m in c.statements}
    attached: list[Annotation] = []
    orphans: list[Orphan] = []
    problems: list[Problem] = []
    for annotation in annotations:
        if annotation.target_kind is not TargetKind.CLUSTER:
            attached.append(annotation)
            continue
        selector = annotation.selector
        cluster = by_id.get(selector.cluster) if selector.cluster else None
        if annotation.anchor is not None:
            cluster = of_member.get(annotation.anchor.statement)
        if cluster is None:
            message = _no_cluster(annotation)
            problems.append(warning(selector.origin.path, selector.origin.line, message))
            orphans.append(Orphan(annotation.origin, message, annotation.text, annotation))
            continue
        attached.append(replace(annotation, target=cluster.id))
    named = [_named(c, attached, problems) for c in clusters]
    return named, attached, orphans, problems


def _decisions(
    annotations: list[Annotation],
) -> tuple[dict[frozenset[str], _Decision], list[Problem]]:
    """Return the decision on each pair of statements; keeping a link beats rejecting it."""
    made: dict[frozenset[str], list[_Decision]] = {}
    for annotation in annotations:
        for curation in annotation.curations:
            if curation.statement and annotation.target:
                pair = frozenset((annotation.target, curation.statement))
                decision = _Decision(curation.kind, curation.link_kind, curation.selector.origin)
                made.setdefault(pair, []).append(decision)
    decisions: dict[frozenset[str], _Decision] = {}
    problems: list[Problem] = []
    for pair, found in made.items():
        keep = [d for d in found if d.kind is not CurationKind.REJECT]
        rejects = [d for d in found if d.kind is CurationKind.REJECT]
        if keep and rejects:
            first, second = sorted(pair)
            problems.append(
                warning(
                    rejects[0].origin.path,
                    rejects[0].origin.line,
                    f"the link between {first!r} and {second!r} is rejected here but "
                    f"{keep[0].kind.value}ed at {keep[0].origin}; keep one decision "
                    "(the link stays until then)",
                )
            )
        typed = [d for d in keep if d.link_kind is not None]
        decisions[pair] = (typed or keep or rejects)[-1]
    return decisions, problems


def _new_link(first: Statement, second: Statement, kind: LinkKind | None) -> Link:
    """Return a link the matcher did not propose; its score is 0: no similarity was measured."""
    if kind is None:
        kind = LinkKind.VERBATIM if fold(first.text) == fold(second.text) else LinkKind.PARAPHRASE
    return Link(
        first.id,
        second.id,
        kind,
        0.0,
        conflicts=find_conflicts(first.text, second.text, same_claim=kind is not LinkKind.PARTIAL),
        curated=True,
    )


def _no_cluster(annotation: Annotation) -> str:
    if annotation.anchor is not None:
        return (
            f"the statement {annotation.anchor.statement!r} "
            f"({short(annotation.anchor.text)!r}) is in no cluster: no other source reports it; "
            "annotate the statement with quote instead, or link it to another source's version"
        )
    return (
        f"no cluster with id {annotation.selector.cluster!r}; copy the id from the cluster page, "
        "or name the cluster by one of its statements: cluster: {quote: ..., source: ...}"
    )


def _named(cluster: Cluster, annotations: list[Annotation], problems: list[Problem]) -> Cluster:
    title, summary = cluster.title, cluster.summary
    for annotation in annotations:
        if annotation.target_kind is not TargetKind.CLUSTER or annotation.target != cluster.id:
            continue
        if annotation.title and title and annotation.title != title:
            problems.append(
                warning(
                    annotation.origin.path,
                    annotation.origin.line,
                    f"cluster {cluster.id!r} already has the title {short(title)!r}; "
                    "give each cluster one title",
                )
            )
        title = title or annotation.title
        summary = "\n\n".join(s for s in (summary, annotation.summary) if s)
    return replace(cluster, title=title, summary=summary)
