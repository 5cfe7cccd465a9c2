"""Queries Django builds and compiles once per database, then runs with other values.

A query with joins, windows or subqueries took Django longer to build and compile than
the database took to run it (BENCHMARKS.md, issue 19), at every request, for a shape
that never changes: only its values do. A prepared query is the SQL of a queryset built
with *markers*, values that no row has, and each run puts the request's values where the
markers were. The queryset is still written with the ORM, and compiled by it for each
database's dialect.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet


def marker_ids(count: int) -> tuple[int, ...]:
    """`count` ids that no row has (negative, far below any key), to mark where ids go."""
    return tuple(-1_999_999_000 - index for index in range(count))


@dataclass(frozen=True)
class PreparedQuery:
    using: str
    sql: str
    params: tuple
    slots: tuple[int, ...]  # where each marker's value goes among the params, in order

    @classmethod
    def of(cls, queryset: QuerySet, markers: Sequence) -> "PreparedQuery":
        """`queryset`'s SQL, with a slot for each marker; each must be among its values
        exactly once (a marker that a lookup copied or folded away is an error)."""
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
        params = tuple(params)
        slots = []
        for marker in markers:
            found = [index for index, value in enumerate(params) if value == marker]
            if len(found) != 1:
                raise ValueError(
                    f"Le marqueur {marker!r} figure {len(found)} fois dans la requête."
                )
            slots.append(found[0])
        return cls(queryset.db, sql, params, tuple(slots))

    def rows(self, values: Iterable) -> list[tuple]:
        """The query's rows with these values in the markers' places, as the database
        returns them (no field converts them: ids, text and numbers read as they are)."""
        params = list(self.params)
        for slot, value in zip(self.slots, values, strict=True):
            params[slot] = value
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            return cursor.fetchall()
