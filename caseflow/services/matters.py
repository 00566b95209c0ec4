"""Opening, closing and suspending matters."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from caseflow.calendars.adapter import calendar_for
from caseflow.deadlines import DeadlineError, compute_deadline
from caseflow.deadlines.periods import Convention, Period
from caseflow.models import EventType, Matter, MatterType, Stage

MATTER_OPENED = "matter_opened"


def total_due(matter_type: MatterType, opened_on: dt.date, *, court=None) -> dt.date | None:
    """The matter-level limit (total handling time) from the day the matter is opened."""
    if not matter_type.total_limit:
        return None
    calendar = calendar_for(court.calendar if court else matter_type.calendar, court=court)
    try:
        result = compute_deadline(
            opened_on,
            Period.parse(matter_type.total_limit),
            convention=Convention(matter_type.total_limit_convention),
            calendar=calendar,
        )
    except DeadlineError as exc:
        raise ValidationError(str(exc)) from None
    return result.due


def open_matter(
    *,
    number: str,
    title: str,
    client: str,
    matter_type: MatterType,
    lead_lawyer,
    team,
    opened_on: dt.date,
    court=None,
    opposing_party: str = "",
    description: str = "",
    by,
    now: dt.datetime,
) -> Matter:
    """Open a matter: one stage per template of its type, all awaiting their trigger; the
    ``matter_opened`` event (if the type has stages counting from it) is recorded at once."""
    from caseflow.services.events import record_event

    if not matter_type.active:
        raise ValidationError(_("Matter type %(type)s is not active.") % {"type": matter_type.name})
    if court is not None and court.jurisdiction != matter_type.jurisdiction:
        raise ValidationError(
            _("%(court)s is not in the jurisdiction of %(type)s.")
            % {"court": court.name, "type": matter_type.name}
        )
    templates = list(
        matter_type.stage_templates.filter(active=True).select_related("trigger").order_by("order")
    )
    if not templates:
        raise ValidationError(_("Matter type %(type)s has no stages.") % {"type": matter_type.name})
    with transaction.atomic():
        matter = Matter.objects.create(
            number=number,
            title=title,
            client=client,
            opposing_party=opposing_party,
            matter_type=matter_type,
            court=court,
            lead_lawyer=lead_lawyer,
            team=team,
            opened_on=opened_on,
            total_due=total_due(matter_type, opened_on, court=court),
            description=description,
            created_at=now,
            created_by=by,
        )
        Stage.objects.bulk_create(
            Stage(
                matter=matter,
                template=template,
                order=template.order,
                responsible=lead_lawyer,
                team=team,
            )
            for template in templates
        )
        from alerts.services.clocks import sync_matter_clock

        sync_matter_clock(matter, now=now)
        opened_type = EventType.objects.filter(code=MATTER_OPENED).first()
        if opened_type is not None and any(t.trigger_id == opened_type.pk for t in templates):
            record_event(
                matter=matter, event_type=opened_type, occurred_on=opened_on, note="", by=by, now=now
            )
    return matter


def close_matter(matter: Matter, *, closed_on: dt.date, reason: str, by, now: dt.datetime) -> Matter:
    """Close a matter; its open stages are cancelled with the reason, its clocks stop."""
    from caseflow.services.stages import cancel_stage

    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status == Matter.Status.CLOSED:
            raise ValidationError(_("The matter is already closed."))
        if closed_on < matter.opened_on:
            raise ValidationError(_("A matter cannot close before it opened."))
        for stage in matter.stages.filter(status__in=Stage.OPEN_STATUSES):
            cancel_stage(stage, reason=reason or _("Matter closed"), by=by, now=now)
        matter.status = Matter.Status.CLOSED
        matter.closed_on = closed_on
        matter.save(update_fields=["status", "closed_on"])
        from alerts.services.clocks import sync_matter_clock

        sync_matter_clock(matter, now=now)
    return matter


def set_matter_suspended(matter: Matter, *, suspended: bool, by, now: dt.datetime) -> Matter:
    """Mark a matter suspended (or open again). Stage clocks keep running: a statutory period does not
    stop because the office parks a file; stopping a clock needs an approved pause."""
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status == Matter.Status.CLOSED:
            raise ValidationError(_("The matter is closed."))
        matter.status = Matter.Status.SUSPENDED if suspended else Matter.Status.OPEN
        matter.save(update_fields=["status"])
    return matter
