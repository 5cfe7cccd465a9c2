"""Queries Django builds and compiles once per database, then runs with other values.

A query with joins, windows or subqueries took Django longer to build and compile than
the database took to run it (BENCHMARKS.md, issue 19), at every request, for a shape
that never changes: only its values do. A prepared query is the SQL of a queryset built
with *markers*, values that no row has, and each run puts the request's values where the
markers were. The queryset is still written with the ORM, and compiled by it for each
database's dialect.

PreparedInstances builds model instances from such a query's rows, as Django would;
PreparedPrefetch reads the rows a Prefetch names for a few parents, and those under
them: a page that reads one career, or four, no longer builds its prefetches each time.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.db.models.sql.compiler import SQLCompiler


def marker_ids(count: int) -> tuple[int, ...]:
    """`count` ids that no row has (negative, far below any key), to mark where ids go."""
    return tuple(-1_999_999_000 - index for index in range(count))


def padded(values: Sequence, markers: Sequence) -> list:
    """`values`, then the markers they leave unused: the values of a query prepared for
    as many values as `markers`, given fewer (the markers left match no row)."""
    if len(values) > len(markers):
        raise ValueError(f"Au plus {len(markers)} valeurs à la fois.")
    return [*values, *markers[len(values) :]]


@dataclass(frozen=True)
class PreparedQuery:
    using: str
    sql: str
    params: tuple
    # Where each marker's value goes among the params, in order: one place each, or as
    # many as the query repeats it (a text marker, `repeated`).
    slots: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, queryset: QuerySet, markers: Sequence, *, repeated=()) -> "PreparedQuery":
        """`queryset`'s SQL, with a slot for each marker; each must be among its values
        exactly once (a marker that a lookup copied or folded away is an error), or at
        least once if it is one of `repeated`: Django writes an annotation again where
        the query orders by it."""
        return cls.compiled(queryset.query.get_compiler(queryset.db), markers, repeated=repeated)

    @classmethod
    def compiled(cls, compiler: SQLCompiler, markers: Sequence, *, repeated=()) -> "PreparedQuery":
        sql, params = compiler.as_sql()
        params = tuple(params)
        slots = []
        for marker in markers:
            found = tuple(index for index, value in enumerate(params) if value == marker)
            if not found or (len(found) > 1 and marker not in repeated):
                raise ValueError(
                    f"Le marqueur {marker!r} figure {len(found)} fois dans la requête."
                )
            slots.append(found)
        return cls(compiler.using, sql, params, tuple(slots))

    def rows(self, values: Iterable) -> list[tuple]:
        """The query's rows with these values in the markers' places, as the database
        returns them (no field converts them: ids, text and numbers read as they are)."""
        params = list(self.params)
        for places, value in zip(self.slots, values, strict=True):
            for place in places:
                params[place] = value
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            return cursor.fetchall()


@dataclass(frozen=True)
class Columns:
    """Where a model's fields are in a prepared query's rows, and the objects its
    select_related() reads with it: (the foreign key, their columns)."""

    model: type
    names: tuple[str, ...]  # the fields' attnames, as Model.from_db reads them
    start: int
    stop: int
    pk: int  # where the primary key is, in the row
    related: tuple[tuple[object, "Columns"], ...]

    @classmethod
    def of(cls, klass_info: dict, select: list) -> "Columns":
        fields = klass_info["select_fields"]
        start, stop = fields[0], fields[-1] + 1
        related = []
        for info in klass_info.get("related_klass_infos", ()):
            if info.get("reverse"):
                raise ValueError("Une relation inverse ne se prépare pas.")
            related.append((info["field"], cls.of(info, select)))
        model = klass_info["model"]
        names = tuple(column.target.attname for column, *_ in select[start:stop])
        pk = start + names.index(model._meta.pk.attname)
        return cls(model, names, start, stop, pk, tuple(related))

    def build(self, using: str, row):
        """The instance of this row, its select_related objects cached on it (None where
        the foreign key is empty), as Django's ModelIterable builds them."""
        values = row[self.start : self.stop]
        obj = self.model.from_db(using, self.names, values)
        for field, columns in self.related:
            empty = row[columns.pk] is None
            field.set_cached_value(obj, None if empty else columns.build(using, row))
        return obj


@dataclass(frozen=True)
class PreparedInstances:
    """A queryset's model instances, prepared as PreparedQuery is: each run builds them
    from the request's rows with Model.from_db, the objects it selects with them
    (select_related) cached on each, its annotations set, the values converted as Django
    converts them (the backend's and the fields' converters: decimals, dates…).

    The converters are those of the connection that prepared the query: Django's read
    the settings, never the connection's state, so any thread may use them.
    """

    query: PreparedQuery
    columns: Columns
    compiler: SQLCompiler
    converters: dict

    @classmethod
    def of(cls, queryset: QuerySet, markers: Sequence, *, repeated=()) -> "PreparedInstances":
        if queryset._prefetch_related_lookups:
            raise ValueError("Les prefetch_related ne se préparent pas : PreparedPrefetch.")
        compiler = queryset.query.get_compiler(queryset.db)
        query = PreparedQuery.compiled(compiler, markers, repeated=repeated)
        selected = [column for column, *_ in compiler.select[: compiler.col_count]]
        columns = Columns.of(compiler.klass_info, compiler.select)
        return cls(query, columns, compiler, compiler.get_converters(selected))

    def instances(self, values: Iterable) -> list:
        rows = self.query.rows(values)
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        annotations = self.compiler.annotation_col_map.items()
        instances = []
        for row in rows:
            obj = self.columns.build(self.query.using, row)
            for name, position in annotations:
                setattr(obj, name, row[position])
            instances.append(obj)
        return instances


@dataclass(frozen=True)
class PreparedPrefetch:
    """A Prefetch(accessor, queryset, to_attr) of the rows pointing at a model (a reverse
    foreign key), prepared for up to `size` of its rows at once: its rows in one prepared
    query, dealt out to each parent's `to_attr` by their foreign key, as Django's prefetch
    would (each row's foreign key caches its parent).

    A nested Prefetch(…, to_attr) of the rows pointing at those rows is prepared the same
    way, read for the same top parents at once; other nested lookups (a many-to-many, a
    path) are left to Django.
    `texts`: markers of other values of its queryset, which each load is given.
    """

    attr: str
    rows: PreparedInstances
    field: object  # the rows' foreign key to their parent
    markers: tuple[int, ...]
    children: tuple["PreparedPrefetch", ...]
    django_lookups: tuple

    @classmethod
    def of(
        cls,
        prefetch: Prefetch,
        parent: type,
        size: int,
        using: str,
        *,
        through: str = "",
        texts: Sequence = (),
    ) -> "PreparedPrefetch":
        if not prefetch.to_attr or prefetch.queryset is None:
            raise ValueError(f"{prefetch.prefetch_through} : un Prefetch avec to_attr.")
        queryset = prefetch.queryset.using(using)
        field = reverse_foreign_key(parent, prefetch.prefetch_through)
        path = f"{field.name}__{through}" if through else field.name
        children, django_lookups = [], []
        for lookup in queryset._prefetch_related_lookups:
            nested = isinstance(lookup, Prefetch) and lookup.queryset is not None
            if nested and lookup.to_attr and _foreign_key(queryset.model, lookup.prefetch_through):
                children.append(cls.of(lookup, queryset.model, size, using, through=path))
            else:
                django_lookups.append(lookup)
        markers = marker_ids(size)
        own = queryset.prefetch_related(None).filter(**{f"{path}__in": markers})
        rows = PreparedInstances.of(own, [*markers, *texts])
        return cls(prefetch.to_attr, rows, field, markers, tuple(children), tuple(django_lookups))

    def load(self, parents: list, top: list | None = None, *, texts: Sequence = ()) -> None:
        """Each parent's rows in its `to_attr`; `top`: the parents the query is keyed on,
        when these are rows under them; `texts`: the values of the `texts` markers."""
        top = parents if top is None else top
        ids = padded([row.pk for row in top], self.markers)
        rows = self.rows.instances([*ids, *texts])
        by_parent = {parent.pk: [] for parent in parents}
        for row in rows:
            siblings = by_parent.get(getattr(row, self.field.attname))
            if siblings is not None:
                siblings.append(row)
        for parent in parents:
            for row in by_parent[parent.pk]:
                self.field.set_cached_value(row, parent)
            setattr(parent, self.attr, by_parent[parent.pk])
        if rows:  # no rows, none under them
            for children in self.children:
                children.load(rows, top)
            prefetch_related_objects(rows, *self.django_lookups)


def reverse_foreign_key(model: type, accessor: str):
    """The foreign key of the rows that `model` reads under `accessor` ("skill_links")."""
    field = _foreign_key(model, accessor)
    if field is None:
        raise ValueError(f"{model.__name__} ne lit pas de lignes « {accessor} ».")
    return field


def _foreign_key(model: type, accessor: str):
    """As reverse_foreign_key(), None for anything else (a many-to-many, a path)."""
    for relation in model._meta.related_objects:
        if relation.one_to_many and relation.get_accessor_name() == accessor:
            return relation.field
    return None
