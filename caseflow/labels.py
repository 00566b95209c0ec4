"""Translated labels for the deadline engine's vocabulary: counting conventions and directions.

The engine (:mod:`caseflow.deadlines`) has no Django import, so ``Convention.label`` and
``Direction.label`` are English only. Screens and forms show these instead. Each English text is the
engine's label word for word (tests/i18n checks it), so the choices built here deconstruct exactly like
``[(c.value, c.label) for c in Convention]`` and using them on a model field needs no migration.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from caseflow.deadlines.periods import Convention, Direction

CONVENTION_LABELS = {
    Convention.CN_CIVIL: _(
        "PRC civil/administrative/labour procedure and Civil Code (民诉法 85; 民法典 200-204)"
    ),
    Convention.CN_CRIMINAL: _("PRC criminal procedure (刑诉法 105; 刑诉法解释 202)"),
    Convention.CN_WORKDAYS: _("PRC working-day periods (行政许可法 82; 行政复议法 88)"),
    Convention.US_FRCP: _("US federal, FRCP 6(a)"),
    Convention.US_FRCP_MAIL: _("US federal, FRCP 6(a) then 6(d) (+3 days for service by mail)"),
}

DIRECTION_LABELS = {
    Direction.AFTER: _("after the trigger"),
    Direction.BEFORE: _("before the trigger"),
}

CONVENTION_CHOICES = [(c.value, CONVENTION_LABELS[c]) for c in Convention]
DIRECTION_CHOICES = [(d.value, DIRECTION_LABELS[d]) for d in Direction]


def convention_label(value: str) -> str:
    """The convention's label in the active language; an unknown code is shown as it is."""
    try:
        return str(CONVENTION_LABELS[Convention(value)])
    except ValueError:
        return value
