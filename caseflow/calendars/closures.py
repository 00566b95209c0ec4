"""Adding, changing and removing a court's closure days, with the recomputation of that court's stages.

A closure (the clerk's office inaccessible, FRCP 6(a)(3); a state holiday, 6(a)(6)(C); a local court's
own closure) only affects matters at that court, so only stages at that court whose last computation
examined the day are recomputed. Called from the admin's ``save_model``/``delete_model``, never from a
signal, so every path that changes a closure is visible at its call site.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from caseflow.models import CourtClosure
from caseflow.models.history import ChangeCause


def save_closure(closure: CourtClosure, *, previous: tuple[int, dt.date] | None, by, now: dt.datetime) -> int:
    """Save a new or edited closure; ``previous`` is its (court id, date) before the edit, if any.

    Returns how many stages changed. Stages that examined the old date are recomputed too, since the day
    is no longer closed for them.
    """
    with transaction.atomic():
        if closure.pk is None:
            closure.created_by = by
            closure.created_at = now
        closure.save()
        # Two whole sentences rather than a verb slotted into one: translators need the sentence.
        template = (
            _("Court closure changed: %(court)s %(date)s %(name)s")
            if previous
            else _("Court closure added: %(court)s %(date)s %(name)s")
        )
        reason = template % {
            "court": closure.court.code,
            "date": closure.date,
            "name": closure.name,
        }
        touched = {(closure.court_id, closure.date)}
        if previous is not None:
            touched.add(previous)
        return sum(
            _recompute(court_id, date, reason=reason, by=by, now=now) for court_id, date in sorted(touched)
        )


def delete_closure(closure: CourtClosure, *, by, now: dt.datetime) -> int:
    """Remove a closure and recompute the court's stages that examined its day."""
    with transaction.atomic():
        court_id, date = closure.court_id, closure.date
        reason = _("Court closure removed: %(court)s %(date)s %(name)s") % {
            "court": closure.court.code,
            "date": date,
            "name": closure.name,
        }
        closure.delete()
        return _recompute(court_id, date, reason=reason, by=by, now=now)


def _recompute(court_id: int, date: dt.date, *, reason: str, by, now: dt.datetime) -> int:
    from caseflow.services.stages import recompute_stages_touching

    return recompute_stages_touching(
        calendar_id=None,
        court_id=court_id,
        first=date,
        last=date,
        cause=ChangeCause.COURT_CLOSURE,
        reason=reason,
        by=by,
        now=now,
    )
