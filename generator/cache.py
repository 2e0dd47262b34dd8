"""The analysis (statements and links) kept on disk between builds.

The key hashes everything the analysis depends on: the text and metadata of every source, the
settings, and the code of this package but for the modules that only present the analysis.
Annotations are not part of it, so editing one reuses the matching. The cache is JSON, not
pickle: a cache folder that came with someone else's project is data, never code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from generator.model import (
    Conflict,
    Link,
    LinkKind,
    Settings,
    Source,
    Statement,
    StatementKind,
)

log = logging.getLogger(__name__)

#: Where the analysis is kept, relative to the project (plugin option ``cache_dir``).
CACHE_DIR = ".briefing-cache"
_FORMAT = 2
_KINDS = tuple(LinkKind)
_KEEP = 3
_CODE = Path(__file__).parent
_last: list[Any] = [None, (), ()]
"""The analysis last stored or loaded: the stamp of its file, its statements, its links."""
PRESENTATION = frozenset(
    "__main__ anchoring annotations charts cli clusters coverage curation diffing export "
    "fragments indexes overview plugin rendering sanitizer scaffold search siteindex staging urls "
    "w3c".split()
)
"""Modules that run after the analysis or without it: their code is not part of the key, so a
change to the pages does not re-run the matching."""


def analysis_key(sources: list[Source], settings: Settings) -> str:
    """Return the key of the analysis of ``sources`` under ``settings``."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"format {_FORMAT}\n".encode())
    for module in sorted(_CODE.glob("*.py")):
        if module.stem not in PRESENTATION:
            digest.update(module.read_bytes())
    digest.update(repr((settings.aliases, settings.matching, settings.boilerplate)).encode())
    for source in sources:
        digest.update(repr(source.meta).encode())
        digest.update(source.text.encode())
    return digest.hexdigest()


def load_analysis(folder: Path, key: str) -> tuple[list[Statement], list[Link]] | None:
    """Return the cached statements and links for ``key``, or None when there are none.

    The last analysis stored or loaded stays in memory too, so the rebuilds of ``mkdocs serve``
    (one process) do not read it back from disk while its file is unchanged.
    """
    path = folder / f"analysis-{key}.json"
    if _last[0] is not None and _last[0] == _stamp(path):
        return list(_last[1]), list(_last[2])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("ignoring the unreadable cache %s: %s", path, exc)
        return None
    try:
        if data["format"] != _FORMAT:
            raise ValueError(f"format {data['format']}, not {_FORMAT}")
        statements = [_statement(item) for item in data["statements"]]
        links = _links(data["links"], [s.id for s in statements])
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        log.warning("ignoring the cache %s, which is not in the expected form: %s", path, exc)
        return None
    _remember(path, statements, links)
    return statements, links


def _remember(path: Path, statements: list[Statement], links: list[Link]) -> None:
    _last[:] = [_stamp(path), tuple(statements), tuple(links)]


def _stamp(path: Path) -> tuple[str, int, int] | None:
    """Return what tells that a file is the one remembered: its path, size and time."""
    try:
        status = path.stat()
    except OSError:
        return None
    return str(path.resolve()), status.st_size, status.st_mtime_ns


def store_analysis(folder: Path, key: str, statements: list[Statement], links: list[Link]) -> None:
    """Write the analysis for ``key`` atomically, keeping only the few newest ones."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "format": _FORMAT,
        "statements": [_statement_data(s) for s in statements],
        "links": _links_data(links, {s.id: n for n, s in enumerate(statements)}),
    }
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".analysis-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        # One string, written once: json.dump encodes piece by piece in Python, several times
        # slower on hundreds of thousands of links.
        out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    os.replace(temporary, folder / f"analysis-{key}.json")
    _remember(folder / f"analysis-{key}.json", statements, links)
    old = sorted(folder.glob("analysis-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in old[_KEEP:]:
        path.unlink(missing_ok=True)


def _statement_data(statement: Statement) -> list[Any]:
    return [
        statement.id,
        statement.source,
        statement.text,
        statement.kind.value,
        statement.block,
        statement.doc_start,
        statement.doc_end,
        statement.start,
        statement.end,
        statement.speaker,
    ]


def _statement(item: list[Any]) -> Statement:
    sid, source, text, kind, block, doc_start, doc_end, start, end, speaker = item
    return Statement(
        sid, source, text, StatementKind(kind), block, doc_start, doc_end, start, end, speaker
    )


def _links_data(links: list[Link], index: dict[str, int]) -> dict[str, list[Any]]:
    """Return the links as columns: statements by their index, kinds by number.

    A column of numbers is several times quicker to write and read than a list per link,
    and there are hundreds of thousands of links in a large briefing.
    """
    kind = {k: n for n, k in enumerate(_KINDS)}
    return {
        "from": [index[link.source] for link in links],
        "to": [index[link.target] for link in links],
        "kind": [kind[link.kind] for link in links],
        "score": [link.score for link in links],
        "conflicts": [
            [n, c.field, c.left, c.right] for n, link in enumerate(links) for c in link.conflicts
        ],
    }


def _links(data: dict[str, list[Any]], ids: list[str]) -> list[Link]:
    conflicts: dict[int, list[Conflict]] = {}
    for n, field, left, right in data["conflicts"]:
        conflicts.setdefault(n, []).append(Conflict(field, left, right))
    if min(data["from"], default=0) < 0 or min(data["to"], default=0) < 0:
        raise ValueError("a link names a statement by a negative index")
    columns = zip(data["from"], data["to"], data["kind"], data["score"], strict=True)
    return [
        Link(ids[a], ids[b], _KINDS[kind], float(score), tuple(conflicts.get(n, ())))
        for n, (a, b, kind, score) in enumerate(columns)
    ]
