"""Jurisdiction calendars as data: every day of every loaded year, with its kind and provenance.

Days are stored, not computed at request time, so that an official notice (and its make-up working
days, 调休) is a data change an admin can make, audit and recompute from. Years without official data
are stored as *provisional* days (weekends rest, weekdays work) so that every computation can tell that it
touched unofficial data and say so.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseflow.models.common import localized


class DayKind(models.TextChoices):
    WORKING = "working", _("Working day")
    REST = "rest", _("Rest day")
    HOLIDAY = "holiday", _("Statutory holiday")
    MAKEUP_WORKING = "makeup_working", _("Make-up working day (调休上班)")


WORKING_KINDS = (DayKind.WORKING, DayKind.MAKEUP_WORKING)


class Calendar(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True, help_text=_("e.g. CN, US"))
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    provisional_tail_days = models.PositiveSmallIntegerField(
        _("provisional days at the end of a year"),
        default=0,
        help_text=_(
            "How many days at the end of a year stay provisional until next year's data is official "
            "(a notice for year Y can turn a late-December day of Y-1 into a working day or a rest day)."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)


class CalendarYear(models.Model):
    """Which years of a calendar hold official data, and where that data came from."""

    class Status(models.TextChoices):
        OFFICIAL = "official", _("Official")
        PROVISIONAL = "provisional", _("Provisional (weekends only)")

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"))
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["calendar", "year"]
        constraints = [models.UniqueConstraint(fields=["calendar", "year"], name="calendar_year_unique")]

    def __str__(self) -> str:
        return f"{self.calendar.code} {self.year} ({self.get_status_display()})"


class CalendarDay(models.Model):
    """One day of a calendar.

    ``day`` (the proleptic ordinal of ``date``) and ``workday_seq`` (how many working days the calendar
    has up to and including this day) exist for the warning scan, which does its date arithmetic in SQL
    on integers so that it behaves the same on SQLite and PostgreSQL.
    """

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    day = models.IntegerField(_("day number"))
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    is_working = models.BooleanField(_("working day"))
    workday_seq = models.IntegerField(_("working-day sequence"))
    official = models.BooleanField(_("official"), default=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="calendar_day_unique_date"),
            models.UniqueConstraint(fields=["calendar", "day"], name="calendar_day_unique_day"),
            models.UniqueConstraint(
                fields=["calendar", "workday_seq"],
                condition=models.Q(is_working=True),
                name="calendar_day_unique_workday_seq",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.calendar.code} {self.date.isoformat()} {self.get_kind_display()}"

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)


class CalendarChange(models.Model):
    """Audit row for every change an admin makes to a calendar (a year loaded, a day changed)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="changes")
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    old_kind = models.CharField(_("old kind"), max_length=16, blank=True)
    new_kind = models.CharField(_("new kind"), max_length=16, blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    reason = models.TextField(_("reason"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"))
    stages_recomputed = models.PositiveIntegerField(_("stages recomputed"), default=0)

    class Meta:
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return self.summary
