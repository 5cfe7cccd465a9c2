"""The rows of one job sheet, for its page: the section specs' own prefetches
(careers.querysets.sheet_prefetches), each prepared once per database (core.prepared).

`with_sheet()` lets Django prefetch the rows of many careers at once (the JSON and CSV
exports). A page reads one career, and there Django built and compiled each kind's
query at every request, then its nested prefetches: on a ROME fiche that was most of the
time of its rows, longer than the database took to read them (BENCHMARKS.md).
"""

import functools
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from core.prepared import PreparedInstances, PreparedQuery, marker_ids

from .querysets import sheet_prefetches

(CAREER_MARKER,) = marker_ids(1)


def load_sheet_rows(career) -> None:
    """Every row of the sheet onto a career already loaded, as `with_sheet()` gives them.

    One query first says which kinds the career has: a kind it lacks is an empty list,
    with no query. A ROME fiche lacks most editorial kinds and an editorial sheet the
    ROME's. Each kind it has is one prepared query, and one for the rows under each of
    its rows (a group's skills).
    """
    using = career._state.db
    (held,) = _kinds_held_query(using).rows([career.pk])
    for kind, has_rows in zip(_prepared_kinds(using), held, strict=True):
        setattr(career, kind.attr, kind.load(career) if has_rows else [])


@dataclass(frozen=True)
class Children:
    """The rows a Prefetch(…, to_attr) puts under each of a kind's rows (a group's skills),
    read for the whole career at once and dealt out by their foreign key."""

    rows: PreparedInstances
    parent_field: object  # the children's foreign key to their parent row
    attr: str

    def attach(self, career, parents: list) -> None:
        by_parent = {parent.pk: [] for parent in parents}
        for child in self.rows.instances([career.pk]):
            siblings = by_parent.get(getattr(child, self.parent_field.attname))
            if siblings is not None:
                siblings.append(child)
        for parent in parents:
            children = by_parent[parent.pk]
            for child in children:
                self.parent_field.set_cached_value(child, parent)
            setattr(parent, self.attr, children)


@dataclass(frozen=True)
class Kind:
    """One of the sheet's prefetches, prepared."""

    attr: str  # the career's attribute, the prefetch's to_attr
    rows: PreparedInstances
    career_field: object  # the rows' foreign key to the career
    children: tuple[Children, ...]
    django_lookups: tuple  # nested lookups without to_attr, left to Django

    def load(self, career) -> list:
        rows = self.rows.instances([career.pk])
        for row in rows:
            self.career_field.set_cached_value(row, career)
        for children in self.children:
            children.attach(career, rows)
        if self.django_lookups and rows:
            prefetch_related_objects(rows, *self.django_lookups)
        return rows


@functools.cache
def _prepared_kinds(using: str) -> tuple[Kind, ...]:
    return tuple(_prepare(prefetch, using) for prefetch in sheet_prefetches())


def _prepare(prefetch: Prefetch, using: str) -> Kind:
    queryset = prefetch.queryset.using(using)
    career_field = _foreign_key(queryset.model, prefetch.prefetch_through)
    nested = queryset._prefetch_related_lookups
    children, django_lookups = [], []
    for lookup in nested:
        if isinstance(lookup, Prefetch) and lookup.to_attr and "__" not in lookup.prefetch_through:
            field = _foreign_key(lookup.queryset.model, lookup.prefetch_through, queryset.model)
            # Every child of this career's rows: through the parent, as Django's prefetch
            # asks for the children of the parents it read.
            mine = {f"{field.name}__{career_field.name}": CAREER_MARKER}
            prepared = PreparedInstances.of(
                lookup.queryset.using(using).filter(**mine), [CAREER_MARKER]
            )
            children.append(Children(prepared, field, lookup.to_attr))
        else:
            django_lookups.append(lookup)
    own = queryset.prefetch_related(None).filter(**{career_field.name: CAREER_MARKER})
    rows = PreparedInstances.of(own, [CAREER_MARKER])
    return Kind(prefetch.to_attr, rows, career_field, tuple(children), tuple(django_lookups))


def _foreign_key(model, accessor: str, parent=None):
    """The foreign key of `model` that `parent` (the career by default) reads its rows with
    under the name `accessor` ("skill_links", "links")."""
    from .models import Career

    relations = (parent or Career)._meta.related_objects
    return next(r.field for r in relations if r.get_accessor_name() == accessor)


@functools.cache
def _kinds_held_query(using: str) -> PreparedQuery:
    """For each of the sheet's prefetches, in their order, whether a career has any row of
    it: prepared once per database (core.prepared), from the prefetches' own querysets.
    Its sixteen EXISTS took longer to build and compile at each request than to run.
    """
    from .models import Career

    checks = {
        f"has_{index}": Exists(
            prefetch.queryset.filter(
                **{
                    _foreign_key(prefetch.queryset.model, prefetch.prefetch_through).name: (
                        OuterRef("pk")
                    )
                }
            )
        )
        for index, prefetch in enumerate(sheet_prefetches())
    }
    held = Career.objects.using(using).filter(pk=CAREER_MARKER).annotate(**checks)
    return PreparedQuery.of(held.values_list(*checks), [CAREER_MARKER])
