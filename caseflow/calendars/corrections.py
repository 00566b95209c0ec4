"""Documented corrections to what a holiday package says, each with its citation.

A package is a transcription of official notices and can be wrong: chinesecalendar 1.11.0 drops make-up
working days that fall in the year before the notice's year (2005-12-31, from the 2006 notice). Fixing
such a day in a data file with its source and reason, rather than in code, keeps the fix reviewable and
lets the cross-check test show exactly where the stored calendar and the package disagree, and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from caseflow.calendars.datafiles import Checker, DataFileError, load_yaml
from caseflow.calendars.days import WEEKEND
from caseflow.models import DayKind

DATA_DIR = Path(__file__).resolve().parent / "data"
NAMED_KINDS = (DayKind.HOLIDAY, DayKind.MAKEUP_WORKING)


@dataclass(frozen=True)
class Correction:
    date: dt.date
    kind: str
    name_zh: str
    name_en: str
    source: str
    url: str
    reason: str
    line: int


def corrections_path(code: str) -> Path:
    return DATA_DIR / f"{code.lower()}_corrections.yaml"


def load_corrections(code: str, path: Path | None = None) -> list[Correction]:
    """Read the corrections for calendar ``code``; a calendar without a file has none."""
    path = path or corrections_path(code)
    if not path.exists():
        return []
    return parse_corrections(path.read_text(encoding="utf-8"), filename=str(path), code=code)


def parse_corrections(text: str, *, filename: str, code: str) -> list[Correction]:
    """Validate a corrections file strictly; raises :class:`DataFileError` with every problem found."""
    data = load_yaml(text, filename=filename)
    check = Checker(filename)
    top = check.mapping(data, 1, "the corrections file")
    if top is None:
        raise DataFileError(check.errors)
    check.unknown_keys(top, {"calendar", "corrections"}, "the corrections file")
    if top.get("calendar") != code:
        check.error(top.line_of("calendar"), f"'calendar' must be {code!r} (found {top.get('calendar')!r})")
    result: list[Correction] = []
    seen: dict[dt.date, int] = {}
    kinds = {k.value for k in DayKind}
    for item, line in check.items(top, "corrections", required=True):
        check.unknown_keys(
            item, {"date", "kind", "name_zh", "name_en", "source", "url", "reason"}, "a correction"
        )
        date = check.date(item, "date")
        kind = check.text(item, "kind")
        if kind and kind not in kinds:
            check.error(
                item.line_of("kind"), f"unknown kind {kind!r} (expected one of: {', '.join(sorted(kinds))})"
            )
        named = kind in NAMED_KINDS
        name_zh = check.text(item, "name_zh", required=named, max_length=100)
        name_en = check.text(item, "name_en", required=named, max_length=100)
        source = check.text(item, "source")
        url = check.text(item, "url", required=False)
        reason = check.text(item, "reason", max_length=2000)
        if date is None or not kind:
            continue
        if kind == DayKind.MAKEUP_WORKING and date.weekday() not in WEEKEND:
            check.error(line, f"a make-up working day must be a Saturday or Sunday ({date} is a {date:%A})")
        if date in seen:
            check.error(line, f"{date} is already corrected on line {seen[date]}")
        seen[date] = line
        result.append(Correction(date, kind, name_zh, name_en, source, url, reason, line))
    check.raise_if_any()
    return result
