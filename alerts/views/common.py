"""Helpers shared by the supervision screens: who may open them, and links to other apps' pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from alerts.selectors import may_supervise


def require_supervisor(user) -> None:
    """Approvals and statistics are for office admins and supervisors; a lawyer gets a 403 (the pages
    reveal no particular matter, so there is nothing to hide behind a 404)."""
    if not may_supervise(user):
        raise PermissionDenied


def matter_url(matter_id: int) -> str:
    """The matter page of the lawyer screens (``/matters/<id>/``)."""
    return reverse("caseflow:matter", args=[matter_id])
