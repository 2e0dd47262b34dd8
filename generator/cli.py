"""The ``briefing`` command: new, check, export. A thin front end over the pipeline."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator.config import ProjectPaths
from generator.errors import BriefingError
from generator.export import export_briefing
from generator.pipeline import build_briefing
from generator.scaffold import create_project


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
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
    export = commands.add_parser("export", help="write the whole analysis as JSON")
    export.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
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
    briefing = build_briefing(paths)
    for problem in briefing.problems:
        print(f"{problem.severity.value}: {problem}", file=sys.stderr)
    print(
        f"{len(briefing.sources)} sources, {len(briefing.statements)} statements, "
        f"{len(briefing.links)} links, {len(briefing.annotations)} annotations; "
        f"{len(briefing.problems)} problems"
    )
    return 1 if briefing.problems else 0


def _export(args: argparse.Namespace) -> int:
    paths, directory_urls = _project(args.config_file)
    data = export_briefing(build_briefing(paths), directory_urls)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    # Write beside the target, then rename: readers never see half a file.
    args.output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=args.output.parent, prefix=".export-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, args.output)
    return 0


def _project(config_file: Path) -> tuple[ProjectPaths, bool]:
    """Return the project paths and ``use_directory_urls`` named by ``mkdocs.yml``."""
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
    except yaml.YAMLError as exc:
        raise BriefingError.at(shown, None, f"invalid YAML: {exc}") from None
    if not isinstance(config, dict):
        raise BriefingError.at(shown, 1, "expected a mapping of MkDocs settings")
    options = _plugin_options(config.get("plugins"))
    if options is None:
        raise BriefingError.at(
            shown, None, "the briefing plugin is not enabled; add 'briefing' under 'plugins:'"
        )
    return project_paths(config_file.parent, options), bool(config.get("use_directory_urls", True))


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
