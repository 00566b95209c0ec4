"""Pause and extension statistics per person: the figures supervisors watch for hidden overruns
(隐性超审限): how often and how long each person's stages were paused, and how many extensions they asked
for and got."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_tables2 import RequestConfig

from accounts.access import team_and_descendants
from alerts.filtersets import supervised_teams
from alerts.forms import TeamFilterForm
from alerts.selectors import supervision_scope, team_pause_stats
from alerts.tables import PauseStatsTable
from alerts.views.common import require_supervisor


@login_required
def pause_stats(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    today = timezone.localdate(timezone.now())
    scope = supervision_scope(request.user)
    form = TeamFilterForm(request.GET or None, teams=supervised_teams(request.user))
    team_ids = scope
    if form.is_bound and form.is_valid() and form.cleaned_data["team"] is not None:
        chosen = team_and_descendants(form.cleaned_data["team"])
        team_ids = chosen if scope is None else [pk for pk in chosen if pk in scope]
    table = PauseStatsTable(team_pause_stats(team_ids=team_ids, today=today))
    RequestConfig(request, paginate=False).configure(table)
    return render(request, "alerts/pause_stats.html", {"table": table, "form": form, "today": today})
