"""YAML read with the safe loader, remembering the line of every mapping and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import BriefingError


class LineDict(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the 1-based line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Lines(yaml.constructor.SafeConstructor):
    """Builds LineDict and LineList, and refuses keys that are lists, mappings or repeated."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "a key must be a plain word, not a list or mapping",
                    key_node.start_mark,
                )
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


class _BadDate(yaml.constructor.ConstructorError):
    """A value shaped like a date that is not one (2022-02-30)."""


class _LineLoader(_Lines, yaml.SafeLoader):
    """The pure-Python parser: its error messages are the ones ours are built on."""


_FastLineLoader: Any = None
if yaml.__with_libyaml__:  # PyYAML built without libyaml has no CSafeLoader

    class _FastLoader(_Lines, yaml.CSafeLoader):
        """libyaml's parser, several times faster on a large sources.yml."""

    _FastLineLoader = _FastLoader


def _construct_timestamp(loader: _Lines, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise _BadDate(
            None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark
        ) from None


for _loader in (_LineLoader, _FastLineLoader) if _FastLineLoader else (_LineLoader,):
    _register: Any = _loader.add_constructor  # the stubs do not know the mixin
    _register("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _register(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Lines.construct_mapping)
    _register(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Lines.construct_sequence)


def read_yaml(path: Path, shown_as: str) -> Any:
    """Return the parsed content of a YAML file; raise a BriefingError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BriefingError.at(
            shown_as, None, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
        ) from None
    return parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str) -> Any:
    """Return the parsed content of YAML text; raise a BriefingError naming file and line."""
    try:
        return _load(text)
    except _BadDate as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise BriefingError.at(
            shown_as, line, f"{exc.problem}; write a date like 2022-01-07"
        ) from None
    except yaml.MarkedYAMLError as exc:
        # At "end of stream" the problem is where the unclosed construct began.
        at_end = any(end in (exc.problem or "") for end in ("end of stream", "<stream end>"))
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "cannot be read"
        raise BriefingError.at(
            shown_as, line, f"invalid YAML: {what}; fix the syntax (indentation, quotes, colons)"
        ) from None
    except yaml.YAMLError as exc:
        raise BriefingError.at(shown_as, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise BriefingError.at(
            shown_as, None, "invalid YAML: lists or mappings nested too deeply; flatten them"
        ) from None


def _load(text: str) -> Any:
    """Return the parsed text, read by libyaml when it can be, by the safe loader's own
    parser when libyaml is missing, the text has characters the safe loader refuses, or
    libyaml finds a problem (so that the message is the safe loader's)."""
    if _FastLineLoader and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.load(text, Loader=_FastLineLoader)  # a CSafeLoader subclass
        except (yaml.YAMLError, RecursionError):
            pass
    return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass


def type_name(value: Any) -> str:
    """Return a user-facing name for the YAML type of ``value``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
