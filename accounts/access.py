"""The one place that decides who may see and act on a matter.

Views never filter matters themselves: they call :func:`matters_visible_to` or :func:`access_matter`.
A matter outside the user's reach is a 404, not a 403, so its existence is not revealed.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Team, User
from caseflow.models import Matter, Stage


def team_and_descendants(team: Team) -> list[int]:
    """Ids of ``team`` and every team below it (a department head sees the whole department).

    Stops at teams already seen, so a parent cycle (refused by ``Team.clean``) cannot hang a request."""
    ids = [team.pk]
    seen = {team.pk}
    frontier = [team.pk]
    while frontier:
        children = Team.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        frontier = [pk for pk in children if pk not in seen]
        seen.update(frontier)
        ids.extend(frontier)
    return ids


def supervised_team_ids(user: User) -> list[int]:
    """Teams a user supervises, with their sub-teams."""
    ids: list[int] = []
    for team in Team.objects.filter(supervisor=user):
        ids.extend(team_and_descendants(team))
    return sorted(set(ids))


def matters_visible_to(user: User) -> QuerySet[Matter]:
    if not user.is_authenticated or not user.is_active:
        return Matter.objects.none()
    if user.is_office_admin:
        return Matter.objects.all()
    visible = Q(lead_lawyer=user) | Q(stages__responsible=user)
    if user.team_id:
        visible |= Q(team_id=user.team_id)
    supervised = supervised_team_ids(user)
    if supervised:
        visible |= Q(team_id__in=supervised)
    return Matter.objects.filter(pk__in=Matter.objects.filter(visible).values("pk"))


def stages_visible_to(user: User) -> QuerySet[Stage]:
    return Stage.objects.filter(matter__in=matters_visible_to(user))


def access_matter(user: User, pk: int) -> Matter:
    try:
        return matters_visible_to(user).get(pk=pk)
    except Matter.DoesNotExist:
        raise Http404("No such matter") from None


def access_stage(user: User, pk: int) -> Stage:
    try:
        return stages_visible_to(user).select_related("matter", "template").get(pk=pk)
    except Stage.DoesNotExist:
        raise Http404("No such stage") from None


def can_supervise(user: User, team_id: int) -> bool:
    """May ``user`` decide pauses/extensions and handle escalations of this team?"""
    if user.is_office_admin:
        return True
    return team_id in supervised_team_ids(user)


def can_work_on(user: User, stage: Stage) -> bool:
    """May ``user`` record events, complete and request pauses for this stage?"""
    return (
        user.is_office_admin
        or stage.responsible_id == user.pk
        or stage.matter.lead_lawyer_id == user.pk
        or can_supervise(user, stage.team_id)
    )
