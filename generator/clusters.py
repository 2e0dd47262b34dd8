"""Group linked statements into clusters: one cluster per thing reported by several sources."""

from __future__ import annotations

import hashlib

from generator.model import Cluster, Link, Statement


def cluster_statements(statements: list[Statement], links: list[Link]) -> list[Cluster]:
    """Return the connected groups of linked statements that span two or more sources.

    A cluster's id derives from its first member, so it stays put while members come and go.
    """
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for link in links:
        a, b = root(link.source), root(link.target)
        if a != b:
            parent[max(a, b)] = min(a, b)
    position = {s.id: index for index, s in enumerate(statements)}
    source_of = {s.id: s.source for s in statements}
    groups: dict[str, list[str]] = {}
    for member in parent:
        groups.setdefault(root(member), []).append(member)
    clusters = []
    for members in groups.values():
        members.sort(key=position.__getitem__)
        sources = tuple(dict.fromkeys(source_of[m] for m in members))
        if len(sources) < 2:
            continue
        digest = hashlib.blake2b(members[0].encode(), digest_size=4).hexdigest()
        clusters.append(Cluster(f"c-{digest}", tuple(members), sources))
    clusters.sort(key=lambda c: (-len(c.sources), position[c.statements[0]]))
    return clusters


def wordings(members: list[Statement]) -> list[list[Statement]]:
    """Return the statements grouped by wording (spacing aside), the most used wording first,
    each group in the order given."""
    groups: dict[str, list[Statement]] = {}
    for statement in members:
        groups.setdefault(" ".join(statement.text.split()), []).append(statement)
    return sorted(groups.values(), key=len, reverse=True)


def wording_anchor(first: Statement) -> str:
    """Return the anchor of a wording on its cluster page, named after its first statement."""
    return f"v-{first.id}"
