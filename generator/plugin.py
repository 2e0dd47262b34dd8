"""The MkDocs plugin: run the pipeline, hand MkDocs the generated pages. Glue only."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.cache import CACHE_DIR
from generator.config import ProjectPaths
from generator.errors import BriefingError
from generator.model import Briefing, Severity
from generator.pipeline import build_briefing
from generator.rendering import RenderOptions, navigation, render_site
from generator.search import index_statements

log = get_plugin_logger(__name__)

_ASSETS = Path(__file__).parent / "assets"
_CSS = "assets/briefing/briefing.css"


class BriefingConfig(Config):
    """Options of the ``briefing`` entry in ``mkdocs.yml``; paths relative to ``mkdocs.yml``."""

    sources_dir = c.Type(str, default="content/sources")
    annotations_dir = c.Type(str, default="content/annotations")
    config_dir = c.Type(str, default="site-config")
    templates_dir = c.Type(str, default="theme/briefing")
    cache_dir = c.Type(str, default=CACHE_DIR)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generate the briefing pages from the project's sources and annotations."""

    def __init__(self) -> None:
        self.paths: ProjectPaths | None = None
        self.briefing: Briefing | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _show_progress()
        self.paths = project_paths(Path(config.config_file_path).parent, self.config)
        self.briefing = None
        if _CSS not in config.extra_css:
            config.extra_css.append(_CSS)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.paths is not None
        try:
            cache = self.paths.root / self.config.cache_dir if self.config.cache_dir else None
            briefing = build_briefing(self.paths, cache)
        except BriefingError as exc:
            raise PluginError(f"briefing: the input has problems:\n{exc}") from None
        self.briefing = briefing
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
        for page in render_site(briefing, options):
            if files.get_file_from_path(page.path) is not None:
                log.warning("docs/%s exists; it replaces the generated page", page.path)
                continue
            files.append(File.generated(config, page.path, content=page.markdown))
        css = (_ASSETS / "briefing.css").read_text(encoding="utf-8")
        files.append(File.generated(config, _CSS, content=css))
        if not config.nav:
            config.nav = navigation(briefing)
        return files

    # After the search plugin (priority 0) wrote its index, before the offline plugin (-100)
    # copies it into search_index.js.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.briefing is None or not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        index = index_statements(index, self.briefing, config.use_directory_urls)
        _write_atomically(path, json.dumps(index, separators=(",", ":")))

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


def _is_inside(path: Path, folders: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder.resolve()) for folder in folders)


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` so that a reader (``mkdocs serve``) never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        # mkstemp makes the file private; a web server must still be able to read it.
        os.chmod(temporary, path.stat().st_mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
