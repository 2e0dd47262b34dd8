"""The `briefing` command line, run in-process through `main(argv)` on the other-event corpus."""

from __future__ import annotations

import datetime
import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.cli import main
from tests.conftest import REPO

CORPUS = REPO / "tests" / "data" / "other-event"
DOCUMENTS = ("aggregator.txt", "ministry-statement.html", "newspaper.md", "wire-report.txt")
LINK_KINDS = {"verbatim", "paraphrase", "partial"}
NO_ENTRY = (
    "warning: content/sources/x.txt: no entry in site-config/sources.yml; inferred id 'x', "
    "title 'Harbour pilots join the strike', outlet 'Unknown outlet', published unknown, "
    "language 'en'; add an entry there to correct it\n"
)


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    """Return a folder holding the four documents of the corpus and nothing else."""
    # The corpus folder also holds its README.md, which `briefing new` would take for a fifth
    # document: every .md file in the folder is one.
    folder = tmp_path / "documents"
    folder.mkdir()
    for name in DOCUMENTS:
        shutil.copy2(CORPUS / name, folder / name)
    return folder


@pytest.fixture
def project(tmp_path: Path, documents: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Return a project made by ``briefing new`` from the corpus."""
    target = tmp_path / "briefing"
    assert main(["new", str(target), "--from", str(documents)]) == 0
    capsys.readouterr()
    return target


@pytest.fixture
def exported(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    """Return the JSON that ``briefing export -o out.json`` writes for the corpus project."""
    monkeypatch.chdir(project.parent)
    assert main(["export", "-f", f"{project.name}/mkdocs.yml", "-o", "out.json"]) == 0
    assert capsys.readouterr() == ("", "")
    data: dict[str, Any] = json.loads((project.parent / "out.json").read_text(encoding="utf-8"))
    return data


def _snapshot(root: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


def _statement(data: dict[str, Any], source: str, opening: str) -> dict[str, Any]:
    found = [
        s for s in data["statements"] if s["source"] == source and s["text"].startswith(opening)
    ]
    assert len(found) == 1, f"one statement of {source} opens with {opening!r}"
    return found[0]


def _link(data: dict[str, Any], left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    pair = {left["id"], right["id"]}
    found = [link for link in data["links"] if {link["from"], link["to"]} == pair]
    assert len(found) == 1, f"{left['text']!r} is linked to {right['text']!r}"
    return found[0]


def _raw(project: Path, path: str) -> str:
    # Offsets count characters of the file as read: decoded, newlines untranslated.
    return (project / path).read_bytes().decode("utf-8")


def test_new_copies_the_documents_and_writes_a_project(
    tmp_path: Path, documents: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "briefing"
    assert main(["new", str(target), "--from", str(documents)]) == 0
    assert capsys.readouterr() == (
        f"created {target} with 8 files\n"
        f"next: check {target}/site-config/sources.yml, then run 'mkdocs serve' in {target}\n",
        "",
    )
    assert (target / "mkdocs.yml").is_file()
    assert (target / "content" / "annotations").is_dir()
    copied = sorted(p.name for p in (target / "content" / "sources").iterdir())
    assert copied == sorted(DOCUMENTS)
    for name in DOCUMENTS:
        assert (target / "content" / "sources" / name).read_bytes() == (CORPUS / name).read_bytes()


def test_new_infers_titles_and_dates_from_the_documents(project: Path) -> None:
    entries = yaml.safe_load((project / "site-config" / "sources.yml").read_text(encoding="utf-8"))
    inferred = "metadata inferred from the text; check it"
    assert entries == [
        {
            "id": "aggregator",
            "file": "aggregator.txt",
            "title": "Velmora minister call strike negotiations while Port Arden remains closed",
            "outlet": "Unknown outlet",
            "kind": "other",
            "published": None,
            "language": "en",
            "notes": inferred,
        },
        {
            "id": "ministry-statement",
            "file": "ministry-statement.html",
            # The page's <h1>; its <title> adds " | Ministry of Ports and Maritime Affairs".
            "title": (
                "Minister Marrow invites dockworkers and harbour authority to talks on Port Arden "
                "strike"
            ),
            "outlet": "Ministry of Ports and Maritime Affairs",
            "kind": "other",
            "published": datetime.date(2024, 3, 12),
            "language": "en",
            "notes": inferred,
        },
        {
            "id": "newspaper",
            "file": "newspaper.md",
            "title": "Strike leaves Port Arden at a standstill as minister summons both sides",
            "outlet": "Unknown outlet",
            "kind": "other",
            "published": datetime.date(2024, 3, 13),
            "language": "en",
            "notes": inferred,
        },
        {
            "id": "wire-report",
            "file": "wire-report.txt",
            "title": "Velmora minister calls strike talks as Port Arden stays shut",
            "outlet": "NWA",
            "kind": "wire agency",
            "published": None,
            "language": "en",
            "notes": inferred,
        },
    ]


def test_new_project_builds_in_strict_mode(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(project)
    with caplog.at_level(logging.WARNING):
        build(load_config(str(project / "mkdocs.yml"), strict=True))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    site = project / "site"
    assert (site / "index.html").is_file()
    pages = sorted(p.parent.name for p in (site / "sources").glob("*/index.html"))
    assert pages == ["aggregator", "ministry-statement", "newspaper", "wire-report"]


def test_new_refuses_an_existing_project(
    project: Path, documents: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(project)
    assert main(["new", str(project), "--from", str(documents)]) == 1
    assert capsys.readouterr() == (
        "",
        f"error: {project}: a project already exists here; choose a new folder "
        "(nothing was changed)\n",
    )
    assert _snapshot(project) == before


def test_new_refuses_a_folder_without_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "front-page.pdf").write_bytes(b"%PDF-1.4\n")
    target = tmp_path / "briefing"
    assert main(["new", str(target), "--from", str(scans)]) == 1
    assert capsys.readouterr() == ("", f"error: {scans}: no .txt, .md or .html documents here\n")
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", ": the file is empty; add the article text or remove it"),
        (
            "cp1251.txt",
            "Port Arden strike\n\nЗабастовка в порту Арден продолжается.\n".encode("cp1251"),
            ":3: not UTF-8 text (invalid byte 0xc7; it looks like Windows-1251 (Cyrillic)); "
            "re-save the file as UTF-8, e.g. iconv -f ENCODING -t UTF-8",
        ),
        pytest.param(
            "cp1252.txt",
            "Pilots join strike\n\nCafé owners on the quay closed early.\n".encode("cp1252"),
            ":3: not UTF-8 text (invalid byte 0xe9; it looks like Windows-1252 or Latin-1); "
            "re-save the file as UTF-8, e.g. iconv -f ENCODING -t UTF-8",
        ),
    ],
    ids=["empty", "cp1251", "cp1252"],
)
def test_new_writes_nothing_when_a_document_cannot_be_read(
    tmp_path: Path,
    documents: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    problem: str,
) -> None:
    (documents / name).write_bytes(data)
    target = tmp_path / "briefing"
    assert main(["new", str(target), "--from", str(documents)]) == 1
    assert capsys.readouterr() == ("", f"error: {documents / name}{problem}\n")
    assert not target.exists()


def test_check_summarises_a_valid_project(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-f", str(project / "mkdocs.yml")]) == 0
    out, err = capsys.readouterr()
    assert re.fullmatch(r"4 sources, \d+ statements, \d+ links, 0 annotations; 0 problems\n", out)
    assert err == ""


def test_check_fails_on_a_document_without_metadata(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "sources" / "x.txt").write_text(
        "Harbour pilots join the strike\n\n"
        "Pilots at Port Arden said on Tuesday they would stop guiding ships into the harbour.\n",
        encoding="utf-8",
    )
    assert main(["check", "-f", str(project / "mkdocs.yml")]) == 1
    out, err = capsys.readouterr()
    assert re.fullmatch(r"5 sources, \d+ statements, \d+ links, 0 annotations; 1 problem\n", out)
    assert err == NO_ENTRY


def test_check_escapes_terminal_control_characters_in_a_file_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file name that would clear the screen, and one that would reverse the line after it.
    for name in ("x\x1b[2J.txt", "y\u202etxt.exe.txt"):
        (project / "content" / "sources" / name).write_text(
            "Harbour pilots join the strike\n\nPilots at Port Arden said they would stop.\n",
            encoding="utf-8",
        )
    assert main(["check", "-f", str(project / "mkdocs.yml")]) == 1
    _, err = capsys.readouterr()
    assert "\x1b" not in err and "\u202e" not in err
    assert "content/sources/x\\x1b[2J.txt: no entry in site-config/sources.yml" in err
    assert "content/sources/y\\u202etxt.exe.txt: no entry" in err


@pytest.mark.parametrize(
    ("notes", "problem"),
    [
        (
            '- quote: "will not send soldiers onto the quays"\n'
            "  source: ministry-statement\n"
            "  notte: The wire and the newspaper carry the same words.\n",
            "content/annotations/notes.yml:3: unknown key 'notte' (did you mean 'note'?); "
            "expected one of: quote, prefix, suffix, id, source, cluster, note, tags, verdict, "
            "evidence, speaker, importance, title, summary, confirm, reject, link",
        ),
        (
            "- source: wire-report\n"
            "  note: The only source that names the union leader.\n"
            '- quote: "the navy will run the cranes"\n'
            "  note: No source says this.\n",
            "content/annotations/notes.yml:3: the quote 'the navy will run the cranes' "
            "matches no statement; copy the words exactly from the source page",
        ),
    ],
    ids=["unknown-key", "unmatched-quote"],
)
def test_check_fails_on_a_bad_annotation_with_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], notes: str, problem: str
) -> None:
    (project / "content" / "annotations" / "notes.yml").write_text(notes, encoding="utf-8")
    assert main(["check", "-f", str(project / "mkdocs.yml")]) == 1
    out, err = capsys.readouterr()
    assert re.fullmatch(r"4 sources, \d+ statements, \d+ links, \d annotations; 1 problem\n", out)
    assert err == f"warning: {problem}\n"


def test_export_writes_sources_statements_and_links(exported: dict[str, Any]) -> None:
    assert {"sources", "statements", "links"} <= exported.keys()
    assert [s["id"] for s in exported["sources"]] == [
        "aggregator",
        "ministry-statement",
        "newspaper",
        "wire-report",
    ]
    assert {s["source"] for s in exported["statements"]} == {s["id"] for s in exported["sources"]}


def test_export_spans_of_text_and_markdown_sources_are_the_statements(
    project: Path, exported: dict[str, Any]
) -> None:
    paths = {s["id"]: s["path"] for s in exported["sources"]}
    checked = 0
    for statement in exported["statements"]:
        path = paths[statement["source"]]
        if path.endswith((".txt", ".md")):
            raw = _raw(project, path)
            assert raw[statement["start"] : statement["end"]] == statement["text"]
            checked += 1
    assert checked > 50


def test_export_spans_of_html_sources_start_at_the_statement(
    project: Path, exported: dict[str, Any]
) -> None:
    raw = _raw(project, "content/sources/ministry-statement.html")
    statements = [s for s in exported["statements"] if s["source"] == "ministry-statement"]
    assert len(statements) > 20
    for statement in statements:
        first_word = statement["text"].split()[0]
        assert raw[statement["start"] : statement["end"]].startswith(first_word), statement


def test_export_lists_each_link_once_between_two_sources(exported: dict[str, Any]) -> None:
    source_of = {s["id"]: s["source"] for s in exported["statements"]}
    pairs = [frozenset((link["from"], link["to"])) for link in exported["links"]]
    assert pairs, "the corpus reports the same statements in several sources"
    assert len(set(pairs)) == len(pairs)
    for link in exported["links"]:
        assert source_of[link["from"]] != source_of[link["to"]]
        assert link["kind"] in LINK_KINDS


def test_export_links_the_ministers_quote_in_ministry_and_wire(exported: dict[str, Any]) -> None:
    ministry = _statement(exported, "ministry-statement", "“The right to strike is protected")
    wire = _statement(exported, "wire-report", '"The right to strike is protected')
    assert _link(exported, ministry, wire)["conflicts"] == []


def test_export_flags_the_differing_number_of_strikers(exported: dict[str, Any]) -> None:
    ministry = _statement(exported, "ministry-statement", "About 1,200 dockworkers stopped work")
    wire = _statement(exported, "wire-report", "Some 1,500 dockers walked off")
    assert _link(exported, ministry, wire)["conflicts"] == [
        {"field": "number", "from": "1,200", "to": "1,500"}
    ]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("aggregator", "About 20 thousand containers"), ("wire-report", "Some 20K containers")),
        pytest.param(
            ("ministry-statement", "A total of 38 vessels"), ("wire-report", "Thirty-eight ships")
        ),
    ],
    ids=["20-thousand-vs-20K", "38-vs-thirty-eight"],
)
def test_export_equal_figures_written_differently_do_not_conflict(
    exported: dict[str, Any], left: tuple[str, str], right: tuple[str, str]
) -> None:
    link = _link(exported, _statement(exported, *left), _statement(exported, *right))
    assert link["conflicts"] == []


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_missing_config_file_is_an_error_without_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([command, "-f", "missing.yml"]) == 1
    assert capsys.readouterr() == (
        "",
        "error: missing.yml: no such file; run the command in the project folder "
        "or pass -f path/to/mkdocs.yml\n",
    )


def test_python_dash_m_generator_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: briefing")
