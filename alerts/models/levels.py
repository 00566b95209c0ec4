"""Warning levels, ordered: a higher number is more urgent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    NORMAL = 0, _("Normal")
    REMINDER = 1, _("Reminder")
    WARNING = 2, _("Warning")
    URGENT = 3, _("Urgent")
    OVERDUE = 4, _("Overdue")

    @property
    def css(self) -> str:
        """CSS class: normal, reminder (blue), warning (yellow), urgent (orange), overdue (red)."""
        return self.name.lower()
