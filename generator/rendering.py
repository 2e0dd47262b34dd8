"""Render a Briefing as Markdown pages through Jinja templates a project can override."""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from generator import siteindex, urls
from generator.clusters import wording_anchor, wordings
from generator.coverage import Profile, Row, cover_clusters, profile_sources
from generator.diffing import diff_words
from generator.fragments import render_markdown, set_apart
from generator.indexes import render_outlets, render_speakers, render_timeline
from generator.model import (
    Annotation,
    Briefing,
    Conflict,
    Link,
    LinkKind,
    Source,
    Statement,
    StatementKind,
    TargetKind,
)
from generator.overview import render_coverage, render_home
from generator.siteindex import Page, RenderOptions, SiteIndex

__all__ = [
    "Page",
    "RenderOptions",
    "Rendered",
    "escape_markdown",
    "navigation",
    "render_again",
    "render_site",
]

_TEMPLATES = Path(__file__).parent / "templates"
# The characters Python-Markdown (with the tables extension MkDocs enables) lets a backslash escape.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_TAGS = "tags.md"
_ABSENT_NAMED = 8
"""Sources named as not reporting a cluster; more are counted."""
_COMPARED = 40
"""Wordings shown side by side on a cluster page; the list of wordings has them all."""
NAV_SECTION = 50
"""Sources listed in the navigation before they are put in sections of this many."""
_LINK_ROWS = 50
"""Links listed on a cluster page: those that disagree on a fact first; the rest are counted."""


def render_site(briefing: Briefing, options: RenderOptions) -> list[Page]:
    """Return every generated page of the briefing site."""
    return render_again(briefing, options, None).pages


@dataclass(frozen=True)
class Rendered:
    """The pages of a render, with what they were made from, for the next render to reuse."""

    basis: tuple[Any, ...]
    """The sources, analysis, options and templates every page depends on."""
    pages: list[Page]
    shown: dict[str, tuple[Annotation, ...]]
    """The annotations each source and cluster page shows, by page path."""
    rows: list[Row]
    profiles: dict[str, Profile]


def render_again(briefing: Briefing, options: RenderOptions, earlier: Rendered | None) -> Rendered:
    """Return every generated page, taking from ``earlier`` the source and cluster pages that
    cannot have changed: same sources, statements, links, clusters, options and templates,
    and the same annotations on the page; the index pages, which show no annotation, with the
    same analysis. This is what makes a rebuild of ``mkdocs serve`` after an annotation edit
    cheap; the home, annotations and tags pages are always made again."""
    env = _environment(options)
    index = SiteIndex(briefing, options)
    basis = (*_analysis(briefing), options, _templates_stamp(options))
    same = earlier is not None and earlier.basis == basis
    kept = {page.path: page for page in earlier.pages} if earlier and same else {}
    # Who reports what, computed once for the overview, source and index pages.
    rows = earlier.rows if earlier and same else cover_clusters(briefing)
    profiles = (
        earlier.profiles if earlier and same else {p.source: p for p in profile_sources(briefing)}
    )
    shown: dict[str, tuple[Annotation, ...]] = {}

    def reuse(path: str, kind: TargetKind, target: str) -> Page | None:
        shown[path] = _shown(index, kind, target)
        if earlier is not None and path in kept and earlier.shown.get(path) == shown[path]:
            return kept[path]
        return None

    pages = [render_home(env, index, rows, list(profiles.values()))]
    for source in briefing.sources:
        page = reuse(urls.source_page(source.meta.id), TargetKind.SOURCE, source.meta.id)
        pages.append(page or _source(env, index, source, profiles[source.meta.id]))
    # The index pages show no annotation: the same analysis makes the same pages.
    pages.append(kept.get(urls.COVERAGE) or render_coverage(env, index, rows))
    pages.append(kept.get(urls.CLUSTERS) or _clusters_index(env, index))
    for row in rows:
        page = reuse(urls.cluster_page(row.cluster.id), TargetKind.CLUSTER, row.cluster.id)
        pages.append(page or _cluster(env, index, row))
    pages.append(kept.get(urls.CONFLICTS) or _conflicts(env, index))
    pages.append(kept.get(urls.SPEAKERS) or render_speakers(env, index))
    pages.append(kept.get(urls.OUTLETS) or render_outlets(env, index, list(profiles.values())))
    pages.append(kept.get(urls.TIMELINE) or render_timeline(env, index))
    pages.append(_annotations(env, index))
    pages.append(_tags_page(env, index))
    return Rendered(basis, pages, shown, rows, profiles)


def _analysis(briefing: Briefing) -> tuple[Any, ...]:
    return (
        briefing.title,
        briefing.description,
        briefing.sources,
        briefing.statements,
        briefing.links,
        briefing.clusters,
    )


def _templates_stamp(options: RenderOptions) -> tuple[tuple[str, int, int], ...]:
    """Return the name, size and time of every template a render may use."""
    files = [f for d in (*options.template_dirs, _TEMPLATES) if d.is_dir() for f in d.rglob("*")]
    return tuple(
        (str(f), stat.st_size, stat.st_mtime_ns) for f in sorted(files) if (stat := f.stat())
    )


def _shown(index: SiteIndex, kind: TargetKind, target: str) -> tuple[Annotation, ...]:
    """Return the annotations a source or cluster page shows: on it, or on its statements."""
    found = list(index.notes.get((kind, target), []))
    for statement in index.by_source.get(target, []) if kind is TargetKind.SOURCE else []:
        found += index.notes.get((TargetKind.STATEMENT, statement.id), [])
    return tuple(found)


def navigation(briefing: Briefing) -> list[dict[str, Any]]:
    """Return a MkDocs ``nav`` for the generated pages (cluster pages are reached from lists)."""
    return [
        {"Overview": urls.HOME},
        {"Sources": _source_navigation(briefing.sources)},
        {"Coverage": urls.COVERAGE},
        {"Shared statements": urls.CLUSTERS},
        {"Conflicts": urls.CONFLICTS},
        {"Speakers": urls.SPEAKERS},
        {"Outlets": urls.OUTLETS},
        {"Timeline": urls.TIMELINE},
        {"Annotations": urls.ANNOTATIONS},
        {"Tags": _TAGS},
    ]


def _source_navigation(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    """Return the source pages for the navigation: in the project's order while they are few,
    else in sections of at most ``NAV_SECTION`` sources by name, so that a page carries a short
    navigation (with Material's ``navigation.prune``, closed sections are left out of it)."""
    entries = [{s.meta.label: urls.source_page(s.meta.id)} for s in sources]
    if len(sources) <= NAV_SECTION:
        return entries
    ordered = sorted(sources, key=lambda s: (s.meta.label.casefold(), s.meta.id))
    sections = []
    for start in range(0, len(ordered), NAV_SECTION):
        part = ordered[start : start + NAV_SECTION]
        name = f"{part[0].meta.label} … {part[-1].meta.label}"
        sections.append({name: [{s.meta.label: urls.source_page(s.meta.id)} for s in part]})
    return sections


def escape_markdown(text: str) -> markupsafe.Markup:
    """Return ``text`` as literal Markdown inline text: no markup, no HTML, one line."""
    flat = " ".join(str(text).split())
    return markupsafe.Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)))


class _Environment(jinja2.Environment):
    """Jinja, reading ``view.name`` of the renderers' dicts as the key it is."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Jinja tries the attribute first: on a dict, an AttributeError raised and caught for
        # every lookup, which was a sixth of the rendering time of a large briefing.
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def _environment(options: RenderOptions) -> jinja2.Environment:
    loaders = [jinja2.FileSystemLoader(str(d)) for d in options.template_dirs if d.is_dir()]
    env = _Environment(
        loader=jinja2.ChoiceLoader([*loaders, jinja2.FileSystemLoader(str(_TEMPLATES))]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = escape_markdown
    env.filters["markdown_text"] = _user_markdown
    env.filters["short"] = _short
    env.filters["names"] = _names
    env.filters["yaml_string"] = _yaml_string
    env.filters["set_apart"] = set_apart
    return env


def _user_markdown(text: str) -> markupsafe.Markup:
    """Return Markdown a person wrote, with raw HTML neutralised."""
    return markupsafe.Markup(html.escape(str(text), quote=False))


def _yaml_string(text: str) -> markupsafe.Markup:
    """Return ``text`` as a double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return markupsafe.Markup(json.dumps(str(text), ensure_ascii=True))


def _names(names: list[str], limit: int = 6) -> str:
    """Return a list of names for a sentence, the names past ``limit`` counted."""
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _source(env: jinja2.Environment, index: SiteIndex, source: Source, profile: Profile) -> Page:
    page = urls.source_page(source.meta.id)
    statements = index.by_source[source.meta.id]
    in_block: dict[int, list[Statement]] = defaultdict(list)
    for statement in statements:
        in_block[statement.block].append(statement)
    groups: list[dict[str, Any]] = []
    for block_index, block in enumerate(source.blocks):
        members = in_block[block_index]
        clutter = bool(members) and all(s.kind is StatementKind.BOILERPLATE for s in members)
        entry = {
            "hint": block.hint,
            "kind": _block_kind(members),
            "speaker": next((s.speaker for s in members if s.speaker), None),
            "statements": [_statement_view(index, page, s) for s in members],
        }
        if clutter and groups and groups[-1]["clutter"]:
            groups[-1]["blocks"].append(entry)
        else:
            groups.append({"clutter": clutter, "blocks": [entry]})
    statement_keys = [(TargetKind.STATEMENT, s.id) for s in statements]
    text, fragments = render_markdown(
        env.get_template("source.md.j2"),
        source=source,
        meta=source.meta,
        groups=groups,
        cross_links=siteindex.CROSS_LINKS,
        counts={
            "statements": profile.statements,
            "shared": sum(1 for s in statements if s.is_content and s.id in index.cluster_of),
            "clutter": sum(1 for s in statements if s.kind is StatementKind.BOILERPLATE),
        },
        profile={
            "only": len(profile.only),
            "closest": index.label(profile.closest) if profile.closest else "",
            "missing": [index.cluster_summary(page, index.clusters[c]) for c in profile.missing],
        },
        notes=index.note_views(page, TargetKind.SOURCE, source.meta.id),
        tags=index.tags_of([(TargetKind.SOURCE, source.meta.id), *statement_keys]),
    )
    return Page(page, source.meta.label, text, fragments)


def _block_kind(members: list[Statement]) -> str:
    """Return the kind a paragraph is styled as: its first statement's, a dateline aside."""
    kinds: list[StatementKind] = [s.kind for s in members if s.kind is not StatementKind.DATELINE]
    kinds = kinds or [s.kind for s in members]
    return kinds[0].value if kinds else StatementKind.BODY.value


def _statement_view(index: SiteIndex, page: str, statement: Statement) -> dict[str, Any]:
    cluster = index.cluster_of.get(statement.id)
    counterparts = index.counterparts(page, statement)
    elsewhere = len(set(cluster.sources) - {statement.source}) if cluster else 0
    return {
        "statement": statement,
        "counterparts": counterparts,
        "more": max(0, elsewhere - len(counterparts)),
        "cluster_href": index.href(page, target=urls.cluster_page(cluster.id)) if cluster else "",
        "notes": index.note_views(page, TargetKind.STATEMENT, statement.id),
    }


def _clusters_index(env: jinja2.Environment, index: SiteIndex) -> Page:
    page = urls.CLUSTERS
    summaries = [index.cluster_summary(page, c) for c in index.briefing.clusters]
    text, fragments = render_markdown(
        env.get_template("clusters.md.j2"), clusters=summaries, briefing=index.briefing
    )
    return Page(page, "Shared statements", text, fragments)


def _cluster(env: jinja2.Environment, index: SiteIndex, row: Row) -> Page:
    """Return a cluster's comparison page: each wording once with the sources that use it, each
    wording beside the one it is linked to, and how the versions match.

    The page grows with the number of versions, not of links: identical wordings are listed
    once, and the table of links is cut after the disagreements and the first rows.
    """
    cluster = row.cluster
    page = urls.cluster_page(cluster.id)
    versions = {m: _version(index, page, index.statements[m]) for m in cluster.statements}
    wordings = _wordings(index, cluster.statements, versions)
    position = {member: number for number, member in enumerate(cluster.statements)}
    cluster_links = {
        (link.source, link.target): link
        for m in cluster.statements
        for link in index.links.get(m, [])
        if link.source in position and link.target in position
    }
    ordered = sorted(
        cluster_links.values(),
        key=lambda k: (not k.conflicts, position[k.source], position[k.target]),
    )
    links = [
        {"left": versions[link.source], "right": versions[link.target], "link": link}
        for link in ordered[:_LINK_ROWS]
    ]
    kinds = Counter(link.kind.value for link in cluster_links.values())
    absent = [s.meta.id for s in index.briefing.sources if s.meta.id not in cluster.sources]
    title = index.title(cluster)
    comparisons = _comparisons(index, row, versions, [w["first"] for w in wordings])
    text, fragments = render_markdown(
        env.get_template("cluster.md.j2"),
        cluster=cluster,
        title=title,
        wordings=wordings,
        comparisons=comparisons,
        compared_all=len(comparisons) >= len(wordings) - 1,
        links=links,
        link_counts={
            "total": len(cluster_links),
            "kinds": [(kind.value, kinds[kind.value]) for kind in LinkKind if kinds[kind.value]],
            "conflicts": sum(1 for link in cluster_links.values() if link.conflicts),
        },
        absent={
            "count": len(absent),
            "named": [index.label(s) for s in absent[:_ABSENT_NAMED]],
            "total": len(index.briefing.sources),
        },
        notes=index.note_views(page, TargetKind.CLUSTER, cluster.id),
        tags=index.tags_of([(TargetKind.CLUSTER, cluster.id)]),
        home_href=index.href(page, target=urls.CLUSTERS),
    )
    return Page(page, _short(title, 60), text, fragments)


def _wordings(
    index: SiteIndex, members: tuple[str, ...], versions: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Return the cluster's distinct wordings, the most used first, each with the versions that
    use it in source order."""
    return [
        {
            "text": " ".join(same[0].text.split()),
            "first": same[0].id,
            "anchor": wording_anchor(same[0]),
            "versions": sorted(
                (versions[s.id] for s in same),
                key=lambda v: index.source_order[v["statement"].source],
            ),
        }
        for same in wordings([index.statements[m] for m in members])
    ]


def _version(index: SiteIndex, page: str, statement: Statement) -> dict[str, Any]:
    meta = index.sources[statement.source].meta
    return {
        "statement": statement,
        "outlet": meta.label,
        "source_kind": meta.kind.value,
        "published": meta.published.isoformat() if meta.published else "",
        "href": index.href(page, statement),
    }


def _comparisons(
    index: SiteIndex, row: Row, versions: dict[str, dict[str, Any]], wordings: list[str]
) -> list[dict[str, Any]]:
    """Return one version of each wording but the representative's beside a version it is
    linked to (``wordings``: the first version of each wording)."""
    base = index.representative(row.cluster).id
    base_text = versions[base]["statement"].text.split()
    order = {member: number for number, member in enumerate(row.cluster.statements)}
    pairs = [
        _pair(index, m, base, order)
        for m in wordings
        if m != base and versions[m]["statement"].text.split() != base_text
    ]
    # The representative's comparisons first, then the others, each in reading order.
    found = sorted((p for p in pairs if p), key=lambda p: (p[0] != base, order[p[0]], order[p[1]]))
    return [_comparison(versions, left, right, link) for left, right, link in found[:_COMPARED]]


def _pair(
    index: SiteIndex, member: str, base: str, order: dict[str, int]
) -> tuple[str, str, Link] | None:
    """Return the two versions to compare and their link, the left one first.

    A version is compared with the representative when they are linked, so that one stays on
    the left wherever it can; otherwise with its closest linked version, in reading order.
    """
    own = [k for k in index.links.get(member, []) if k.source in order and k.target in order]
    if not own:
        return None
    link = max(own, key=lambda k: (base in (k.source, k.target), k.score))
    other = link.source if link.target == member else link.target
    if other == base or order[other] < order[member]:
        return other, member, link
    return member, other, link


def _comparison(
    versions: dict[str, dict[str, Any]], left: str, right: str, link: Link
) -> dict[str, Any]:
    conflicts = link.conflicts if link.source == left else _swapped(link.conflicts)
    texts = versions[left]["statement"].text, versions[right]["statement"].text
    diff = diff_words(*texts, conflicts)
    return {"left": versions[left], "right": versions[right], "link": link, "diff": diff}


def _swapped(conflicts: tuple[Conflict, ...]) -> tuple[Conflict, ...]:
    return tuple(Conflict(c.field, c.right, c.left) for c in conflicts)


def _conflicts(env: jinja2.Environment, index: SiteIndex) -> Page:
    """Return the page of disagreements: one row per fact two groups of sources disagree on,
    with the sources on each side and one pair of versions as the example."""
    page = urls.CONFLICTS
    groups: dict[tuple[str, str, str, str], list[tuple[Link, Conflict]]] = defaultdict(list)
    for link in index.briefing.links:
        for conflict in link.conflicts:
            cluster = index.cluster_of.get(link.source)
            first, second = sorted((conflict.left, conflict.right))
            key = (cluster.id if cluster else link.source, conflict.field, first, second)
            groups[key].append((link, conflict))
    rows = []
    for (_, field, first, second), found in groups.items():
        sides: dict[str, dict[str, None]] = {first: {}, second: {}}
        for link, conflict in found:
            sides[conflict.left][index.statements[link.source].source] = None
            sides[conflict.right][index.statements[link.target].source] = None
        link, conflict = found[0]
        left, right = index.statements[link.source], index.statements[link.target]
        if conflict.left != first:
            left, right = right, left
        rows.append(
            {
                "field": field,
                "sides": [
                    {"value": value, "outlets": [index.label(s) for s in sides[value]]}
                    for value in (first, second)
                ],
                "links": len(found),
                "left": _version(index, page, left),
                "right": _version(index, page, right),
                "cluster_href": _cluster_href(index, page, link),
            }
        )
    text, fragments = render_markdown(env.get_template("conflicts.md.j2"), rows=rows)
    return Page(page, "Conflicts", text, fragments)


def _cluster_href(index: SiteIndex, page: str, link: Link) -> str:
    cluster = index.cluster_of.get(link.source)
    return index.href(page, target=urls.cluster_page(cluster.id)) if cluster else ""


def _target_view(index: SiteIndex, page: str, annotation: Annotation) -> dict[str, Any]:
    """Return what an annotation is on: a label and a link."""
    kind, target = annotation.target_kind, annotation.target
    if kind is TargetKind.STATEMENT:
        statement = index.statements[target]
        label = f"{index.label(statement.source)}: {statement.text}"
        return {"label": label, "href": index.href(page, statement)}
    if kind is TargetKind.SOURCE:
        label, path = index.label(target), urls.source_page(target)
    else:
        label, path = index.title(index.clusters[target]), urls.cluster_page(target)
    return {"label": label, "href": index.href(page, target=path)}


def _annotations(env: jinja2.Environment, index: SiteIndex) -> Page:
    page = urls.ANNOTATIONS
    text, fragments = render_markdown(
        env.get_template("annotations.md.j2"),
        rows=[
            index.note_view(page, a) | _target_view(index, page, a)
            for a in index.briefing.annotations
        ],
        orphans=[
            {"orphan": o, "annotation": None, "curations": []}
            | (index.note_view(page, o.annotation) if o.annotation else {})
            for o in index.briefing.orphans
        ],
        problems=list(index.briefing.problems),
    )
    return Page(page, "Annotations", text, fragments)


def _tags_page(env: jinja2.Environment, index: SiteIndex) -> Page:
    page = _TAGS
    tagged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for annotation in index.briefing.annotations:
        for tag in annotation.tags:
            tagged[tag].append(_target_view(index, page, annotation))
    text, fragments = render_markdown(
        env.get_template("tags.md.j2"), tags=sorted(tagged.items(), key=lambda t: t[0].casefold())
    )
    return Page(page, "Tags", text, fragments)
