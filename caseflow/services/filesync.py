"""Helpers shared by the loaders that sync data files (rules, matter-type packs) into the database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model


def apply_changes(row: Model, values: dict[str, Any]) -> set[str]:
    """Set ``values`` on ``row``; the names of the fields that really changed (what to save, and
    whether the sync changed anything at all)."""
    changed = {name for name, value in values.items() if getattr(row, name) != value}
    for name in changed:
        setattr(row, name, values[name])
    return changed


def paths_too_long(model: type[Model], field: str, paths: Iterable[str]) -> list[str]:
    """One error per file path that would not fit ``model.field`` (checked before anything is written,
    so a bad file set changes nothing)."""
    limit = model._meta.get_field(field).max_length or 0
    return [
        f"{path}: path longer than {limit} characters (found {len(path)})"
        for path in sorted(set(paths))
        if len(path) > limit
    ]
