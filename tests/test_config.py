"""Unit tests of generator.config: settings.yml and sources.yml, with exact error messages."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from generator import yamlfile
from generator.config import DEFAULT_BOILERPLATE, ProjectPaths, load_settings, load_source_metas
from generator.errors import BriefingError
from generator.model import Alias, MatchSettings, Origin, Settings, SourceKind, SourceMeta
from generator.synonyms import DEFAULT_SYNONYMS

SOURCE_KEYS = "id, file, title, outlet, short_name, kind, published, language, notes, url"
KINDS = "official, state wire agency, wire agency, newspaper, broadcaster, aggregator, blog, other"
YAML_HINT = "; fix the syntax (indentation, quotes, colons)"


def _paths(tmp_path: Path, **files: str) -> ProjectPaths:
    """Return the paths of a project whose site-config/ holds ``files`` (name without .yml)."""
    paths = ProjectPaths.under(tmp_path)
    paths.config_dir.mkdir(parents=True)
    for name, text in files.items():
        (paths.config_dir / f"{name}.yml").write_text(text, encoding="utf-8")
    return paths


def _settings_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(BriefingError) as caught:
        load_settings(_paths(tmp_path, settings=text))
    return str(caught.value)


def _sources_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(BriefingError) as caught:
        load_source_metas(_paths(tmp_path, sources=text))
    return str(caught.value)


def test_missing_settings_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(_paths(tmp_path)) == Settings(
        boilerplate=DEFAULT_BOILERPLATE, origin=Origin("site-config/settings.yml")
    )


def test_empty_settings_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(_paths(tmp_path, settings="# nothing yet\n")) == Settings(
        boilerplate=DEFAULT_BOILERPLATE, origin=Origin("site-config/settings.yml")
    )


def test_full_settings_file(tmp_path: Path) -> None:
    text = """\
title: Bridge briefing
description: |
  What the papers said.
boilerplate:
  defaults: false
  patterns:
    - '^share this$'
aliases:
  Jane Doe: [Doe, the Mayor]
matching:
  threshold: 0.5
  min_words: 4
  strong_threshold: 1
"""
    assert load_settings(_paths(tmp_path, settings=text)) == Settings(
        title="Bridge briefing",
        description="What the papers said.",
        boilerplate=("^share this$",),
        aliases=(Alias("Jane Doe", ("Doe", "the Mayor")),),
        matching=MatchSettings(threshold=0.5, strong_threshold=1.0, min_words=4),
        origin=Origin("site-config/settings.yml"),
    )


def test_project_patterns_extend_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(_paths(tmp_path, settings="boilerplate:\n  patterns: ['^x$']\n"))
    assert settings.boilerplate == (*DEFAULT_BOILERPLATE, "^x$")


def test_unknown_top_level_key_names_its_line(tmp_path: Path) -> None:
    assert _settings_error(tmp_path, "title: T\n\n# a comment\nx: 1\n") == (
        "site-config/settings.yml:4: unknown key 'x'; expected one of: "
        "title, description, boilerplate, aliases, synonyms, matching"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: [a, b]\n", "site-config/settings.yml:1: title must be text, got a list"),
        (
            "title: T\ndescription: {a: 1}\n",
            "site-config/settings.yml:2: description must be text, got a mapping",
        ),
        (
            "- a\n",
            "site-config/settings.yml:1: the settings file must be a mapping of keys, got a list",
        ),
        (
            "title: T\nboilerplate: [a]\n",
            "site-config/settings.yml:2: boilerplate must be a mapping of keys, got a list",
        ),
        (
            "boilerplate:\n  defaults: maybe\n",
            "site-config/settings.yml:2: boilerplate.defaults must be true or false",
        ),
        (
            "boilerplate:\n  patterns: nope\n",
            "site-config/settings.yml:2: boilerplate.patterns must be a list of "
            "regular expressions",
        ),
        (
            "boilerplate:\n  patterns:\n    - '^ok$'\n    - 3\n",
            "site-config/settings.yml:4: expected a regular expression, got 3",
        ),
        (
            "boilerplate:\n  extra: 1\n",
            "site-config/settings.yml:2: unknown key 'extra'; expected one of: patterns, defaults",
        ),
        (
            "aliases:\n  Jane Doe: Doe\n",
            "site-config/settings.yml:2: aliases of 'Jane Doe' must be a list of names, "
            "got a string",
        ),
        (
            "aliases:\n  Jane Doe: [Doe, '...']\n",
            "site-config/settings.yml:2: aliases of 'Jane Doe': '...' has no letter or digit, "
            "so it names no one; write the name or delete it",
        ),
        (
            "aliases:\n  Jane Doe: [Doe, '']\n",
            "site-config/settings.yml:2: aliases of 'Jane Doe': '' has no letter or digit, "
            "so it names no one; write the name or delete it",
        ),
        (
            "matching:\n  thresold: 0.5\n",
            "site-config/settings.yml:2: unknown key 'thresold'; expected one of: "
            "threshold, strong_threshold, partial_containment, min_words",
        ),
        (
            "matching:\n  threshold: 0.4\n  backend: semantic\n",
            "site-config/settings.yml:3: matching.backend is no longer a setting: the semantic "
            "backend was dropped and matching is by words alone (README, 'The semantic "
            "backend'); delete this line",
        ),
        (
            "matching:\n  threshold: true\n",
            "site-config/settings.yml:2: matching.threshold must be a number like 0.42, got True",
        ),
    ],
)
def test_wrong_settings_are_reported_with_line(tmp_path: Path, text: str, expected: str) -> None:
    assert _settings_error(tmp_path, text) == expected


def test_every_wrong_setting_is_reported_at_once(tmp_path: Path) -> None:
    text = "matching:\n  threshold: high\n  min_words: 2.5\n"
    assert _settings_error(tmp_path, text) == (
        "site-config/settings.yml:2: matching.threshold must be a number like 0.42, got 'high'\n"
        "site-config/settings.yml:3: matching.min_words must be a number like 2, got 2.5"
    )


def test_bad_regular_expression(tmp_path: Path) -> None:
    text = "boilerplate:\n  patterns:\n    - '^ok$'\n    - '(unclosed'\n"
    assert _settings_error(tmp_path, text) == (
        "site-config/settings.yml:4: invalid regular expression '(unclosed': missing ), "
        "unterminated subpattern at position 0; quote it in single quotes and escape special "
        "characters with \\"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: a\n  b: c\n",
            "site-config/settings.yml:2: invalid YAML: mapping values are not allowed here",
        ),
        (
            "title: a\ntitle: b\n",
            "site-config/settings.yml:2: invalid YAML: duplicate key 'title'",
        ),
    ],
)
def test_malformed_settings_yaml_names_file_and_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert _settings_error(tmp_path, text) == expected + YAML_HINT


def test_full_source_entry(tmp_path: Path) -> None:
    text = """\
# The sources of this briefing.
- id: tass-jan7
  file: tass.txt
  title: Leader speaks
  outlet: TASS
  short_name: TASS
  kind: state wire agency
  published: 2022-01-07
  language: ru
  notes: Translated.
  url: https://example.org/a
- id: blog
  file: blog.md
  published: null
"""
    assert load_source_metas(_paths(tmp_path, sources=text)) == [
        SourceMeta(
            id="tass-jan7",
            file="tass.txt",
            title="Leader speaks",
            outlet="TASS",
            kind=SourceKind.STATE_WIRE_AGENCY,
            published=datetime.date(2022, 1, 7),
            language="ru",
            notes="Translated.",
            url="https://example.org/a",
            origin=Origin("site-config/sources.yml", 2),
            short_name="TASS",
        ),
        SourceMeta(
            id="blog",
            file="blog.md",
            title="",
            outlet="Unknown outlet",
            kind=SourceKind.OTHER,
            published=None,
            language="en",
            origin=Origin("site-config/sources.yml", 12),
        ),
    ]


def test_missing_sources_file_gives_no_entries(tmp_path: Path) -> None:
    assert load_source_metas(_paths(tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- id: a\n  file: a.txt\n  kind: tabloid\n",
            f"site-config/sources.yml:3: unknown source kind 'tabloid'; expected one of: {KINDS}",
        ),
        (
            "- id: a\n  file: a.txt\n  published: 7 January\n",
            "site-config/sources.yml:3: published must be a date like 2022-01-07 or null, "
            "got '7 January'",
        ),
        (
            "- id: a\n  file: a.txt\n  colour: red\n",
            f"site-config/sources.yml:3: unknown key 'colour'; expected one of: {SOURCE_KEYS}",
        ),
        (
            "- id: Bad_Id\n  file: a.txt\n",
            "site-config/sources.yml:1: source id 'Bad_Id' must use only lowercase letters, "
            "digits and dashes (it becomes part of web addresses)",
        ),
        ("- file: a.txt\n", "site-config/sources.yml:1: missing required key 'id'"),
        (
            "- id: a\n  file: a.txt\n  title: [x]\n",
            "site-config/sources.yml:3: title must be text, got a list",
        ),
        (
            '- id: a\n  file: a.txt\n  outlet: "Wire\\x02 Service"\n',
            "site-config/sources.yml:3: outlet holds the control character U+0002, which no page "
            "can show: remove it (in YAML it may be written as an escape, \\x02)",
        ),
        ("id: a\n", "site-config/sources.yml:1: expected a list of sources, got a mapping"),
        (
            "- id: a\n  file: a.txt\n- just a string\n",
            "site-config/sources.yml:3: expected a mapping for a source, got a string",
        ),
    ],
)
def test_wrong_source_entries_are_reported_with_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert _sources_error(tmp_path, text) == expected


def test_duplicate_source_id_points_at_both_entries(tmp_path: Path) -> None:
    text = "- id: a\n  file: a.txt\n- id: b\n  file: b.txt\n- id: a\n  file: c.txt\n"
    assert _sources_error(tmp_path, text) == (
        "site-config/sources.yml:5: duplicate source id 'a' (first used on line 1); "
        "give every source its own id"
    )


def test_impossible_date_is_reported_with_line(tmp_path: Path) -> None:
    message = _sources_error(tmp_path, "- id: a\n  file: a.txt\n  published: 2022-02-30\n")
    assert message.startswith("site-config/sources.yml:3: ")


def test_malformed_sources_yaml_names_file_and_line(tmp_path: Path) -> None:
    assert _sources_error(tmp_path, "- id: a\n\tfile: a.txt\n") == (
        "site-config/sources.yml:2: invalid YAML: found character '\\t' that cannot start any "
        "token" + YAML_HINT
    )


def test_unclosed_quote_is_reported_on_its_own_line(tmp_path: Path) -> None:
    text = "- id: a\n  file: a.txt\n  title: 'Leader speaks\n"
    assert _sources_error(tmp_path, text) == (
        "site-config/sources.yml:3: invalid YAML: found unexpected end of stream" + YAML_HINT
    )


def _with_lines(value: object) -> object:
    """Return ``value`` with the lines yamlfile records, as plain data to compare."""
    if isinstance(value, dict):
        items = {k: _with_lines(v) for k, v in value.items()}
        return ("map", value.line, value.key_lines, items)  # type: ignore[attr-defined]
    if isinstance(value, list):
        items_ = [_with_lines(v) for v in value]
        return ("list", value.line, value.item_lines, items_)  # type: ignore[attr-defined]
    return value


@pytest.mark.parametrize(
    "name", ["site-config/sources.yml", "site-config/settings.yml", "content/annotations"]
)
def test_libyaml_and_the_pure_parser_read_the_same_values_and_lines(name: str) -> None:
    if yamlfile._FastLineLoader is None:
        pytest.skip("PyYAML without libyaml: only the pure-Python parser is used")
    root = Path(__file__).resolve().parent.parent
    files = sorted((root / name).glob("*.yml")) if (root / name).is_dir() else [root / name]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yaml.load(text, Loader=yamlfile._FastLineLoader)
        pure = yaml.load(text, Loader=yamlfile._LineLoader)
        assert _with_lines(fast) == _with_lines(pure), path
        assert _with_lines(yamlfile.parse_yaml(text, name)) == _with_lines(pure)


def test_synonym_groups_add_to_the_built_in_ones_or_replace_them(tmp_path: Path) -> None:
    def synonyms(name: str, text: str) -> tuple[tuple[str, ...], ...]:
        return load_settings(_paths(tmp_path / name, settings=text)).matching.synonyms

    own = synonyms("own", "synonyms:\n  groups:\n    - [dockers, stevedores]\n")
    assert own == (*DEFAULT_SYNONYMS, ("dockers", "stevedores"))
    alone = synonyms("alone", "synonyms:\n  defaults: false\n  groups: [[pier, quay]]\n")
    assert alone == (("pier", "quay"),)
    assert synonyms("none", "title: T\n") == DEFAULT_SYNONYMS


def test_wrong_synonym_groups_are_reported_with_their_lines(tmp_path: Path) -> None:
    text = (
        "synonyms:\n  defaults: maybe\n  groups:\n    - dockers\n    - [pier]\n    - [a, 3]\n"
        "    - [resign, step down]\n"
    )
    assert _settings_error(tmp_path, text) == (
        "site-config/settings.yml:2: synonyms.defaults must be true or false\n"
        "site-config/settings.yml:4: a group of synonyms must be a list of two or more single "
        "words like [dockworkers, dockers], got 'dockers'\n"
        "site-config/settings.yml:5: a group of synonyms must be a list of two or more single "
        "words like [dockworkers, dockers], got ['pier']\n"
        "site-config/settings.yml:6: a group of synonyms must be a list of two or more single "
        "words like [dockworkers, dockers], got ['a', 3]\n"
        "site-config/settings.yml:7: a group of synonyms must be a list of two or more single "
        "words like [dockworkers, dockers], got ['resign', 'step down']"
    )
