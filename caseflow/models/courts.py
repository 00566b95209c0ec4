"""Courts and other forums (arbitration commissions, agencies) and their own closure days."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseflow.models.common import localized


class Court(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=16, help_text=_("e.g. CN, US"))
    calendar = models.ForeignKey("caseflow.Calendar", on_delete=models.PROTECT, related_name="courts")
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")

    class Meta:
        verbose_name = _("court or forum")
        verbose_name_plural = _("courts and forums")
        ordering = ["jurisdiction", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)


class CourtClosure(models.Model):
    """A day a particular court treats as a non-business day on top of its calendar.

    ``STATE_HOLIDAY`` days (FRCP 6(a)(6)(C)) only count for periods measured forward; a ``CLOSURE``
    (clerk's office inaccessible, 6(a)(3); a local court's extra closure) counts in both directions.
    """

    class Kind(models.TextChoices):
        CLOSURE = "closure", _("Court closure")
        STATE_HOLIDAY = "state_holiday", _("State holiday (forward periods only)")

    court = models.ForeignKey(Court, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CLOSURE)
    name = models.CharField(_("name"), max_length=150)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("court closure")
        verbose_name_plural = _("court closures")
        ordering = ["court", "date"]
        constraints = [models.UniqueConstraint(fields=["court", "date"], name="court_closure_unique")]

    def __str__(self) -> str:
        return f"{self.court.code} {self.date.isoformat()} {self.name}"
