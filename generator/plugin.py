"""The MkDocs plugin: run the pipeline, hand MkDocs the generated pages. Glue only."""

from __future__ import annotations

import gc
import html
import json
import logging
import time
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from generator import urls
from generator.cache import CACHE_DIR
from generator.config import ProjectPaths
from generator.errors import BriefingError
from generator.fragments import anchor_ids, insert_fragments
from generator.model import Briefing, Severity
from generator.pipeline import build_briefing
from generator.rendering import Rendered, RenderOptions, navigation, render_again
from generator.sanitizer import SanitizerExtension, inert_text, inert_titles
from generator.search import index_statements
from generator.siteindex import Page as GeneratedPage
from generator.staging import StagedSite, write_atomically

log = get_plugin_logger(__name__)

_ASSETS = Path(__file__).parent / "assets"
_CSS = "assets/briefing/briefing.css"
_SHIM = "assets/briefing/iframe-worker-shim.js"


class BriefingConfig(Config):
    """Options of the ``briefing`` entry in ``mkdocs.yml``; paths relative to ``mkdocs.yml``."""

    sources_dir = c.Type(str, default="content/sources")
    annotations_dir = c.Type(str, default="content/annotations")
    config_dir = c.Type(str, default="site-config")
    templates_dir = c.Type(str, default="theme/briefing")
    cache_dir = c.Type(str, default=CACHE_DIR)
    # iframe-worker's shim (from the npm package; `make` fetches it into build/), shipped with an
    # offline site so that Material's offline plugin needs no CDN for search from file://.
    offline_shim = c.Type(str, default="build/iframe-worker/shim/index.js")


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generate the briefing pages from the project's sources and annotations."""

    def __init__(self) -> None:
        self.paths: ProjectPaths | None = None
        self.briefing: Briefing | None = None
        self.shim: Path | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.sanitizer = SanitizerExtension()
        self.staged: StagedSite | None = None
        self.stage_builds = True
        self.serving = False
        self.one_build = False
        self.rendered: Rendered | None = None
        self.warnings: CountHandler | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # `mkdocs serve` builds into a folder of its own; a dirty build keeps what is there.
        self.stage_builds = command != "serve" and not dirty
        # The same plugin object makes every build of `mkdocs serve`: it keeps the last pages.
        self.serving = command == "serve"
        self.one_build = command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _show_progress()
        self.paths = project_paths(Path(config.config_file_path).parent, self.config)
        self.briefing = None
        self.pages = {}
        if _CSS not in config.extra_css:
            config.extra_css.append(_CSS)
        self.shim = None
        if _is_offline(config):
            self.shim = self.paths.root / self.config.offline_shim
            if not self.shim.is_file():
                raise PluginError(
                    f"briefing: the offline site needs iframe-worker's shim at {self.shim}, so "
                    "that search works from file:// without a CDN; run `make site` (it fetches "
                    "the npm package iframe-worker) or set the plugin's offline_shim option"
                )
            # Material's offline plugin adds a Web Worker shim from a CDN unless one is there.
            polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
            config.extra["polyfills"] = [*polyfills, _SHIM]
        if self.sanitizer not in config.markdown_extensions:
            config.markdown_extensions.append(self.sanitizer)
        # Build beside the site folder and swap it in when complete (see on_post_build).
        self.staged = StagedSite(Path(config.site_dir)) if self.stage_builds else None
        if self.staged is not None:
            config.site_dir = str(self.staged.begin())
            if config.strict:
                self.warnings = CountHandler()
                self.warnings.setLevel(logging.WARNING)
                logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.paths is not None
        try:
            cache = self.paths.root / self.config.cache_dir if self.config.cache_dir else None
            briefing = build_briefing(self.paths, cache)
        except BriefingError as exc:
            raise PluginError(f"briefing: the input has problems:\n{exc}") from None
        self.briefing = briefing
        if self.one_build:
            # The briefing lives until the process ends: the cycle collector need not walk its
            # millions of objects again while the pages are made (not under `mkdocs serve`,
            # where each rebuild's briefing replaces the last).
            gc.freeze()
        for problem in briefing.problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(str(problem))
        inputs = [self.paths.sources_dir, self.paths.annotations_dir, self.paths.config_dir]
        for file in list(files):
            if file.abs_src_path and _is_inside(Path(file.abs_src_path), inputs):
                files.remove(file)
        root = self.paths.root
        options = RenderOptions(
            directory_urls=config.use_directory_urls,
            template_dirs=(root / self.config.templates_dir,),
        )
        started = time.perf_counter()
        rendered = render_again(briefing, options, self.rendered)
        pages = rendered.pages
        self.rendered = rendered if self.serving else None
        log.info("rendered %d pages in %.1f s", len(pages), time.perf_counter() - started)
        for page in pages:
            if files.get_file_from_path(page.path) is not None:
                log.warning("docs/%s exists; it replaces the generated page", page.path)
                continue
            # Cluster pages are reached from lists, not the navigation: MkDocs need not say so.
            listed = page.path == urls.CLUSTERS or not page.path.startswith("clusters/")
            inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
            files.append(file)
            self.pages[page.path] = page
        css = (_ASSETS / "briefing.css").read_text(encoding="utf-8")
        files.append(File.generated(config, _CSS, content=css))
        if self.shim is not None:
            files.append(File.generated(config, _SHIM, abs_src_path=str(self.shim)))
        if not config.nav:
            config.nav = _html_titles(navigation(briefing))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.pages.get(page.file.src_uri)
        self.sanitizer.active = generated is not None
        if generated is not None:
            # Material writes page.meta.title into <title> as it is, and page.title through
            # `striptags`, which would decode an escaped "</title><script>" back into markup.
            page.meta["title"] = html.escape(inert_text(generated.title))
        return markdown

    # First of all: other plugins read the page's HTML whole.
    @event_priority(100)
    def _insert_fragments(
        self, content: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return content
        if page.present_anchor_ids is not None:
            # MkDocs checks links to anchors against the ids it found in the page's raw HTML.
            page.present_anchor_ids |= anchor_ids(generated.fragments)
        return insert_fragments(content, generated.fragments)

    def _inert_titles(
        self, content: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri not in self.pages:
            return content
        # Material's tooltips show a title attribute as HTML.
        return inert_titles(content)

    on_page_content = CombinedEvent(_insert_fragments, _inert_titles)

    # After the search plugin (priority 0) read the page: what it would only have left out.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and page.content is not None:
            page.content = insert_fragments(
                page.content, generated.fragments, unsearched=True, finish=inert_titles
            )
        return context

    # After the search plugin (priority 0) wrote its index, before the offline plugin (-100)
    # copies it into search_index.js.
    @event_priority(-50)
    def _index_search(self, *, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.briefing is None or not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        index = index_statements(index, self.briefing, config.use_directory_urls)
        write_atomically(path, json.dumps(index, separators=(",", ":")))

    # Last of all: every plugin has written its files.
    @event_priority(-1000)
    def _publish_site(self, *, config: MkDocsConfig) -> None:
        staged, self.staged = self.staged, None
        if staged is None:
            return
        config.site_dir = str(staged.target)
        warned = self.warnings is not None and bool(self.warnings.get_counts())
        self._stop_counting()
        if warned:
            # MkDocs aborts a strict build with warnings right after this: keep the last site.
            staged.discard()
            log.info("strict mode: the site in %s was left as it was", staged.target)
        else:
            staged.commit()

    on_post_build = CombinedEvent(_index_search, _publish_site)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self.staged.discard()
            self.staged = None
        self._stop_counting()

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        assert self.paths is not None
        for path in (self.paths.sources_dir, self.paths.annotations_dir, self.paths.config_dir):
            if path.exists():
                server.watch(str(path))
        return server


class _ToMkDocs(logging.Handler):
    """Hands the pipeline's progress lines to MkDocs' log, which shows INFO and up."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


def _show_progress() -> None:
    pipeline = logging.getLogger("generator")
    if not any(isinstance(h, _ToMkDocs) for h in pipeline.handlers):
        pipeline.addHandler(_ToMkDocs())
        pipeline.setLevel(logging.INFO)
        pipeline.propagate = False


def project_paths(root: Path, options: BriefingConfig | dict[str, Any]) -> ProjectPaths:
    """Return the input folders of the project whose ``mkdocs.yml`` is in ``root``."""
    get = options.get if isinstance(options, dict) else options.__getitem__
    return ProjectPaths(
        root=root,
        sources_dir=root / (get("sources_dir") or "content/sources"),
        annotations_dir=root / (get("annotations_dir") or "content/annotations"),
        config_dir=root / (get("config_dir") or "site-config"),
    )


def _html_titles(nav: list[Any]) -> list[Any]:
    """Return ``nav`` with its titles escaped: MkDocs' themes write them as HTML, and
    Material's tooltip for a truncated title reads its text as HTML once more."""
    return [
        {html.escape(inert_text(title)): _html_titles(value) if isinstance(value, list) else value}
        for entry in nav
        for title, value in entry.items()
    ]


def _is_offline(config: MkDocsConfig) -> bool:
    """Return whether Material's offline plugin is on: the site is to open from file://."""
    offline = config.plugins.get("material/offline")
    return bool(offline is not None and offline.config.get("enabled"))


def _is_inside(path: Path, folders: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder.resolve()) for folder in folders)
