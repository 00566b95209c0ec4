"""YAML data files read with line numbers, so every complaint can say ``file:line: what is wrong``.

Corrections files and holiday notices are typed by people; an error message that points at the line is
what lets an admin fix a notice in a minute instead of guessing. PyYAML silently keeps the last of two
equal keys, which would let a typo win unnoticed: duplicates are reported as errors here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml


class DataFileError(Exception):
    """A data file is unusable; ``errors`` holds one ``file:line: message`` string per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


class LineMap(dict):
    """A mapping that remembers the line it starts on and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, Any]] = []


def _construct_line_map(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in mapping:
            loader.duplicates.append((line, key))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> object:
    """A date-like scalar that is not a real date (2027-13-01) stays text, so the checks can say which
    line holds it instead of PyYAML failing without one."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_line_map)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, *, filename: str) -> Any:
    """Parse ``text``; mappings come back as :class:`LineMap`. Raises :class:`DataFileError`."""
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise DataFileError([f"{filename}:{line}: not valid YAML: {exc.problem or exc}"]) from None
    except yaml.YAMLError as exc:
        raise DataFileError([f"{filename}:1: not valid YAML: {exc}"]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise DataFileError(
            [
                f"{filename}:{line}: key {key!r} appears twice in the same mapping"
                for line, key in loader.duplicates
            ]
        )
    return data


class Checker:
    """Collects errors while reading one file, so a user sees every problem at once, not one per try."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.errors: list[str] = []

    def error(self, line: int, message: str) -> None:
        self.errors.append(f"{self.filename}:{line}: {message}")

    def raise_if_any(self) -> None:
        if self.errors:
            raise DataFileError(self.errors)

    def mapping(self, value: Any, line: int, what: str) -> LineMap | None:
        if isinstance(value, LineMap):
            return value
        self.error(line, f"{what} must be a mapping of keys to values (found {_describe(value)})")
        return None

    def unknown_keys(self, mapping: LineMap, allowed: set[str], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(
                    mapping.line_of(key),
                    f"unknown key {key!r} in {what} (expected one of: {', '.join(sorted(allowed))})",
                )

    def text(self, mapping: LineMap, key: str, *, required: bool = True, max_length: int = 300) -> str:
        value = mapping.get(key)
        line = mapping.line_of(key)
        if value is None or value == "":
            if required:
                self.error(mapping.line, f"{key!r} is required")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(line, f"{key!r} must be text (found {_describe(value)})")
            return ""
        text = str(value).strip()
        if len(text) > max_length:
            self.error(line, f"{key!r} is longer than {max_length} characters (found {len(text)})")
        return text

    def date(self, mapping: LineMap, key: str, *, required: bool = True) -> dt.date | None:
        value = mapping.get(key)
        line = mapping.line_of(key)
        if value is None:
            if required:
                self.error(mapping.line, f"{key!r} is required (a date such as 2027-01-01)")
            return None
        if isinstance(value, dt.datetime):
            self.error(line, f"{key!r} must be a date without a time (found {value.isoformat()})")
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(line, f"{key!r} must be a date written YYYY-MM-DD (found {value!r})")
        return None

    def items(self, mapping: LineMap, key: str, *, required: bool) -> list[tuple[LineMap, int]]:
        """The list under ``key`` as (item mapping, line) pairs; bad items are reported and skipped."""
        value = mapping.get(key)
        line = mapping.line_of(key)
        if value is None:
            if required:
                self.error(mapping.line, f"{key!r} is required (a list)")
            return []
        if not isinstance(value, list):
            self.error(line, f"{key!r} must be a list (found {_describe(value)})")
            return []
        result = []
        for index, item in enumerate(value, start=1):
            item_line = item.line if isinstance(item, LineMap) else line
            checked = self.mapping(item, item_line, f"item {index} of {key!r}")
            if checked is not None:
                result.append((checked, checked.line))
        return result


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, LineMap):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)
