"""Writes to users and teams."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Team, User


def set_role(user: User, role: str) -> User:
    """Change a user's business role; office administrators get the Django admin site, others lose it."""
    if role not in User.Role.values:
        raise ValueError(f"unknown role {role!r}")
    with transaction.atomic():
        user.role = role
        user.is_staff = role == User.Role.ADMIN or user.is_superuser
        user.save(update_fields=["role", "is_staff"])
    return user


def set_language(user: User, language: str) -> User:
    """The language a person reads the app and their e-mails in."""
    if language not in User.Language.values:
        raise ValueError(f"unknown language {language!r}")
    user.language = language
    user.save(update_fields=["language"])
    return user


def department_head(team: Team) -> User | None:
    """The next person up: the supervisor of the parent team."""
    parent = team.parent
    while parent is not None:
        if parent.supervisor_id and parent.supervisor.is_active:
            return parent.supervisor
        parent = parent.parent
    return None


def office_admins() -> list[User]:
    return list(User.objects.filter(role=User.Role.ADMIN, is_active=True).order_by("pk"))
