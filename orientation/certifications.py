"""The certifications that lead to the careers of a page: those naming one of a career's
ROME codes first, then those at the European level of its first diploma (same level, no
direct link, and said so). One query for the whole page, a few of each per career; the
first of each level are the same for every page, kept per catalogue version.
"""

import functools
import itertools
from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from certifications.models import (
    EQF_LEVEL_BY_BAC_PLUS,
    EUROPEAN_LEVELS,
    Certification,
    CertificationRome,
)
from core import cache
from core.prepared import PreparedQuery, marker_ids, padded

# How many of each a result shows: a ROME code or a level is shared by hundreds.
SHOWN = 3
ORDER = ("level", "kind", "title")
# What a page shows of a certification it suggests (careers.api.certification_link), in
# the model's order of fields: the order in which Model.from_db reads them.
LINK_FIELDS = tuple(
    field.attname
    for field in Certification._meta.concrete_fields
    if field.attname in {"id", "slug", "kind", "code", "title", "level"}
)
# Careers looked up at a time, a page of results at most; ids no career has mark them.
PREPARED_CAREERS = 10
_ANY_CAREERS = marker_ids(PREPARED_CAREERS)


@dataclass(frozen=True)
class CertificationHints:
    by_rome: list = field(default_factory=list)
    at_level: list = field(default_factory=list)
    level: int | None = None  # the European level of `at_level`


def hints_for(careers: list) -> dict[int, CertificationHints]:
    """For careers from ranking.rank() (`first_level` set): their certifications."""
    by_rome = naming_rome_codes([career.pk for career in careers])
    levels = {
        career.pk: EQF_LEVEL_BY_BAC_PLUS.get(career.first_level)
        for career in careers
        if career.first_level is not None
    }
    at_levels = first_at_levels({level for level in levels.values() if level})
    hints = {}
    for career in careers:
        rome = by_rome.get(career.pk, [])
        level = levels.get(career.pk)
        others = [cert for cert in at_levels.get(level, []) if cert not in rome]
        hints[career.pk] = CertificationHints(rome, others[:SHOWN], level)
    return hints


def naming_rome_codes(career_ids: list[int]) -> dict[int, list[Certification]]:
    """Published certifications naming one of each career's ROME codes, a few per career."""
    query = _naming_rome_query(Certification.objects.db)
    found: dict[int, list[Certification]] = {}
    for chunk in itertools.batched(career_ids, PREPARED_CAREERS, strict=False):
        for career_id, *values in query.rows(padded(chunk, _ANY_CAREERS)):
            certification = Certification.from_db(query.using, LINK_FIELDS, values)
            certifications = found.setdefault(career_id, [])
            if certification not in certifications:
                certifications.append(certification)
    return found


@functools.cache
def _naming_rome_query(using: str) -> PreparedQuery:
    """The first few certifications naming each career's codes, for PREPARED_CAREERS
    careers at a time: prepared once per database (core.prepared), its window took
    Django ten times longer to build than SQLite to run."""
    career = F("rome_code__careerrome__career_id")
    rows = (
        CertificationRome.objects.using(using)
        .filter(certification__is_published=True, rome_code__careerrome__career_id__in=_ANY_CAREERS)
        .annotate(
            for_career=career,
            rank=Window(
                RowNumber(),
                partition_by=career,
                order_by=[F(f"certification__{name}").asc(nulls_last=True) for name in ORDER],
            ),
        )
        .filter(rank__lte=SHOWN)
        .order_by("for_career", "rank")
    )
    columns = [f"certification__{name}" for name in LINK_FIELDS]
    return PreparedQuery.of(rows.values_list("for_career", *columns), _ANY_CAREERS)


def first_at_levels(levels: set[int]) -> dict[int, list[Certification]]:
    """Published certifications at each of these European levels, the first few of each.

    The same for every profile: the first few of every level are read once per catalogue
    version (core.cache), and each page takes its levels' share.
    """
    if not levels:
        return {}
    firsts = cache.get_or_set("certifications-first-at-levels", (), _first_at_every_level)
    return {level: firsts[level] for level in levels if level in firsts}


def _first_at_every_level() -> dict[int, list[Certification]]:
    rows = (
        Certification.objects.published()
        .at_levels(EUROPEAN_LEVELS)
        .annotate(rank=Window(RowNumber(), partition_by=F("level"), order_by=["kind", "title"]))
        .filter(rank__lte=2 * SHOWN)
    )
    found: dict[int, list[Certification]] = {}
    for certification in rows:
        found.setdefault(certification.level, []).append(certification)
    return found
