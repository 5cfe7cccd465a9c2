"""A list of ids as one SQL parameter, whatever its length.

A filtered list pins the ids it found (up to a thousand, careers.querysets.pinned) and
its queries name them. As `IN (%s, %s, …)` each of the thousand was a parameter Django
processed, placed and compiled at each query: 1.3 ms a query at a thousand ids. Here they
are one value: PostgreSQL's array (`= ANY(%s)`), SQLite's JSON array (`json_each`).
"""

import json

from django.db.models import F, Lookup


class AmongIds(Lookup):
    """A condition for filter(): `field` is one of `ids` (integers). A lookup, so that
    SQLite takes it as a condition of its own and looks the ids up (an expression would
    be compared with TRUE, row by row)."""

    lookup_name = "among_ids"
    prepare_rhs = False

    def __init__(self, field: str, ids) -> None:
        super().__init__(F(field), [int(pk) for pk in ids])

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} = ANY(%s)", [*params, self.rhs]

    def as_sqlite(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.rhs)]
