"""Admin changes to a calendar: loading a year's holiday notice, or changing one day.

Both go the same way: plan the rows (what a preview shows), then in one transaction write them, renumber
``workday_seq``, mark the year, write ``CalendarChange`` audit rows, and recompute every stage whose last
computation examined a changed day (``caseflow.services.stages.recompute_stages_touching``). The
calendar row is locked for the duration, so two admins cannot interleave their changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from caseflow.calendars.days import (
    WEEKEND,
    DaySpec,
    date_range,
    is_official,
    notice_span,
    weekend_rule_kind,
)
from caseflow.calendars.notices import CalendarFacts, Notice, parse_notice
from caseflow.calendars.store import DayDiff, Plan, plan_days, write_plan
from caseflow.models import Calendar, CalendarChange, CalendarDay, CalendarYear, DayKind
from caseflow.models.history import ChangeCause


@dataclass(frozen=True)
class Preview:
    """What confirming a change would do, computed without writing anything."""

    diffs: list[DayDiff]
    changed_range: tuple[dt.date, dt.date] | None
    stages: int

    @property
    def kind_changes(self) -> list[DayDiff]:
        """The days that become another kind (what an admin checks against the notice)."""
        return [d for d in self.diffs if d.kind_changed]

    @property
    def made_official(self) -> int:
        return sum(1 for d in self.diffs if d.new_official and not d.old_official)


def calendar_facts() -> dict[str, CalendarFacts]:
    """The stored calendars and their stored years, as notice validation needs them."""
    spans = {
        row["calendar_id"]: (row["first"], row["last"])
        for row in CalendarDay.objects.values("calendar_id").annotate(first=Min("date"), last=Max("date"))
    }
    facts = {}
    for calendar in Calendar.objects.all():
        first, last = spans.get(calendar.pk, (None, None))
        if first is not None:
            facts[calendar.code] = CalendarFacts(
                calendar.code, calendar.provisional_tail_days, first.year, last.year
            )
    return facts


def read_notice(text: str, *, filename: str) -> Notice:
    """Parse and validate a notice against the stored calendars (raises ``DataFileError``)."""
    return parse_notice(text, filename=filename, calendars=calendar_facts())


def plan_notice(calendar: Calendar, notice: Notice) -> Plan:
    """The rows a notice rewrites: every day it governs, and the official flag of its year's own tail
    (which turns official when the next year is)."""
    tail = calendar.provisional_tail_days
    official = set(
        calendar.years.filter(status=CalendarYear.Status.OFFICIAL).values_list("year", flat=True)
    ) | {notice.year}
    holidays = {day: h for h in notice.holidays for day in date_range(h.first, h.last)}
    makeups = {m.date: m.holiday for m in notice.makeup_workdays}
    specs = []
    for date in date_range(*notice.span):
        flag = is_official(date, official, tail)
        if date in holidays:
            h = holidays[date]
            specs.append(DaySpec(date, DayKind.HOLIDAY, flag, h.name_zh, h.name_en, notice.source))
        elif date in makeups:
            h = makeups[date]
            specs.append(DaySpec(date, DayKind.MAKEUP_WORKING, flag, h.name_zh, h.name_en, notice.source))
        else:
            specs.append(DaySpec(date, weekend_rule_kind(date), flag, source=notice.source))
    own_tail = date_range(
        notice_span(notice.year, tail)[1] + dt.timedelta(days=1), dt.date(notice.year, 12, 31)
    )
    flags = {date: is_official(date, official, tail) for date in own_tail}
    return plan_days(calendar.pk, specs, flags)


def preview_notice(calendar: Calendar, notice: Notice) -> Preview:
    return preview_plan(calendar, plan_notice(calendar, notice))


def apply_notice(calendar: Calendar, notice: Notice, *, by, now: dt.datetime) -> CalendarChange:
    """Load ``notice`` into ``calendar``: its year becomes official and loaded by ``by``."""
    if notice.calendar != calendar.code:
        raise ValidationError(
            _("This notice is for calendar %(notice)s, not %(calendar)s.")
            % {"notice": notice.calendar, "calendar": calendar.code}
        )
    with transaction.atomic():
        calendar = Calendar.objects.select_for_update().get(pk=calendar.pk)
        plan = plan_notice(calendar, notice)
        write_plan(plan)
        CalendarYear.objects.update_or_create(
            calendar=calendar,
            year=notice.year,
            defaults={
                "status": CalendarYear.Status.OFFICIAL,
                "source": notice.source,
                "source_url": notice.url,
                "loaded_at": now,
                "loaded_by": by,
            },
        )
        reason = _("Holiday notice for %(year)s loaded from %(file)s") % {
            "year": notice.year,
            "file": notice.filename,
        }
        summary = _("%(code)s %(year)s made official from a holiday notice: %(days)s days changed") % {
            "code": calendar.code,
            "year": notice.year,
            "days": len(plan.diffs),
        }
        return _record(
            calendar,
            plan,
            year=notice.year,
            summary=summary,
            reason=reason,
            source=notice.source,
            by=by,
            now=now,
        )


def plan_day_change(
    calendar: Calendar, *, date: dt.date, kind: str, name_zh: str, name_en: str, source: str
) -> Plan:
    """Validate a single-day change (raises ``ValidationError`` by field) and plan it."""
    row = CalendarDay.objects.filter(calendar=calendar, date=date).first()
    errors: dict[str, str] = {}
    if row is None:
        errors["date"] = _("%(code)s has no day %(date)s stored; run load_calendars first.") % {
            "code": calendar.code,
            "date": date,
        }
    if kind == DayKind.MAKEUP_WORKING and date.weekday() not in WEEKEND:
        errors["kind"] = _("A make-up working day must be a Saturday or Sunday.")
    if kind in (DayKind.HOLIDAY, DayKind.MAKEUP_WORKING) and not (name_zh or name_en):
        errors["name_zh"] = _("Name the holiday (in Chinese, English or both).")
    if not source.strip():
        errors["source"] = _("Give the notice, order or announcement this change comes from.")
    if errors:
        raise ValidationError(errors)
    plan = plan_days(calendar.pk, [DaySpec(date, kind, row.official, name_zh, name_en, source.strip())])
    if plan.empty:
        raise ValidationError(_("%(date)s already is exactly like this; nothing to change.") % {"date": date})
    return plan


def change_day(
    calendar: Calendar,
    *,
    date: dt.date,
    kind: str,
    name_zh: str = "",
    name_en: str = "",
    source: str,
    reason: str,
    by,
    now: dt.datetime,
) -> CalendarChange:
    """Change one day (an ad-hoc State Council decision, a presidential closure) with its reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the day changes.")})
    with transaction.atomic():
        calendar = Calendar.objects.select_for_update().get(pk=calendar.pk)
        plan = plan_day_change(
            calendar, date=date, kind=kind, name_zh=name_zh, name_en=name_en, source=source
        )
        write_plan(plan)
        diff = plan.diffs[0]
        summary = _("%(code)s %(date)s changed from %(old)s to %(new)s") % {
            "code": calendar.code,
            "date": date,
            "old": DayKind(diff.old_kind).label,
            "new": DayKind(diff.new_kind).label,
        }
        return _record(
            calendar,
            plan,
            year=date.year,
            summary=summary,
            reason=reason.strip(),
            source=source.strip(),
            by=by,
            now=now,
            single_day=True,
        )


def count_stages_touching(calendar_id: int, first: dt.date, last: dt.date) -> int:
    """How many stages ``recompute_stages_touching`` would look at (the same selection), for previews."""
    from caseflow.services.stages import stages_touching

    return stages_touching(calendar_id=calendar_id, first=first, last=last).count()


def preview_plan(calendar: Calendar, plan: Plan) -> Preview:
    """The days ``plan`` changes and how many stages examined them."""
    changed = plan.changed_range
    stages = count_stages_touching(calendar.pk, *changed) if changed else 0
    return Preview(plan.diffs, changed, stages)


def _record(
    calendar, plan: Plan, *, year, summary, reason, source, by, now, single_day=False
) -> CalendarChange:
    """Audit rows (one per day whose kind changed, one summary) and the stage recomputation."""
    per_day = [d for d in plan.diffs if d.old_kind != d.new_kind]
    if not single_day:
        CalendarChange.objects.bulk_create(
            CalendarChange(
                calendar=calendar,
                date=d.date,
                year=year,
                old_kind=d.old_kind or "",
                new_kind=d.new_kind,
                summary=f"{d.date}: {d.old_kind} → {d.new_kind} {d.name_zh or d.name_en}".strip()[:300],
                reason=reason,
                source=source[:300],
                changed_by=by,
                changed_at=now,
            )
            for d in per_day
        )
    diff = plan.diffs[0] if single_day else None
    change = CalendarChange.objects.create(
        calendar=calendar,
        date=diff.date if diff else None,
        year=year,
        old_kind=(diff.old_kind or "") if diff else "",
        new_kind=diff.new_kind if diff else "",
        summary=summary[:300],
        reason=reason,
        source=source[:300],
        changed_by=by,
        changed_at=now,
    )
    changed = plan.changed_range
    if changed is not None:
        from caseflow.services.stages import recompute_stages_touching

        change.stages_recomputed = recompute_stages_touching(
            calendar_id=calendar.pk,
            court_id=None,
            first=changed[0],
            last=changed[1],
            cause=ChangeCause.CALENDAR_CHANGED,
            reason=f"{summary}. {reason}"[:500],
            by=by,
            now=now,
        )
        change.save(update_fields=["stages_recomputed"])
    return change
