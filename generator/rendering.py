"""Render a Briefing as Markdown pages through Jinja templates a project can override."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from generator import urls
from generator.model import (
    Annotation,
    Briefing,
    Cluster,
    Link,
    LinkKind,
    Source,
    Statement,
    StatementKind,
    TargetKind,
)

_TEMPLATES = Path(__file__).parent / "templates"
# The characters Python-Markdown (with the tables extension MkDocs enables) lets a backslash escape.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_LINK_SYMBOL = {LinkKind.VERBATIM: "=", LinkKind.PARAPHRASE: "≈", LinkKind.PARTIAL: "⊂"}
_TAGS = "tags.md"


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
    """Page content."""


@dataclass
class _Index:
    """Look-ups the templates need, computed once per render."""

    briefing: Briefing
    options: RenderOptions
    statements: dict[str, Statement] = field(default_factory=dict)
    by_source: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[str, Source] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    cluster_of: dict[str, Cluster] = field(default_factory=dict)
    notes: dict[tuple[TargetKind, str], list[Annotation]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def __post_init__(self) -> None:
        self.statements = {s.id: s for s in self.briefing.statements}
        for statement in self.briefing.statements:
            self.by_source[statement.source].append(statement)
        self.sources = {s.meta.id: s for s in self.briefing.sources}
        for link in self.briefing.links:
            self.links[link.source].append(link)
            self.links[link.target].append(link)
        for cluster in self.briefing.clusters:
            for member in cluster.statements:
                self.cluster_of[member] = cluster
        for annotation in self.briefing.annotations:
            self.notes[(annotation.target_kind, annotation.target)].append(annotation)

    def href(self, page: str, statement: Statement | None = None, target: str = "") -> str:
        if statement is not None:
            return urls.relative_url(
                page, urls.source_page(statement.source), self.options.directory_urls, statement.id
            )
        return urls.relative_url(page, target, self.options.directory_urls)

    def counterparts(self, page: str, statement: Statement) -> list[dict[str, Any]]:
        result = []
        for link in self.links.get(statement.id, []):
            other = self.statements[link.target if link.source == statement.id else link.source]
            result.append(
                {
                    "source": other.source,
                    "outlet": self.sources[other.source].meta.label,
                    "kind": link.kind.value,
                    "symbol": _LINK_SYMBOL[link.kind],
                    "score": link.score,
                    "text": other.text,
                    "href": self.href(page, other),
                    "conflicts": link.conflicts,
                    "curated": link.curated,
                }
            )
        order = {s.meta.id: i for i, s in enumerate(self.briefing.sources)}
        return sorted(result, key=lambda c: (order[c["source"]], c["href"]))

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
                    "outlet": self.sources[other.source].meta.label if other else "",
                    "text": other.text if other else "",
                    "href": self.href(page, other) if other else "",
                }
            )
        return {"annotation": annotation, "curations": curations}

    def shared_sources(self, statement: Statement) -> int:
        cluster = self.cluster_of.get(statement.id)
        return len(cluster.sources) if cluster else 1


def render_site(briefing: Briefing, options: RenderOptions) -> list[Page]:
    """Return every generated page of the briefing site."""
    env = _environment(options)
    index = _Index(briefing, options)
    pages = [_home(env, index)]
    pages += [_source(env, index, source) for source in briefing.sources]
    pages.append(_clusters_index(env, index))
    pages += [_cluster(env, index, cluster) for cluster in briefing.clusters]
    pages.append(_conflicts(env, index))
    pages.append(_annotations(env, index))
    pages.append(_tags_page(env, index))
    return pages


def navigation(briefing: Briefing) -> list[dict[str, Any]]:
    """Return a MkDocs ``nav`` for the generated pages (cluster pages are reached from lists)."""
    return [
        {"Overview": urls.HOME},
        {"Sources": [{s.meta.label: urls.source_page(s.meta.id)} for s in briefing.sources]},
        {"Shared statements": urls.CLUSTERS},
        {"Conflicts": urls.CONFLICTS},
        {"Annotations": urls.ANNOTATIONS},
        {"Tags": _TAGS},
    ]


def escape_markdown(text: str) -> markupsafe.Markup:
    """Return ``text`` as literal Markdown inline text: no markup, no HTML, one line."""
    flat = " ".join(str(text).split())
    return markupsafe.Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)))


def _environment(options: RenderOptions) -> jinja2.Environment:
    loaders = [jinja2.FileSystemLoader(str(d)) for d in options.template_dirs if d.is_dir()]
    env = jinja2.Environment(
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
    env.filters["yaml_string"] = _yaml_string
    return env


def _user_markdown(text: str) -> markupsafe.Markup:
    """Return Markdown a person wrote, with raw HTML neutralised."""
    return markupsafe.Markup(html.escape(str(text), quote=False))


def _yaml_string(text: str) -> markupsafe.Markup:
    """Return ``text`` as a double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return markupsafe.Markup(json.dumps(str(text), ensure_ascii=True))


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _home(env: jinja2.Environment, index: _Index) -> Page:
    page = urls.HOME
    briefing = index.briefing
    rows = []
    for source in briefing.sources:
        content = [s for s in index.by_source[source.meta.id] if s.is_content]
        shared = [s for s in content if s.id in index.cluster_of]
        rows.append(
            {
                "source": source,
                "href": index.href(page, target=urls.source_page(source.meta.id)),
                "statements": len(content),
                "shared": len(shared),
                "only": [
                    {"statement": s, "href": index.href(page, s)}
                    for s in content
                    if s.id not in index.cluster_of and s.kind is not StatementKind.HEADING
                ],
            }
        )
    top = [_cluster_summary(index, page, c) for c in briefing.clusters[:12]]
    text = env.get_template("home.md.j2").render(
        briefing=briefing,
        rows=rows,
        top=top,
        facts=_facts(index),
        clusters_href=index.href(page, target=urls.CLUSTERS),
        conflicts_href=index.href(page, target=urls.CONFLICTS),
    )
    return Page(page, "Overview", text)


def _facts(index: _Index) -> dict[str, int]:
    briefing = index.briefing
    content = [s for s in briefing.statements if s.is_content]
    return {
        "sources": len(briefing.sources),
        "statements": len(content),
        "shared": sum(1 for s in content if s.id in index.cluster_of),
        "clusters": len(briefing.clusters),
        "conflicts": sum(1 for link in briefing.links if link.conflicts),
        "annotations": len(briefing.annotations),
    }


def _source(env: jinja2.Environment, index: _Index, source: Source) -> Page:
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
    content = [s for s in statements if s.is_content]
    statement_keys = [(TargetKind.STATEMENT, s.id) for s in statements]
    text = env.get_template("source.md.j2").render(
        source=source,
        meta=source.meta,
        groups=groups,
        counts={
            "statements": len(content),
            "shared": sum(1 for s in content if s.id in index.cluster_of),
            "clutter": sum(1 for s in statements if s.kind is StatementKind.BOILERPLATE),
        },
        notes=index.note_views(page, TargetKind.SOURCE, source.meta.id),
        tags=_tags_of(index, [(TargetKind.SOURCE, source.meta.id), *statement_keys]),
    )
    return Page(page, source.meta.label, text)


def _block_kind(members: list[Statement]) -> str:
    """Return the kind a paragraph is styled as: its first statement's, a dateline aside."""
    kinds: list[StatementKind] = [s.kind for s in members if s.kind is not StatementKind.DATELINE]
    kinds = kinds or [s.kind for s in members]
    return kinds[0].value if kinds else StatementKind.BODY.value


def _statement_view(index: _Index, page: str, statement: Statement) -> dict[str, Any]:
    cluster = index.cluster_of.get(statement.id)
    return {
        "statement": statement,
        "counterparts": index.counterparts(page, statement),
        "cluster_href": index.href(page, target=urls.cluster_page(cluster.id)) if cluster else "",
        "notes": index.note_views(page, TargetKind.STATEMENT, statement.id),
    }


def _cluster_summary(index: _Index, page: str, cluster: Cluster) -> dict[str, Any]:
    first = index.statements[cluster.statements[0]]
    return {
        "cluster": cluster,
        "title": cluster.title or _representative(index, cluster).text,
        "href": index.href(page, target=urls.cluster_page(cluster.id)),
        "outlets": [index.sources[s].meta.label for s in cluster.sources],
        "kind": first.kind.value,
        "conflicts": any(
            link.conflicts for m in cluster.statements for link in index.links.get(m, [])
        ),
    }


def _representative(index: _Index, cluster: Cluster) -> Statement:
    """Return the member most linked within its cluster (ties: the earliest)."""
    degree = {m: len(index.links.get(m, [])) for m in cluster.statements}
    return index.statements[max(cluster.statements, key=lambda m: degree[m])]


def _clusters_index(env: jinja2.Environment, index: _Index) -> Page:
    page = urls.CLUSTERS
    summaries = [_cluster_summary(index, page, c) for c in index.briefing.clusters]
    text = env.get_template("clusters.md.j2").render(clusters=summaries, briefing=index.briefing)
    return Page(page, "Shared statements", text)


def _cluster(env: jinja2.Environment, index: _Index, cluster: Cluster) -> Page:
    page = urls.cluster_page(cluster.id)
    members = {m: index.statements[m] for m in cluster.statements}
    versions: list[dict[str, Any]] = [
        {
            "statement": s,
            "outlet": index.sources[s.source].meta.label,
            "source_kind": index.sources[s.source].meta.kind.value,
            "href": index.href(page, s),
        }
        for s in members.values()
    ]
    position = {member: number for number, member in enumerate(members)}
    cluster_links = {
        (link.source, link.target): link for m in members for link in index.links.get(m, [])
    }
    links = [
        {
            "left": versions[position[link.source]],
            "right": versions[position[link.target]],
            "link": link,
        }
        for link in sorted(
            cluster_links.values(), key=lambda k: (position[k.source], position[k.target])
        )
    ]
    text = env.get_template("cluster.md.j2").render(
        cluster=cluster,
        title=cluster.title or _representative(index, cluster).text,
        versions=versions,
        links=links,
        notes=index.note_views(page, TargetKind.CLUSTER, cluster.id),
        tags=_tags_of(index, [(TargetKind.CLUSTER, cluster.id)]),
        home_href=index.href(page, target=urls.CLUSTERS),
    )
    return Page(page, _short(cluster.title or versions[0]["statement"].text, 60), text)


def _conflicts(env: jinja2.Environment, index: _Index) -> Page:
    page = urls.CONFLICTS
    rows = []
    for link in index.briefing.links:
        if not link.conflicts:
            continue
        left, right = index.statements[link.source], index.statements[link.target]
        rows.append(
            {
                "link": link,
                "left": {
                    "statement": left,
                    "outlet": index.sources[left.source].meta.label,
                    "href": index.href(page, left),
                },
                "right": {
                    "statement": right,
                    "outlet": index.sources[right.source].meta.label,
                    "href": index.href(page, right),
                },
            }
        )
    text = env.get_template("conflicts.md.j2").render(rows=rows)
    return Page(page, "Conflicts", text)


def _tags_of(index: _Index, keys: list[tuple[TargetKind, str]]) -> list[str]:
    """Return the tags of the annotations on the given targets, each once, in order."""
    tags = [tag for key in keys for a in index.notes.get(key, []) for tag in a.tags]
    return list(dict.fromkeys(tags))


def _target_view(index: _Index, page: str, annotation: Annotation) -> dict[str, Any]:
    """Return what an annotation is on: a label and a link."""
    kind, target = annotation.target_kind, annotation.target
    if kind is TargetKind.STATEMENT:
        statement = index.statements[target]
        label = f"{index.sources[statement.source].meta.label}: {statement.text}"
        return {"label": label, "href": index.href(page, statement)}
    if kind is TargetKind.SOURCE:
        label, path = index.sources[target].meta.label, urls.source_page(target)
    else:
        cluster = next(c for c in index.briefing.clusters if c.id == target)
        label = cluster.title or _representative(index, cluster).text
        path = urls.cluster_page(target)
    return {"label": label, "href": index.href(page, target=path)}


def _annotations(env: jinja2.Environment, index: _Index) -> Page:
    page = urls.ANNOTATIONS
    text = env.get_template("annotations.md.j2").render(
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
    return Page(page, "Annotations", text)


def _tags_page(env: jinja2.Environment, index: _Index) -> Page:
    page = _TAGS
    tagged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for annotation in index.briefing.annotations:
        for tag in annotation.tags:
            tagged[tag].append(_target_view(index, page, annotation))
    text = env.get_template("tags.md.j2").render(
        tags=sorted(tagged.items(), key=lambda t: t[0].casefold())
    )
    return Page(page, "Tags", text)
