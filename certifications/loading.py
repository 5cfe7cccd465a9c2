"""The rows of a certification's page, onto a certification already loaded, as
`with_page_content()` gives them: what `page_prefetches()` declares, prepared once per
database (core.prepared), as the job sheet's are (careers.loading).

Django's prefetch built and compiled its nine queries at every request, longer than
the database took to run them (BENCHMARKS.md). The many-to-many (NSF codes, an
activity's units) are still Django's.
"""

import functools

from django.db.models import prefetch_related_objects

from core.prepared import PreparedPrefetch

from .models import Certification, page_prefetches


def load_page_rows(certification: Certification) -> None:
    for kind in _prepared(certification._state.db):
        kind.load([certification])
    prefetch_related_objects([certification], "nsf_codes")


@functools.cache
def _prepared(using: str) -> tuple[PreparedPrefetch, ...]:
    return tuple(PreparedPrefetch.of(p, Certification, 1, using) for p in page_prefetches())
