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


class _LineLoader(yaml.SafeLoader):
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


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise _BadDate(
            None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark
        ) from None


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence
)


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
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
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
