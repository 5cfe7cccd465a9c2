"""The rows of the pages that read one career or a few: the job sheet, the comparison and
a page of cards.

Each reads the rows its querysets declare (careers.querysets: `sheet_prefetches()`,
`comparison_prefetches()`, `card_prefetches()`), prepared once per database
(core.prepared.PreparedPrefetch).
Django's prefetch built and compiled each kind's query at every request, then its nested
ones: on a ROME fiche that was most of the time of its rows, longer than the database
took to read them (BENCHMARKS.md). `with_sheet()`, `for_comparison()` and `for_cards()`
still let Django prefetch the same rows, for the exports that read many careers at once.
"""

import functools

from django.db.models import Exists, OuterRef

from certifications.models import EUROPEAN_LEVELS, Certification, CertificationRome
from core.prepared import (
    PreparedInstances,
    PreparedPrefetch,
    PreparedQuery,
    marker_ids,
    padded,
    reverse_foreign_key,
)
from core.selection import MAX_COMPARED

from .models import Career
from .querysets import card_prefetches, comparison_prefetches, sheet_prefetches

CAREER_MARKER, *LEVEL_MARKERS = marker_ids(1 + len(EUROPEAN_LEVELS))


def load_sheet_rows(career) -> None:
    """Every row of the sheet onto a career already loaded, as `with_sheet()` gives them.

    One query first says which kinds the career has: a kind it lacks is an empty list,
    with no query. A ROME fiche lacks most editorial kinds and an editorial sheet the
    ROME's. Each kind it has is one prepared query, and one for the rows under each of
    its rows (a group's skills).
    """
    using = career._state.db
    (held,) = _kinds_held_query(using).rows([career.pk])
    for kind, has_rows in zip(_prepared(sheet_prefetches, 1, using), held, strict=True):
        if has_rows:
            kind.load([career])
        else:
            setattr(career, kind.attr, [])


def load_comparison_rows(careers: list) -> None:
    """What the comparison lines up, onto careers already loaded (MAX_COMPARED at most),
    as `for_comparison()` gives it: one prepared query per kind of row for them all."""
    _load(careers, comparison_prefetches, MAX_COMPARED)


def load_card_rows(careers: list, *, at_most: int) -> None:
    """What the cards of a page show besides their own columns, onto careers already
    loaded with `card_columns()`, as `for_cards()` gives it; `at_most`: the page's size."""
    _load(careers, card_prefetches, at_most)


def load_linked_certifications(career, *, levels: list[int], at_most: int) -> tuple[list, list]:
    """(the published certifications naming one of the career's ROME codes, the first
    `at_most` of the others at these European levels), each by level, kind and title:
    two prepared queries, none for what the career lacks (codes, levels)."""
    by_rome, at_levels = _certifications_queries(at_most, career._state.db)
    named = by_rome.instances([career.pk]) if career.ordered_romes else []
    if not levels:
        return named, []
    return named, at_levels.instances([*padded(levels, LEVEL_MARKERS), career.pk])


@functools.cache
def _certifications_queries(at_most: int, using: str) -> tuple[PreparedInstances, ...]:
    """The certifications naming a career's ROME codes, and the first of the others at up
    to eight levels: prepared once per database (core.prepared). The career's codes are
    looked up by its id, in the query."""
    naming = CertificationRome.objects.filter(
        rome_code__careerrome__career_id=CAREER_MARKER
    ).values("certification_id")
    published = Certification.objects.using(using).published()
    by_rome = published.filter(pk__in=naming).order_by("level", "kind", "title")
    at_levels = (
        published.filter(level__in=LEVEL_MARKERS)
        .exclude(pk__in=naming)
        .order_by("level", "kind", "title")[:at_most]
    )
    return (
        PreparedInstances.of(by_rome, [CAREER_MARKER]),
        PreparedInstances.of(at_levels, [*LEVEL_MARKERS, CAREER_MARKER]),
    )


def _load(careers: list, declared, size: int) -> None:
    if careers:
        for kind in _prepared(declared, size, careers[0]._state.db):
            kind.load(careers)


@functools.cache
def _prepared(declared, size: int, using: str) -> tuple[PreparedPrefetch, ...]:
    """The prefetches `declared()` returns, prepared for `size` careers at once."""
    return tuple(PreparedPrefetch.of(p, Career, size, using) for p in declared())


@functools.cache
def _kinds_held_query(using: str) -> PreparedQuery:
    """For each of the sheet's prefetches, in their order, whether a career has any row of
    it: prepared once per database (core.prepared), from the prefetches' own querysets.
    Its sixteen EXISTS took longer to build and compile at each request than to run.
    """
    checks = {}
    for index, prefetch in enumerate(sheet_prefetches()):
        field = reverse_foreign_key(Career, prefetch.prefetch_through)
        rows = prefetch.queryset.filter(**{field.name: OuterRef("pk")})
        checks[f"has_{index}"] = Exists(rows)
    held = Career.objects.using(using).filter(pk=CAREER_MARKER).annotate(**checks)
    return PreparedQuery.of(held.values_list(*checks), [CAREER_MARKER])
