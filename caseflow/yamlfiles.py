"""Strict, line-aware reading of Caseflow's YAML data files (rules, calendars, packs, policies).

Files are composed into YAML nodes rather than plain values, so every check can report
``path:line: what is wrong (found …)`` for the exact key or value at fault; duplicate keys (which PyYAML
otherwise lets the last one win), unknown keys (with a did-you-mean hint) and wrongly typed values are all
errors. Readers collect every problem before anything is written, so a bad file changes nothing.
Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STR, INT, NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCATION = re.compile(r"^(.*?)(?::(\d+))?: ")


class DataFileError(ValueError):
    """A data file (or folder) cannot be loaded; ``errors`` holds every problem, one message each."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def display_path(path: Path) -> str:
    """The path as error messages and ``source_file`` show it: relative to the project when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


def file_and_line(error: str) -> tuple[str, int]:
    """Sort key that lists errors file by file, line by line, as an editor would walk them."""
    match = _LOCATION.match(error)
    return (match.group(1), int(match.group(2) or 0)) if match else (error, 0)


class YamlFile:
    """One YAML file, composed into nodes (which keep their line) rather than plain values, so every check
    can name the line of the offending key or value."""

    def __init__(self, path: Path, errors: list[str], *, needed_by: str = "") -> None:
        self.path = path
        self.name = display_path(path)
        self.errors = errors
        self.needed_by = needed_by

    def error(self, where: Node | int, message: str) -> None:
        line = where if isinstance(where, int) else where.start_mark.line + 1
        self.errors.append(f"{self.name}:{line}: {message}")

    def compose(self) -> Node | None:
        """The document's root node, or ``None`` after reporting why there is none."""
        if not self.path.is_file():
            why = f" ({self.needed_by} needs it)" if self.needed_by else ""
            self.errors.append(f"{self.name}: file not found{why}")
            return None
        raw = self.path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.error(line, f"not UTF-8 text (found byte {raw[exc.start]:#04x})")
            return None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            context = f" ({exc.context} at line {exc.context_mark.line + 1})" if exc.context_mark else ""
            self.error(mark.line + 1 if mark else 1, f"invalid YAML: {exc.problem}{context}")
            return None
        except yaml.YAMLError as exc:  # reader errors: control characters and the like
            self.error(text[: getattr(exc, "position", 0)].count("\n") + 1, f"invalid YAML: {exc}")
            return None
        if root is None:
            self.error(1, "the file is empty (found no YAML document)")
        return root

    def fields(self, node: Node, *, required: Sequence[str], optional: Sequence[str]) -> Fields | None:
        """The keys of a mapping node, after reporting duplicate, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            keys = ", ".join(required[:3]) + (", …" if len(required) > 3 else "")
            self.error(node, f"expected a mapping with {keys} (found {found(node)})")
            return None
        allowed = (*required, *optional)
        pairs: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in pairs:
                first = pairs[key][0].start_mark.line + 1
                self.error(key_node, f"duplicate key '{key}' (first at line {first})")
            elif key not in allowed:
                self.error(key_node, f"unknown key '{key}' ({suggest(key, allowed)})")
            else:
                pairs[key] = (key_node, value_node)
        missing = [key for key in required if key not in pairs]
        if missing:
            self.error(node, f"missing {'key' if len(missing) == 1 else 'keys'} {', '.join(missing)}")
        return Fields(self, node, pairs)


class Fields:
    """Typed access to one mapping's values; each accessor reports its own errors and returns ``None``."""

    def __init__(self, file: YamlFile, node: MappingNode, pairs: dict[str, tuple[Node, Node]]) -> None:
        self.file = file
        self.node = node
        self.pairs = pairs

    def line(self, key: str | None = None) -> int:
        return (self.pairs[key][0] if key in self.pairs else self.node).start_mark.line + 1

    def error(self, key: str, message: str) -> None:
        self.file.error(self.pairs[key][1] if key in self.pairs else self.node, message)

    def value(self, key: str) -> Node | None:
        """The value node; ``None`` when the key is absent or has no value (``key:`` or ``null``)."""
        pair = self.pairs.get(key)
        if pair is None or (isinstance(pair[1], ScalarNode) and pair[1].tag == NULL):
            return None
        return pair[1]

    def missing_value(self, key: str, expected: str) -> None:
        """Report a required key written without a value (an absent key is reported as missing)."""
        if key in self.pairs:
            self.error(key, f"{key} must be {expected} (found nothing)")

    def text(
        self,
        key: str,
        *,
        limit: int | None = None,
        required: bool = True,
        pattern: re.Pattern[str] | None = None,
        shape: str = "",
    ) -> str | None:
        node = self.value(key)
        if node is None:
            if required:
                self.missing_value(key, "given")
            return None
        if not isinstance(node, ScalarNode) or node.tag != STR:
            hint = "; put it in quotes" if isinstance(node, ScalarNode) else ""
            self.error(key, f"{key} must be text{hint} (found {found(node)})")
            return None
        value = node.value.strip()
        if not value and required:
            self.error(key, f"{key} must not be empty (found {node.value!r})")
        elif limit is not None and len(value) > limit:
            self.error(key, f"{key} must be at most {limit} characters (found {len(value)})")
        elif pattern is not None and not pattern.match(value):
            self.error(key, f"{key} must be {shape} (found {value!r})")
        else:
            return value
        return None

    def choice(self, key: str, choices: Sequence[str], *, default: str | None = None) -> str | None:
        node = self.value(key)
        if node is None:
            if default is None:
                self.missing_value(key, f"one of {', '.join(choices)}")
            return default
        if not isinstance(node, ScalarNode) or node.value not in choices:
            self.error(key, f"{key} must be one of {', '.join(choices)} (found {found(node)})")
            return None
        return node.value

    def flag(self, key: str) -> bool | None:
        node = self.value(key)
        if node is not None and not (isinstance(node, ScalarNode) and node.value in ("true", "false")):
            self.error(key, f"{key} must be true or false (found {found(node)})")
            return None
        return None if node is None else node.value == "true"

    def date(self, key: str, *, required: bool) -> dt.date | None:
        node = self.value(key)
        if node is None:
            if required:
                self.missing_value(key, "a date like 2024-01-01")
            return None
        if isinstance(node, ScalarNode) and DATE.match(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                pass
        self.error(key, f"{key} must be a date like 2024-01-01 (found {found(node)})")
        return None

    def schema(self, expected: int = 1) -> None:
        node = self.value("schema")
        if node is not None and not (node.tag == INT and node.value == str(expected)):
            self.error("schema", f"schema must be {expected} (found {found(node)})")

    def items(self, key: str) -> list[Node]:
        node = self.value(key)
        if isinstance(node, SequenceNode) and node.value:
            return list(node.value)
        if key in self.pairs:
            self.error(key, f"{key} must be a non-empty list (found {found(node)})")
        return []


def found(node: Node | None) -> str:
    """How a value looks in an error message: text quoted, other scalars as written, structures by kind."""
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL):
        return "nothing"
    if not isinstance(node, ScalarNode):
        return "a mapping" if isinstance(node, MappingNode) else "a list" if node.value else "an empty list"
    return repr(node.value) if node.tag == STR else str(node.value)


def suggest(word: str, choices: Sequence[str] | set[str], otherwise: str = "") -> str:
    """A did-you-mean hint for a typo, else ``otherwise`` or the list of choices."""
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return otherwise or f"expected one of {', '.join(choices)}"
