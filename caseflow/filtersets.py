"""Filters of the deadline board and the matter list (django-filter)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from alerts.models import Level
from caseflow.models import Matter, MatterType, Stage


def _search(queryset, prefix: str, value: str):
    value = value.strip()
    if not value:
        return queryset
    return queryset.filter(
        Q(**{f"{prefix}number__icontains": value})
        | Q(**{f"{prefix}title__icontains": value})
        | Q(**{f"{prefix}client__icontains": value})
    )


class BoardFilterSet(django_filters.FilterSet):
    """Level, matter type, due within N days, search, and (team and office views) the responsible person."""

    DUE_WITHIN = [("7", _("Next 7 days")), ("30", _("Next 30 days"))]

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Matter number, title or client")}),
    )
    level = django_filters.ChoiceFilter(
        label=_("Warning level"), field_name="clock__level", choices=Level.choices
    )
    matter_type = django_filters.ModelChoiceFilter(
        label=_("Matter type"), field_name="matter__matter_type", queryset=MatterType.objects.all()
    )
    due_within = django_filters.ChoiceFilter(label=_("Due"), choices=DUE_WITHIN, method="filter_due_within")
    responsible = django_filters.ModelChoiceFilter(
        label=_("Responsible person"), queryset=User.objects.none()
    )

    class Meta:
        model = Stage
        fields: list[str] = []

    def __init__(self, *args, today: dt.date, responsible_choices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        if responsible_choices is None:
            del self.filters["responsible"]
        else:
            self.filters["responsible"].queryset = responsible_choices

    def filter_q(self, queryset, name, value):
        return _search(queryset, "matter__", value)

    def filter_due_within(self, queryset, name, value):
        """Due within N days counts overdue stages too: they need the work first."""
        return queryset.filter(due_date__lte=self.today + dt.timedelta(days=int(value)))


class MatterFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Matter number, title or client")}),
    )
    matter_type = django_filters.ModelChoiceFilter(label=_("Matter type"), queryset=MatterType.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Matter.Status.choices)
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.all())
    lead_lawyer = django_filters.ModelChoiceFilter(
        label=_("Lead lawyer"), queryset=User.objects.filter(is_active=True).order_by("full_name", "username")
    )

    class Meta:
        model = Matter
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return _search(queryset, "", value)
