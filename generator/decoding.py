"""Bytes of a document file to text: size limits, encodings, characters a page cannot show."""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import BriefingError, warning
from generator.model import Block, Problem

#: A source file larger than this is refused unread: a news page with inline scripts and styles
#: rarely reaches 5 MB, and its text is a tiny part of it.
MAX_FILE_BYTES = 16_000_000
#: Document text longer than this is refused: it is a book, not a report, and matching it
#: against the other sources would take hours.
MAX_TEXT_CHARS = 1_000_000
#: Document text longer than this builds, with a warning: a long feature has 50,000 characters.
LONG_TEXT_CHARS = 200_000
#: A stretch longer than this without a full stop, question or exclamation mark is rarely a
#: sentence; it is text that lost its punctuation or line breaks (a table, a caption list).
LONG_SENTENCE_CHARS = 3_000
_SENTENCE_ENDS = frozenset(".!?…。！？")
# Control characters that are not white space (tabs, line and page breaks are).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def read_document(path: Path, shown: str) -> str:
    """Return the text of a document file; raise a BriefingError a person can act on."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BriefingError.at(
                shown,
                None,
                f"the file is {_megabytes(size)}; a source may be at most "
                f"{_megabytes(MAX_FILE_BYTES)} (one article is usually under 1 MB): keep only "
                "the report, or split it into several sources",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise BriefingError.at(
            shown, None, f"cannot be read ({exc.strerror or exc}); check the file's permissions"
        ) from None
    return decode(data, shown)


def decode(data: bytes, shown: str) -> str:
    """Return ``data`` decoded as UTF-8; raise a BriefingError naming the line and encoding."""
    utf16 = _utf16_order(data)
    if utf16 is not None:
        raise BriefingError.at(
            shown,
            None,
            f"not UTF-8 text (it looks like UTF-16 {utf16}); "
            "re-save the file as UTF-8, e.g. iconv -f UTF-16 -t UTF-8",
        )
    if b"\x00" in data[:4096]:
        raise BriefingError.at(
            shown, None, "this is a binary file, not text; export the article as .txt, .md or .html"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BriefingError.at(
            shown,
            line,
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x}; "
            f"it looks like {_guess_encoding(data)}); re-save the file as UTF-8, "
            "e.g. iconv -f ENCODING -t UTF-8",
        ) from None


def check_text(
    text: str,
    blocks: list[Block],
    shown: str,
    raw: str,
    offsets: tuple[int, ...] | None = None,
) -> tuple[str, list[Problem]]:
    """Return ``text`` with control characters made visible, and warnings about its shape.

    ``raw`` is the file as read and ``offsets`` the file offset of each character of ``text``
    when it was extracted from ``raw`` (HTML), so that a warning can name the line. Control
    characters are replaced one for one: every offset into ``text`` stays valid.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise BriefingError.at(
            shown,
            None,
            f"{len(text):,} characters of text; a source may have at most {MAX_TEXT_CHARS:,} "
            "(a long report has 50,000): keep only the report, or split it into several sources",
        )

    def line_of(at: int) -> int:
        return raw.count("\n", 0, offsets[at] if offsets is not None else at) + 1

    problems: list[Problem] = []
    text, controls = _show_controls(text)
    if controls:
        first = min(controls)
        names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in controls.values()))
        problems.append(
            warning(
                shown,
                line_of(first),
                f"{len(controls)} control characters ({names}), shown as {text[first]!r}; "
                "the file is probably damaged or in another format: remove them",
            )
        )
    if len(text) > LONG_TEXT_CHARS:
        problems.append(
            warning(
                shown,
                None,
                f"{len(text):,} characters of text (a long report has 50,000); the build is slow "
                "and the page long: check that the file holds one report and nothing else",
            )
        )
    for block in blocks:
        run = _long_run(text, block.start, block.end)
        if run is not None:
            problems.append(
                warning(
                    shown,
                    line_of(run[0]),
                    f"{run[1]:,} characters without a full stop, question or exclamation mark; "
                    f"a sentence is rarely over {LONG_SENTENCE_CHARS:,}: the text probably lost "
                    "its punctuation or line breaks; it is kept as one statement: break it up",
                )
            )
            break
    return text, problems


def _show_controls(text: str) -> tuple[str, dict[int, str]]:
    """Return ``text`` with each control character replaced by its picture, and where each was.

    Python-Markdown drops some (U+0002 and U+0003 mark its placeholders) and browsers drop
    others, so a page would silently lose them.
    """
    found = {m.start(): m.group() for m in CONTROL.finditer(text)}
    if not found:
        return text, {}
    chars = list(text)
    for at, char in found.items():
        code = ord(char)
        chars[at] = chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
    return "".join(chars), found


def _long_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the start and length of the first too long stretch without a sentence end."""
    if end - start <= LONG_SENTENCE_CHARS:
        return None
    run = start
    for at in range(start, end):
        if text[at] in _SENTENCE_ENDS:
            if at - run > LONG_SENTENCE_CHARS:
                return run, at - run
            run = at + 1
    return (run, end - run) if end - run > LONG_SENTENCE_CHARS else None


def _utf16_order(data: bytes) -> str | None:
    """Return 'LE' or 'BE' when ``data`` looks like UTF-16 text, else None."""
    if data.startswith(b"\xff\xfe"):
        return "LE"
    if data.startswith(b"\xfe\xff"):
        return "BE"
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    # Latin text in UTF-16 has a zero in every other byte.
    if odd > 0.8 * pairs and even < 0.1 * pairs:
        return "LE"
    if even > 0.8 * pairs and odd < 0.1 * pairs:
        return "BE"
    return None


def _guess_encoding(data: bytes) -> str:
    # Cyrillic text in a single-byte encoding is whole words of high bytes; accented Latin text
    # has lone high bytes between ASCII letters.
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        return "an unknown encoding"
    runs = sum(1 for i in high if data[i - 1 : i] >= b"\x80" or data[i + 1 : i + 2] >= b"\x80")
    if runs > 0.6 * len(high):
        return "Windows-1251 (Cyrillic)"
    return "Windows-1252 or Latin-1"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
