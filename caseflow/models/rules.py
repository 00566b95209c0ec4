"""Time-limit rules as data.

A :class:`Rule` is a stable identity (``cn.civil.appeal_judgment``); each :class:`RuleVersion` is what the
law said between ``valid_from`` and ``valid_to``. A computation picks the version in force on the trigger
date, so an amendment never silently rewrites deadlines that started under the old text. Rules loaded
from the versioned files in ``caseflow/rules/`` are owned by those files (``source_file``); an office can
add its own rules in the admin.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseflow.deadlines.periods import Convention, Period, PeriodError
from caseflow.labels import CONVENTION_CHOICES, DIRECTION_CHOICES
from caseflow.models.common import localized


class EventType(models.Model):
    """A kind of trigger event a period counts from ("judgment served", "complaint copy received")."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    source_file = models.CharField(_("source file"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)


class LegalSource(models.Model):
    """A statute, interpretation or rule book that rules cite (``MSPL2023``, ``FRCP6``)."""

    key = models.CharField(_("key"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    where = models.CharField(_("where the text was read"), max_length=400, blank=True)
    source_file = models.CharField(_("source file"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("legal source")
        verbose_name_plural = _("legal sources")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    @property
    def title(self) -> str:
        return localized(self.title_zh, self.title_en)


class Rule(models.Model):
    code = models.CharField(_("rule id"), max_length=80, unique=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=16)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    source_file = models.CharField(
        _("source file"), max_length=200, blank=True, help_text=_("Empty for rules created in the admin.")
    )

    class Meta:
        verbose_name = _("time-limit rule")
        verbose_name_plural = _("time-limit rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)

    def version_on(self, day: dt.date) -> RuleVersion | None:
        """The version in force on ``day`` (the trigger date), or ``None``."""
        return (
            self.versions.filter(valid_from__lte=day, retired=False)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .select_related("legal_source", "trigger")
            .first()
        )


class RuleVersion(models.Model):
    class Verified(models.TextChoices):
        TEXT = "text", _("Checked against the text")
        MEMORY = "memory", _("From memory, to be checked")
        INTERPRETATION = "interp", _("Counting is an interpretation")

    class Actor(models.TextChoices):
        PARTY = "party", _("A party")
        COURT = "court", _("The court")
        AGENCY = "agency", _("An administrative agency")
        PROCURATORATE = "procuratorate", _("The procuratorate")
        POLICE = "police", _("The police")
        TRIBUNAL = "tribunal", _("An arbitral tribunal")

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="versions")
    actor = models.CharField(
        _("who must act"),
        max_length=16,
        choices=Actor.choices,
        default=Actor.PARTY,
        help_text=_("Whose time limit it is: a party's own, or one the office chases (court, agency)."),
    )
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_(
            "Removed from the rules files but still used by stages: kept for them, never chosen again."
        ),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    trigger = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="rule_versions")
    period = models.CharField(_("period"), max_length=16, help_text=_("e.g. 15d, 20wd, 6m, 2y, 24h"))
    direction = models.CharField(_("direction"), max_length=8, choices=DIRECTION_CHOICES, default="after")
    convention = models.CharField(_("counting convention"), max_length=16, choices=CONVENTION_CHOICES)
    custody = models.BooleanField(_("custody period (never moves for holidays)"), default=False)
    fixed_period = models.BooleanField(
        _("fixed period (不变期间: no suspension, interruption or extension)"), default=False
    )
    extendable = models.BooleanField(_("extendable"), default=True)
    legal_source = models.ForeignKey(
        LegalSource, null=True, blank=True, on_delete=models.PROTECT, related_name="rule_versions"
    )
    article = models.CharField(_("article"), max_length=60, blank=True)
    article_zh = models.CharField(_("article (Chinese)"), max_length=80, blank=True)
    extension_notes = models.TextField(_("extension notes"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    verified = models.CharField(
        _("verification"), max_length=8, choices=Verified.choices, default=Verified.TEXT
    )
    ruleset_version = models.CharField(_("rules file version"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["rule", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "valid_from"], name="rule_version_unique_start"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="rule_version_valid_range",
            ),
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.rule.code} {self.period} [{self.valid_from.isoformat()} – {end}]"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            Period.parse(self.period)
        except PeriodError as exc:
            errors["period"] = str(exc)
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end of validity must not be before its start.")
        if self.custody and self.convention != Convention.CN_CRIMINAL:
            errors["custody"] = _("Only criminal-procedure periods can be custody periods.")
        if self.rule_id and self.valid_from:
            overlapping = RuleVersion.objects.filter(rule_id=self.rule_id).exclude(pk=self.pk)
            far_future = dt.date.max
            for other in overlapping:
                if self.valid_from <= (other.valid_to or far_future) and other.valid_from <= (
                    self.valid_to or far_future
                ):
                    errors["valid_from"] = _("Validity overlaps version from %(start)s.") % {
                        "start": other.valid_from.isoformat()
                    }
                    break
        if errors:
            raise ValidationError(errors)

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def citation(self, lang: str | None = None) -> str:
        """Human citation, e.g. "中华人民共和国民事诉讼法（2023年修正）第一百七十一条", or in English."""
        source = self.legal_source
        if source is None:
            return ""
        if (lang or "").startswith("en"):
            return f"{source.title_en}, art. {self.article}" if self.article else source.title_en
        article = self.article_zh or (f"第{self.article}条" if self.article else "")
        return f"{source.title_zh}{article}"
