"""A null-safe "differs from" lookup, which Django does not ship.

``next_at IS DISTINCT FROM <expr>`` (PostgreSQL) / ``next_at IS NOT <expr>`` (SQLite) is true when
exactly one side is NULL, which ``NOT (a = b)`` is not. The scan uses it to touch only rows whose
``next_at`` really changes.
"""

from __future__ import annotations

from django.db.models import Field, Lookup


@Field.register_lookup
class IsDistinctFrom(Lookup):
    lookup_name = "distinct_from"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "sqlite":
            return f"{lhs} IS NOT {rhs}", [*lhs_params, *rhs_params]
        return f"{lhs} IS DISTINCT FROM {rhs}", [*lhs_params, *rhs_params]
