"""Project settings and source metadata from ``site-config/``, validated with file and line."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.decoding import CONTROL
from generator.errors import BriefingError, error
from generator.model import (
    Alias,
    MatchSettings,
    Origin,
    Problem,
    Settings,
    SourceKind,
    SourceMeta,
)
from generator.synonyms import DEFAULT_SYNONYMS
from generator.yamlfile import LineDict, LineList, read_yaml, type_name

#: Site clutter found on news sites in general; projects extend or replace it in settings.yml.
DEFAULT_BOILERPLATE = (
    r"^leave a (reply|comment)\b",
    r"your email address will not be published",
    r"required fields are marked",
    r"^(go back\s*)+(twitter|facebook|print|share|email|\s)*$",
    r"^((share|print|email|e-mail|twitter|facebook|telegram|whatsapp|linkedin|vk)\b[\s|,]*){2,}$",
    r"\b(sign up|subscribe)\b.*\b(newsletter|website|e-?mail|updates|stories|inbox)\b",
    r"\bnewsletter\b.*\b(sign up|subscribe)\b",
    r"^official website of\b",
    r"^(all|latest|more|top|world|breaking) news\b(?!.*[.!?]$)",  # taglines, not sentences
    r"^(advertisement|advert|sponsored( content)?)$",
    r"^(read|see) (also|more)\b",
    # A lead-in to a document the page reprints: "Here is the full statement:".
    r"^(read|see|here is|here's|below is|following is) the (full |complete )?"
    r"(text|statement|transcript|speech|letter|release)\b[^.!?]{0,100}:$",
    r"^related( articles| stories| news)?:?$",
    # A link to another page: "Related: Who are the nine judges?".
    r"^related( articles| stories| news| coverage)?\s*:\s*\S",
    r"\b(we use|this site uses) cookies\b",
    r"^(skip to (main )?content|menu|search|home|view|more|next|previous|prev|back|"
    r"back to top|close|reply|like|listen|play|watch|expand|collapse|continue reading)$",
    # Breadcrumbs: "Home > World > Asia", "You are here: Home » News", "Current: Home > ..."
    r"^((you are here|current( page| location)?)\s*:\s*)?(home|homepage|main page)\s*[>»›/|]|"
    r"^(you are here|current( page| location)?)\s*:",
    r"\b(is|are) (a )?(registered )?trademarks? (of|registered)\b",
    r"^(©|copyright\s*(©|\(c\))?\s*\d{4})|\ball rights reserved\b",
    # Menus: three or more short items between bars or dots ("Home | News | Sport").
    r"^[^|•·.!?]{1,25}([|•·][^|•·.!?]{1,25}){2,}$",
    r"^share( (on|via|this( article| story| page)?)\b.{0,25})?$",
    r"^(share (on|via) [\w+-]+\s*){2,}$",
    r"^(x|facebook|twitter|linkedin|e-?mail|whatsapp|telegram|reddit|pinterest|print|link|"
    r"copy link|flipboard|messenger)$",
    r"^((log ?in|sign ?in|log ?out|register|subscribe|sign ?up)\b\s*[|/]?\s*)+"
    r"(here|now|today)?\.?$",
    r"^(subscribe|sign ?up)\b.{0,40}$",
    r"^subscribe (to|for|now|today)\b",  # "Subscribe to the Ledger for unlimited access ..."
    r"^(breaking( news)?|live( updates)?|exclusive|developing( story)?)$",
    r"^comments?\s*(\(\d+\)|\d+)?$|^comments are closed\.?$",
    r"^(load|show|view|see) (more |all )?comments$",
    r"^(tags|topics|filed under|categories)\s*:",
    r"^follow (us|@)",
    r"\blicensing rights\b|^reprints?( (and|&) permissions)?$",
    r"\bopens (in )?(a )?new (tab|window)\b",
    r"^report (this )?ad$|^(advertisement|advert|ad)\s*[·|–-]\s*scroll to continue$",
    r"^our standards\b",
    r"\b(delivered )?(to|in) your inbox\b",
    r"^(your )?e-?mail( address)?:?$|^newsletters?$",
    # Photo credits: "REUTERS/Jane Doe/File Photo", "AFP via Getty Images".
    r"^(?-i:([A-Z]{2,}[A-Z &-]*/)+[A-Z][\w'’-]*([ /-]+[A-Z][\w'’-]*){0,6})$|"
    r"^[^.!?]{0,60}\b(via getty images|getty images|file photo)$",
    r"^\d{1,2}\.?$",  # the numbers of a "Most read" list
)

_SETTINGS_KEYS = ("title", "description", "boilerplate", "aliases", "synonyms", "matching")
# The keys of a section with a list and a defaults flag, the list's key first.
_BOILERPLATE_KEYS = ("patterns", "defaults")
# Synonyms are a section of their own, as aliases are.
_MATCHING_KEYS = tuple(key for key in MatchSettings.__dataclass_fields__ if key != "synonyms")
# Keys of the semantic backend, which was dropped: measured, it matched no better than words
# alone (README, "The semantic backend"). A settings file written for it is told so.
_REMOVED_MATCHING_KEYS = {
    key: f"matching.{key} is no longer a setting: the semantic backend was dropped and "
    "matching is by words alone (README, 'The semantic backend'); delete this line"
    for key in ("backend", "semantic_threshold", "semantic_weight")
}
_SYNONYMS_KEYS = ("groups", "defaults")
_SOURCE_KEYS = (
    "id",
    "file",
    "title",
    "outlet",
    "short_name",
    "kind",
    "published",
    "language",
    "notes",
    "url",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Only addresses a reader can follow: no javascript:, data: or file: links on the page.
_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


@dataclass(frozen=True)
class ProjectPaths:
    """Where a briefing project keeps its inputs."""

    root: Path
    """Folder of ``mkdocs.yml``; every message shows paths relative to it."""
    sources_dir: Path
    """Folder of source documents."""
    annotations_dir: Path
    """Folder of annotation YAML files."""
    config_dir: Path
    """Folder of ``sources.yml`` and ``settings.yml``."""

    @classmethod
    def under(cls, root: Path) -> ProjectPaths:
        """Return the default layout below ``root``."""
        return cls(
            root,
            root / "content" / "sources",
            root / "content" / "annotations",
            root / "site-config",
        )

    def show(self, path: Path) -> str:
        """Return ``path`` as a user would type it from the project folder."""
        # The folder resolved, not the file: a link is shown where it is, not where it leads.
        try:
            return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def load_settings(paths: ProjectPaths) -> Settings:
    """Return the project settings; defaults when ``settings.yml`` is absent."""
    path = paths.config_dir / "settings.yml"
    shown = paths.show(path)
    if not path.exists():
        return Settings(boilerplate=DEFAULT_BOILERPLATE, origin=Origin(shown))
    data = read_yaml(path, shown)
    if data is None:
        return Settings(boilerplate=DEFAULT_BOILERPLATE, origin=Origin(shown))
    problems: list[Problem] = []
    mapping = _expect_mapping(data, shown, 1, "the settings file", problems)
    _reject_unknown(mapping, _SETTINGS_KEYS, shown, problems)
    settings = Settings(
        title=_expect_str(mapping, "title", shown, problems, default="Briefing"),
        description=_expect_str(mapping, "description", shown, problems),
        boilerplate=_read_boilerplate(mapping, shown, problems),
        aliases=_read_aliases(mapping, shown, problems),
        matching=dataclasses.replace(
            _read_matching(mapping, shown, problems),
            synonyms=_read_synonyms(mapping, shown, problems),
        ),
        origin=Origin(shown),
    )
    if problems:
        raise BriefingError(sorted(problems, key=_line))
    return settings


def load_source_metas(paths: ProjectPaths) -> list[SourceMeta]:
    """Return the metadata entries of ``sources.yml`` (empty when the file is absent)."""
    path = paths.config_dir / "sources.yml"
    shown = paths.show(path)
    if not path.exists():
        return []
    data = read_yaml(path, shown)
    if data is None:
        return []
    if not isinstance(data, LineList):
        raise BriefingError.at(
            shown, getattr(data, "line", 1), f"expected a list of sources, got {type_name(data)}"
        )
    problems: list[Problem] = []
    metas: list[SourceMeta] = []
    seen: dict[str, int] = {}
    files: dict[str, int] = {}
    for item, line in zip(data, data.item_lines, strict=True):
        meta = _read_source_entry(item, line, shown, problems)
        if meta is None:
            continue
        if meta.id in seen:
            problems.append(
                error(
                    shown,
                    line,
                    f"duplicate source id {meta.id!r} (first used on line "
                    f"{seen[meta.id]}); give every source its own id",
                )
            )
            continue
        if meta.file in files:
            problems.append(
                error(
                    shown,
                    line,
                    f"file {meta.file!r} is already the file of the source on line "
                    f"{files[meta.file]}; each file is one source: fix 'file' or remove the entry",
                )
            )
            continue
        seen[meta.id] = line
        files[meta.file] = line
        metas.append(meta)
    if problems:
        raise BriefingError(sorted(problems, key=_line))
    return metas


def _line(problem: Problem) -> int:
    return problem.origin.line or 0


def _read_source_entry(
    item: Any, line: int, shown: str, problems: list[Problem]
) -> SourceMeta | None:
    if not isinstance(item, LineDict):
        problems.append(
            error(shown, line, f"expected a mapping for a source, got {type_name(item)}")
        )
        return None
    before = len(problems)
    _reject_unknown(item, _SOURCE_KEYS, shown, problems)
    source_id = _expect_str(item, "id", shown, problems, required=True)
    if source_id and not _ID.match(source_id):
        problems.append(
            error(
                shown,
                item.line_of("id"),
                f"source id {source_id!r} must use only lowercase "
                "letters, digits and dashes (it becomes part of web addresses)",
            )
        )
    file = _expect_str(item, "file", shown, problems, required=True)
    kind_text = _expect_str(item, "kind", shown, problems, default="other")
    kinds = [k.value for k in SourceKind]
    if kind_text not in kinds:
        problems.append(
            error(
                shown,
                item.line_of("kind"),
                f"unknown source kind {kind_text!r}; expected one of: {', '.join(kinds)}",
            )
        )
    published = item.get("published")
    if published is not None and not isinstance(published, datetime.date):
        problems.append(
            error(
                shown,
                item.line_of("published"),
                f"published must be a date like 2022-01-07 or null, got {published!r}",
            )
        )
    url = _expect_str(item, "url", shown, problems)
    if url and not _URL.match(url):
        problems.append(
            error(
                shown,
                item.line_of("url"),
                f"url must be a web address starting with https:// or http://, got {url!r}",
            )
        )
    texts = {
        key: _expect_str(item, key, shown, problems, default=default)
        for key, default in (
            ("title", ""),
            ("outlet", "Unknown outlet"),
            ("language", "en"),
            ("notes", ""),
            ("short_name", ""),
        )
    }
    if len(problems) > before:
        return None
    return SourceMeta(
        id=source_id,
        file=file,
        title=texts["title"],
        outlet=texts["outlet"],
        kind=SourceKind(kind_text),
        published=published if isinstance(published, datetime.date) else None,
        language=texts["language"],
        notes=texts["notes"],
        url=url or None,
        origin=Origin(shown, line),
        short_name=texts["short_name"],
    )


def _list_with_defaults(
    mapping: LineDict,
    name: str,
    keys: tuple[str, ...],
    expected: str,
    shown: str,
    problems: list[Problem],
) -> tuple[LineList, bool]:
    """Return the list of a section like ``boilerplate: {defaults: true, patterns: [...]}``
    (empty when absent or wrong) and whether the built-in entries apply too. ``keys``: the
    section's keys, the list's first."""
    key = keys[0]
    empty = LineList()
    empty.item_lines = []
    section = mapping.get(name)
    if section is None:
        return empty, True
    block = _expect_mapping(section, shown, mapping.line_of(name), name, problems)
    _reject_unknown(block, keys, shown, problems)
    defaults = block.get("defaults", True)
    if not isinstance(defaults, bool):
        problems.append(
            error(shown, block.line_of("defaults"), f"{name}.defaults must be true or false")
        )
    raw = block.get(key)
    if raw is None:
        return empty, defaults is not False
    if not isinstance(raw, LineList):
        problems.append(error(shown, block.line_of(key), f"{name}.{key} must be {expected}"))
        return empty, defaults is not False
    return raw, defaults is not False


def _read_boilerplate(mapping: LineDict, shown: str, problems: list[Problem]) -> tuple[str, ...]:
    raw, defaults = _list_with_defaults(
        mapping,
        "boilerplate",
        _BOILERPLATE_KEYS,
        "a list of regular expressions",
        shown,
        problems,
    )
    patterns = list(DEFAULT_BOILERPLATE) if defaults else []
    for pattern, line in zip(raw, raw.item_lines, strict=True):
        if not isinstance(pattern, str):
            problems.append(error(shown, line, f"expected a regular expression, got {pattern!r}"))
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(
                error(
                    shown,
                    line,
                    f"invalid regular expression {pattern!r}: {exc}; "
                    "quote it in single quotes and escape special characters with \\",
                )
            )
            continue
        patterns.append(pattern)
    return tuple(patterns)


def _read_aliases(mapping: LineDict, shown: str, problems: list[Problem]) -> tuple[Alias, ...]:
    section = mapping.get("aliases")
    if section is None:
        return ()
    block = _expect_mapping(section, shown, mapping.line_of("aliases"), "aliases", problems)
    aliases = []
    for name, variants in block.items():
        line = block.line_of(name)
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            problems.append(
                error(
                    shown,
                    line,
                    f"aliases of {name!r} must be a list of names, got {type_name(variants)}",
                )
            )
            continue
        blank = [v for v in (str(name), *variants) if not any(c.isalnum() for c in v)]
        if blank:
            problems.append(
                error(
                    shown,
                    line,
                    f"aliases of {name!r}: {blank[0]!r} has no letter or digit, so it names "
                    "no one; write the name or delete it",
                )
            )
            continue
        aliases.append(Alias(str(name), tuple(variants)))
    return tuple(aliases)


def _read_synonyms(
    mapping: LineDict, shown: str, problems: list[Problem]
) -> tuple[tuple[str, ...], ...]:
    raw, defaults = _list_with_defaults(
        mapping,
        "synonyms",
        _SYNONYMS_KEYS,
        "a list of groups, each a list of words like [dockworkers, dockers]",
        shown,
        problems,
    )
    groups = list(DEFAULT_SYNONYMS) if defaults else []
    for group, line in zip(raw, raw.item_lines, strict=True):
        words = group if isinstance(group, list) else None
        if (
            words is None
            or len(words) < 2
            or not all(isinstance(word, str) and len(word.split()) == 1 for word in words)
        ):
            problems.append(
                error(
                    shown,
                    line,
                    f"a group of synonyms must be a list of two or more single words like "
                    f"[dockworkers, dockers], got {group!r}",
                )
            )
            continue
        groups.append(tuple(word.strip() for word in words))
    return tuple(groups)


def _read_matching(mapping: LineDict, shown: str, problems: list[Problem]) -> MatchSettings:
    section = mapping.get("matching")
    if section is None:
        return MatchSettings()
    block = _expect_mapping(section, shown, mapping.line_of("matching"), "matching", problems)
    for key in block:
        if key in _REMOVED_MATCHING_KEYS:
            problems.append(error(shown, block.line_of(key), _REMOVED_MATCHING_KEYS[key]))
    _reject_unknown(block, _MATCHING_KEYS, shown, problems, tolerated=_REMOVED_MATCHING_KEYS)
    values: dict[str, Any] = {}
    for key, default in MatchSettings().__dict__.items():
        if key not in block or key not in _MATCHING_KEYS:
            continue
        value = block[key]
        if isinstance(value, bool) or not isinstance(value, type(default) | int):
            problems.append(
                error(
                    shown,
                    block.line_of(key),
                    f"matching.{key} must be a number like {default!r}, got {value!r}",
                )
            )
            continue
        values[key] = type(default)(value)
    return MatchSettings(**values)


def _expect_mapping(
    value: Any, shown: str, line: int, what: str, problems: list[Problem]
) -> LineDict:
    if isinstance(value, LineDict):
        return value
    problems.append(error(shown, line, f"{what} must be a mapping of keys, got {type_name(value)}"))
    empty = LineDict()
    empty.line, empty.key_lines = line, {}
    return empty


def _expect_str(
    mapping: LineDict,
    key: str,
    shown: str,
    problems: list[Problem],
    *,
    default: str = "",
    required: bool = False,
) -> str:
    if key not in mapping or mapping[key] is None:
        if required:
            problems.append(error(shown, mapping.line, f"missing required key {key!r}"))
        return default
    value = mapping[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        problems.append(
            error(shown, mapping.line_of(key), f"{key} must be text, got {type_name(value)}")
        )
        return default
    if control := CONTROL.search(value):
        code = f"U+{ord(control.group()):04X}"
        problems.append(
            error(
                shown,
                mapping.line_of(key),
                f"{key} holds the control character {code}, which no page can show: remove it "
                f"(in YAML it may be written as an escape, \\x{ord(control.group()):02x})",
            )
        )
        return default
    return value.strip()


def _reject_unknown(
    mapping: LineDict,
    allowed: tuple[str, ...],
    shown: str,
    problems: list[Problem],
    tolerated: Container[str] = (),
) -> None:
    for key in mapping:
        if key not in allowed and key not in tolerated:
            problems.append(
                error(
                    shown,
                    mapping.line_of(key),
                    f"unknown key {key!r}; expected one of: {', '.join(allowed)}",
                )
            )
