"""Users, teams and roles.

The custom user model exists from the first migration (switching later is painful). Roles are business
roles; Django's ``is_staff`` only controls access to the admin site and is kept in step with the admin
role by :func:`accounts.services.set_role`.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A team or department. ``parent`` is the next level up the escalation ladder."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    supervisor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_teams",
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_zh

    def clean(self) -> None:
        from accounts.access import team_and_descendants

        if self.pk and self.parent_id and self.parent_id in team_and_descendants(self):
            raise ValidationError({"parent": _("A team cannot sit below itself or one of its sub-teams.")})


class User(AbstractUser):
    class Role(models.TextChoices):
        LAWYER = "lawyer", _("Lawyer")
        SUPERVISOR = "supervisor", _("Supervisor")
        ADMIN = "admin", _("Administrator")

    class Language(models.TextChoices):
        ZH_HANS = "zh-hans", "简体中文"
        EN = "en", "English"

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.LAWYER)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ZH_HANS
    )
    email_notifications = models.BooleanField(_("e-mail notifications"), default=True)
    daily_digest = models.BooleanField(_("daily digest"), default=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_supervisor(self) -> bool:
        return self.role in (self.Role.SUPERVISOR, self.Role.ADMIN)

    @property
    def is_office_admin(self) -> bool:
        return self.role == self.Role.ADMIN or self.is_superuser
