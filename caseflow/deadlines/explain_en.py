"""English texts of the explanation steps: one renderer per step code (see :mod:`.explain`)."""

from __future__ import annotations

from caseflow.deadlines.periods import Convention, Period, Unit
from caseflow.deadlines.wording import Params, Renderer, backward, is_us, span, weekday, when

_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNITS_EN = {
    Unit.DAYS: ("day", "days"),
    Unit.WORKING_DAYS: ("working day", "working days"),
    Unit.MONTHS: ("month", "months"),
    Unit.YEARS: ("year", "years"),
    Unit.HOURS: ("hour", "hours"),
}
# Where the month-end rule comes from, per convention (US practice has no written month rule).
_MONTH_BASIS_EN = {"cn_civil": "民法典 art. 202", "cn_criminal": "刑诉法解释 art. 202"}
# Where "counting starts at the next hour" comes from.
_HOUR_BASIS_EN = {"cn_civil": "民诉法 art. 85", "cn_criminal": "刑诉法 art. 105"}


def _period_en(text: str) -> str:
    period = Period.parse(text)
    singular, plural = _UNITS_EN[period.unit]
    return f"{period.amount} {singular if period.amount == 1 else plural}"


def _kind_en(p: Params) -> str:
    """How a day's kind reads in a sentence: "a statutory holiday (National Day)"."""
    kind, name = p["kind"], p["name_en"] or p["name_zh"]
    if kind == "rest":
        return f"a {weekday(p, _WEEKDAYS_EN)}" if is_us(p) else f"a rest day ({weekday(p, _WEEKDAYS_EN)})"
    if kind == "working":
        return "a business day" if is_us(p) else "a working day"
    if kind == "makeup_working":
        return f"a make-up working day for {name} (调休上班)" if name else "a make-up working day (调休上班)"
    if kind == "holiday":
        base = "a legal holiday" if is_us(p) else "a statutory holiday"
    elif p["forward_only"] == "1":
        base = "a state legal holiday"
    else:
        base = "a day the clerk's office is closed" if is_us(p) else "a court closure day"
    return f"{base} ({name})" if name else base


def _working_word_en(p: Params) -> str:
    return "business day" if is_us(p) else "working day"


def _rule_en(p: Params) -> str:
    citation = p["citation_en"] or p["citation_zh"]
    head = f"{p['name_en'] or p['name_zh']}: {_period_en(p['period'])} {p['direction']} the trigger"
    return f"{head} — {citation}" if citation else head


def _period_step_en(p: Params) -> str:
    label = Convention(p["convention"]).label
    return f"Period: {_period_en(p['period'])} {p['direction']} the trigger, counted under {label}"


def _start_en(p: Params) -> str:
    if backward(p):
        return f"Trigger {p['trigger']} is not counted; counting backward starts on {p['start']}"
    return f"Trigger {p['trigger']} is not counted; counting starts on {p['start']}"


def _day_n_en(p: Params) -> str:
    if backward(p):
        return f"Day {p['n']} before the trigger = {p['day']}"
    return f"Day {p['n']} = {p['day']}"


def _months_en(p: Params) -> str:
    length, trigger, end = _period_en(p["period"]), p["trigger"], p["end"]
    side = "before" if backward(p) else "after"
    basis = _MONTH_BASIS_EN.get(p["convention"], "")
    if p["how"] == "last_day":
        return (
            f"{trigger} is the last day of its month, so {length} {side} it ends on the last day of "
            f"the end month, {end} ({basis})"
        )
    if p["how"] == "clipped":
        cite = f" ({basis})" if basis else ""
        return (
            f"{length} {side} {trigger}: {end[:7]} has no day {int(trigger[8:])}, so the period ends on "
            f"the last day of that month, {end}{cite}"
        )
    cite = f"; {basis}" if basis else ""
    return f"{length} {side} {trigger} = {end} (same day number{cite})"


def _end_working_en(p: Params) -> str:
    return f"{p['day']} is a {_working_word_en(p)}: no move"


def _end_makeup_en(p: Params) -> str:
    return f"{p['day']} is {_kind_en(p)}: it is a working day, so the period does not move"


def _forward_only_en(p: Params) -> str:
    return (
        f"{p['day']} is {_kind_en(p)}, which counts only for periods counted forward "
        "(FRCP 6(a)(6)(C)): no move"
    )


def _roll_en(p: Params) -> str:
    word = _working_word_en(p)
    if is_us(p):
        if backward(p):
            return f"{p['day']} is {_kind_en(p)}: counting backward, previous {word} {p['to']} (FRCP 6(a)(5))"
        return f"{p['day']} is {_kind_en(p)}: next {word} {p['to']} (FRCP 6(a)(1)(C))"
    if backward(p):
        return (
            f"{p['day']} is {_kind_en(p)}: counting backward, previous {word} {p['to']} "
            "(the conservative reading; the statute is silent)"
        )
    return f"{p['day']} is {_kind_en(p)}: next {word} {p['to']}"


def _roll_hours_en(p: Params) -> str:
    if backward(p):
        return (
            f"{p['day']} is {_kind_en(p)}: counting backward, the period runs to the same time on the "
            f"previous business day, {when(p['to'])} (FRCP 6(a)(2)(C), 6(a)(5))"
        )
    return (
        f"{p['day']} is {_kind_en(p)}: the period runs until the same time on the next business day, "
        f"{when(p['to'])} (FRCP 6(a)(2)(C))"
    )


_CUSTODY_EN = "custody periods never move for rest days or holidays (刑诉法 art. 105)"


def _custody_en(p: Params) -> str:
    if p["kind"] in ("working", "makeup_working"):
        return f"Custody period: {p['day']} stands; {_CUSTODY_EN}"
    return f"{p['day']} is {_kind_en(p)}, but {_CUSTODY_EN}"


def _mail_en(p: Params) -> str:
    return (
        f"Service by mail: 3 days are added after the Rule 6(a) period: {p['from']} + 3 days = {p['to']} "
        "(FRCP 6(d))"
    )


def _hours_start_en(p: Params) -> str:
    trigger, start = when(p["trigger"]), when(p["start"])
    if is_us(p):
        side = "backward " if backward(p) else ""
        return f"Counting {side}starts immediately at {start}; every hour counts (FRCP 6(a)(2))"
    return (
        f"The hour of the trigger ({trigger}) is not counted; counting starts at the next full hour, {start} "
        f"({_HOUR_BASIS_EN[p['convention']]})"
    )


def _hour_n_en(p: Params) -> str:
    if backward(p):
        return f"Hour {p['n']} before the trigger = {when(p['at'])}"
    return f"Hour {p['n']} = {when(p['at'])}"


def _hours_no_roll_en(p: Params) -> str:
    rule = "hour periods are not moved for rest days or holidays (an interpretation; confirm with counsel)"
    if p["kind"] in ("working", "makeup_working"):
        return rule[0].upper() + rule[1:]
    return f"{p['day']} is {_kind_en(p)}, but {rule}"


def _wd_start_en(p: Params) -> str:
    side = "counted backward" if backward(p) else "counted"
    return (
        f"Trigger {p['trigger']} is not counted; working days are {side} from {p['start']} "
        "(行政许可法 art. 82; 行政复议法 art. 88)"
    )


def _wd_makeup_en(p: Params) -> str:
    return f"{p['day']} is {_kind_en(p)}: counted as working day {p['n']}"


def _wd_skipped_en(p: Params) -> str:
    kind = _kind_en(p).removeprefix("a ")
    return f"{span(p, zh=False)}: {kind}, not counted"


def _wd_n_en(p: Params) -> str:
    if backward(p):
        return f"Working day {p['n']} before the trigger = {p['day']}"
    return f"Working day {p['n']} = {p['day']}"


_PAUSE_EN = {"suspension": "Suspended", "excluded": "Excluded period"}


def _pause_en(p: Params) -> str:
    unit = "working day" if p["unit"] == "wd" else "day"
    length = f"{p['length']} {unit}{'' if p['length'] == '1' else 's'}"
    return (
        f"{_PAUSE_EN[p['kind']]} {span(p, zh=False)} ({length}): "
        f"period end moves from {p['old_end']} to {p['new_end']}"
    )


def _interruption_en(p: Params) -> str:
    counted = "working days are counted from" if p["unit"] == "wd" else "counting starts on"
    return (
        f"Interrupted {span(p, zh=False)}: the period starts again; {p['last']}, the day the interruption "
        f"ended, is not counted; {counted} {p['start']}"
    )


def _provisional_en(p: Params) -> str:
    days = span(p, zh=False)
    if p["tail"] == "1":
        return (
            f"{days}: no official holiday data yet; the {int(p['year']) + 1} notice can still change late "
            "December. Weekends treated as rest days; recheck when the notice is loaded"
        )
    return (
        f"No official holiday data for {p['year']} (examined {days}): weekends treated as rest days; "
        "recheck when the notice is loaded"
    )


def _due_en(p: Params) -> str:
    head = "Due date and time" if "T" in p["due"] else "Due date"
    tail = " (provisional)" if p["provisional"] == "1" else ""
    return f"{head}: {when(p['due'])}{tail}"


TEXTS: dict[str, Renderer] = {
    "rule": _rule_en,
    "period": _period_step_en,
    "start_not_counted": _start_en,
    "day_n": _day_n_en,
    "months": _months_en,
    "end_working": _end_working_en,
    "end_makeup": _end_makeup_en,
    "forward_only_ignored": _forward_only_en,
    "roll": _roll_en,
    "roll_hours": _roll_hours_en,
    "custody": _custody_en,
    "mail_plus_three": _mail_en,
    "hours_start": _hours_start_en,
    "hour_n": _hour_n_en,
    "hours_no_roll": _hours_no_roll_en,
    "wd_start": _wd_start_en,
    "wd_makeup": _wd_makeup_en,
    "wd_skipped": _wd_skipped_en,
    "wd_n": _wd_n_en,
    "pause": _pause_en,
    "interruption": _interruption_en,
    "provisional": _provisional_en,
    "due": _due_en,
}
