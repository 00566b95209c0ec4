"""Filters of the escalation queue (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from alerts.models import Escalation
from alerts.selectors import supervision_scope


class EscalationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in Escalation.ACTIVE_STATUSES],
        empty_label=_("All active"),
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.none(), empty_label=_("All teams")
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"), choices=Escalation.Reason.choices, empty_label=_("All reasons")
    )

    class Meta:
        model = Escalation
        fields = ["status", "team", "reason"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["team"].queryset = teams_for(user)


def teams_for(user):
    """The teams a user can filter by: every team for admins, the supervised ones (and the user's own)
    for everyone else."""
    scope = supervision_scope(user)
    if scope is None:
        return Team.objects.order_by("code")
    ids = [*scope, user.team_id] if user.team_id else scope
    return Team.objects.filter(pk__in=ids).order_by("code")


def supervised_teams(user):
    """The teams whose figures a user may see: every team for admins, else the supervised ones."""
    scope = supervision_scope(user)
    teams = Team.objects.all() if scope is None else Team.objects.filter(pk__in=scope)
    return teams.order_by("code")
