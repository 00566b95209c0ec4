"""The unread-inbox count shown in every page header."""

from __future__ import annotations

from django.http import HttpRequest


def inbox(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from alerts.selectors import unread_count

    return {"inbox_unread": unread_count(user)}
