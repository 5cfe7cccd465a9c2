"""What a certification's page, or a list's cards, read besides the certifications'
own columns, onto certifications already loaded, with queries prepared once per
database (core.prepared), as the job sheet's are (careers.loading).

Django's prefetch built and compiled its queries at every request, longer than the
database took to run them (BENCHMARKS.md).
"""

import functools

from django.db.models import prefetch_related_objects

from core.prepared import PreparedPrefetch, PreparedQuery, marker_ids, padded

from .models import Certification, CertificationRome, page_prefetches


def load_page_rows(certification: Certification) -> None:
    """The rows `with_page_content()` gives: what `page_prefetches()` declares, prepared;
    the many-to-many (NSF codes, an activity's units) are still Django's."""
    for kind in _prepared(certification._state.db):
        kind.load([certification])
    prefetch_related_objects([certification], "nsf_codes")


@functools.cache
def _prepared(using: str) -> tuple[PreparedPrefetch, ...]:
    return tuple(PreparedPrefetch.of(p, Certification, 1, using) for p in page_prefetches())


def load_card_codes(certifications: list, *, at_most: int) -> None:
    """Each certification's NSF and ROME codes as its card prints them (`card_nsf_codes`,
    `card_rome_codes`: strings, in the order with_codes() gives), for up to `at_most` of
    them: two prepared queries of values. The codes' instances were most of the time of a
    page of cards: 10.5 → 4.0 ms for a page of twenty, with its count."""
    if not certifications:
        return
    ids = [certification.pk for certification in certifications]
    nsf_query, rome_query = _card_codes_queries(at_most, certifications[0]._state.db)
    values = padded(ids, marker_ids(at_most))
    codes = {pk: ([], []) for pk in ids}
    for index, query in enumerate((nsf_query, rome_query)):
        for pk, code in query.rows(values):
            codes[pk][index].append(code)
    for certification in certifications:
        certification.card_nsf_codes, certification.card_rome_codes = codes[certification.pk]


@functools.cache
def _card_codes_queries(at_most: int, using: str) -> tuple[PreparedQuery, PreparedQuery]:
    markers = marker_ids(at_most)
    nsf = Certification.nsf_codes.through.objects.using(using).filter(certification_id__in=markers)
    romes = CertificationRome.objects.using(using).filter(certification_id__in=markers)
    return (
        PreparedQuery.of(
            nsf.order_by("nsfcode__code").values_list("certification_id", "nsfcode__code"),
            markers,
        ),
        PreparedQuery.of(
            romes.order_by("position").values_list("certification_id", "rome_code__code"),
            markers,
        ),
    )
