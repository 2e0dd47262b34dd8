"""The ``briefing`` command: new, check, annotate, export. A thin front end over the pipeline."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from generator.cache import CACHE_DIR
from generator.config import ProjectPaths
from generator.errors import BriefingError
from generator.export import export_sections, write_json
from generator.pipeline import build_briefing
from generator.scaffold import annotations_yaml, create_project
from generator.staging import open_atomically, write_new
from generator.w3c import export_w3c


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    # Progress lines (what was read, matched, taken from the cache) go to standard error.
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        return int(args.run(args))
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    new = commands.add_parser("new", help="create a briefing project from a folder of documents")
    new.add_argument("directory", type=Path, help="folder of the new project")
    new.add_argument(
        "--from",
        dest="documents",
        type=Path,
        required=True,
        help="folder of .txt, .md or .html documents to copy in",
    )
    new.add_argument("--title", default="", help="title of the briefing")
    new.set_defaults(run=_new)
    check = commands.add_parser("check", help="validate sources, metadata and annotations")
    check.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    check.set_defaults(run=_check)
    annotate = commands.add_parser(
        "annotate", help="write a starter annotation file listing one source's statements"
    )
    annotate.add_argument("source", help="id (or file name) of the source")
    annotate.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    annotate.set_defaults(run=_annotate)
    export = commands.add_parser("export", help="write the whole analysis as JSON")
    export.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.add_argument(
        "--format",
        choices=("json", "w3c"),
        default="json",
        help="json: the whole analysis; w3c: the annotations as W3C Web Annotations (JSON-LD)",
    )
    export.set_defaults(run=_export)
    return parser


def _new(args: argparse.Namespace) -> int:
    written = create_project(args.directory, args.documents, args.title)
    print(f"created {args.directory} with {len(written)} files")
    print(
        f"next: check {args.directory / 'site-config' / 'sources.yml'}, then run "
        f"'mkdocs serve' in {args.directory}"
    )
    return 0


def _check(args: argparse.Namespace) -> int:
    paths, _ = _project(args.config_file)
    briefing = build_briefing(paths, paths.root / CACHE_DIR)
    for problem in briefing.problems:
        print(f"{problem.severity.value}: {problem}", file=sys.stderr)
    for annotation in briefing.annotations:
        anchor = annotation.anchor
        if anchor is not None and anchor.fuzzy:
            print(
                f"note: {annotation.selector.origin}: the quote no longer matches the text "
                f"exactly; attached by similarity to {anchor.text!r}; update the quote",
                file=sys.stderr,
            )
    print(
        f"{len(briefing.sources)} sources, {len(briefing.statements)} statements, "
        f"{len(briefing.links)} links, {len(briefing.annotations)} annotations; "
        f"{len(briefing.problems)} problem{'' if len(briefing.problems) == 1 else 's'}"
    )
    return 1 if briefing.problems else 0


def _annotate(args: argparse.Namespace) -> int:
    paths, _ = _project(args.config_file)
    briefing = build_briefing(paths, paths.root / CACHE_DIR)
    source = next((s for s in briefing.sources if args.source in (s.meta.id, s.meta.file)), None)
    if source is None:
        known = ", ".join(s.meta.id for s in briefing.sources)
        raise BriefingError.at(
            paths.show(paths.sources_dir),
            None,
            f"no source {args.source!r}; expected one of: {known}",
        )
    target = paths.annotations_dir / f"{source.meta.id}.yml"
    schema = paths.config_dir / "schemas" / "annotations.schema.json"
    relative = os.path.relpath(schema, target.parent) if schema.is_file() else ""
    statements = [s for s in briefing.statements if s.source == source.meta.id]
    text = annotations_yaml(source, statements, Path(relative).as_posix() if relative else "")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_new(target, text)
    except FileExistsError:
        raise BriefingError.at(
            paths.show(target),
            None,
            "the file exists; edit it, or remove it to start again (nothing was written)",
        ) from None
    print(
        f"wrote {paths.show(target)}: the {len(statements)} statements of {source.meta.label}, "
        "commented out; uncomment the ones to annotate"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    paths, config = _project(args.config_file)
    if args.output is not None:
        _check_output(args.output, paths, args.config_file)
    briefing = build_briefing(paths, paths.root / CACHE_DIR)
    # The briefing lives until the process ends: the cycle collector need not walk its
    # millions of objects again while the export is written (a tenth of the time at 2,000).
    gc.freeze()
    directory_urls = bool(config.get("use_directory_urls", True))
    members: Iterable[tuple[str, Any]]
    if args.format == "w3c":
        site_url = config.get("site_url")
        data = export_w3c(briefing, directory_urls, site_url if isinstance(site_url, str) else "")
        members = data.items()
    else:
        members = export_sections(briefing, directory_urls)
    if args.output is None:
        write_json(members, sys.stdout)
        return 0
    with open_atomically(args.output) as out:
        write_json(members, out)
    return 0


def _check_output(output: Path, paths: ProjectPaths, config_file: Path) -> None:
    """Refuse an output file that would replace one of the project's inputs, or a folder."""
    target = output.resolve()
    inputs = (paths.sources_dir, paths.annotations_dir, paths.config_dir)
    if target == config_file.resolve() or any(target.is_relative_to(d.resolve()) for d in inputs):
        raise BriefingError.at(
            str(output),
            None,
            "this is where the project's inputs are; write the export outside "
            f"{', '.join(paths.show(d) + '/' for d in inputs)} (nothing was written)",
        )
    if target.is_dir():
        raise BriefingError.at(str(output), None, "this is a folder; name a file, e.g. out.json")


def _project(config_file: Path) -> tuple[ProjectPaths, dict[str, Any]]:
    """Return the project paths named by ``mkdocs.yml``, and its settings."""
    from generator.plugin import project_paths

    shown = str(config_file)
    if not config_file.is_file():
        raise BriefingError.at(
            shown,
            None,
            "no such file; run the command in the project folder or pass -f path/to/mkdocs.yml",
        )
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        raise BriefingError.at(
            shown, mark.line + 1 if mark else None, f"invalid YAML: {what}; fix the syntax"
        ) from None
    if not isinstance(config, dict):
        raise BriefingError.at(shown, 1, "expected a mapping of MkDocs settings")
    options = _plugin_options(config.get("plugins"))
    if options is None:
        raise BriefingError.at(
            shown, None, "the briefing plugin is not enabled; add 'briefing' under 'plugins:'"
        )
    return project_paths(config_file.parent, options), config


def _plugin_options(plugins: Any) -> dict[str, Any] | None:
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((next(iter(p.items())) if isinstance(p, dict) else (p, {})) for p in plugins or [])
    )
    for name, options in entries:
        if name == "briefing":
            return options if isinstance(options, dict) else {}
    return None


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files that use MkDocs' own tags (!ENV, !!python/name) as plain values."""


_TolerantLoader.add_multi_constructor(
    "",
    lambda loader, suffix, node: (
        loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None
    ),
)
