"""A small reader for GNU gettext PO files: enough for the catalog tests, no dependency.

It understands what ``makemessages`` writes: translator, extracted, reference and flag comments,
``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` and ``msgstr[n]``, strings continued over several
lines, and obsolete entries (``#~``), which it skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


class PoSyntaxError(ValueError):
    pass


def _unquote(text: str, path: str, line: int) -> str:
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoSyntaxError(f"{path}:{line}: expected a quoted string (found {text!r})")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                raise PoSyntaxError(f"{path}:{line}: unknown escape in {text!r}")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translations(self) -> list[str]:
        """msgstr, or every msgstr[n] of a plural entry."""
        if self.msgid_plural is not None:
            return [self.msgstr_plural[k] for k in sorted(self.msgstr_plural)]
        return [self.msgstr]


def parse(path: str | Path) -> list[Entry]:
    """Every entry of the file, the header first (as ``makemessages`` writes it)."""
    name = str(path)
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal current, target
        if current is not None and target is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue  # obsolete entry: gettext ignores it
        if line.startswith("#"):
            if target is not None:  # a comment after the strings starts a new entry
                finish()
            if current is None:
                current = Entry(line=number)
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                current.references.extend(line[2:].split())
            continue
        match = _KEYWORD_RE.match(line)
        if match:
            keyword, index, quoted = match.groups()
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] not in ("msgctxt",):
                finish()
            if current is None:
                current = Entry(line=number)
            value = _unquote(quoted, name, number)
            if keyword == "msgctxt":
                current.msgctxt, target = value, ("msgctxt", None)
            elif keyword == "msgid":
                current.msgid, target = value, ("msgid", None)
            elif keyword == "msgid_plural":
                current.msgid_plural, target = value, ("msgid_plural", None)
            elif index is not None:
                current.msgstr_plural[int(index)], target = value, ("msgstr", int(index))
            else:
                current.msgstr, target = value, ("msgstr", None)
            continue
        if line.startswith('"') and current is not None and target is not None:
            value = _unquote(line, name, number)
            kind, index = target
            if kind == "msgstr" and index is not None:
                current.msgstr_plural[index] += value
            else:
                setattr(current, kind, getattr(current, kind) + value)
            continue
        raise PoSyntaxError(f"{name}:{number}: cannot read this line (found {raw!r})")
    finish()
    return entries


def header(entries: list[Entry]) -> dict[str, str]:
    """The header entry's ``Name: value`` lines."""
    for entry in entries:
        if entry.is_header:
            pairs = (line.split(":", 1) for line in entry.msgstr.splitlines() if ":" in line)
            return {name.strip(): value.strip() for name, value in pairs}
    return {}


# %(name)s, %s, %d, %% … (Python) and {name} (str.format and blocktranslate's {{ name }} become %(name)s).
_PERCENT_RE = re.compile(r"%(?:\((\w+)\))?[#0\- +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")
_BRACE_RE = re.compile(r"(?<!\{)\{(\w*)(?:[!:][^{}]*)?\}(?!\})")


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted: ``%(name)s``, ``%s``/``%d`` and ``{name}``."""
    found = []
    for name, conversion in _PERCENT_RE.findall(text):
        if conversion == "%":
            continue
        found.append(f"%({name}){conversion}" if name else f"%{conversion}")
    found.extend("{" + name + "}" for name in _BRACE_RE.findall(text))
    return sorted(found)
