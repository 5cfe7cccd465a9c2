"""The certification list (a certification's own page, which names careers, is pathways')."""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.views.decorators.http import require_safe

from core import cache
from core.http import Page, render_shared
from core.opendata import json_list_errors, wants_json

from . import api
from .forms import CertificationFilterForm
from .loading import load_card_codes
from .models import EUROPEAN_LEVELS, CertificationKind, code_prefetches

PAGE_SIZE = 20


@require_safe
@json_list_errors
def certification_list(request):
    form = CertificationFilterForm(request.GET)
    form.is_valid()  # invalid parameters are dropped and reported, never fatal
    if wants_json(request):
        page = results_page(form)
        prefetch_related_objects(page.object_list, *code_prefetches())
        return api.certification_list_json(request, page, notices=form.notices())
    query = form.canonical_query()
    if query is not None:
        # Its widgets print the values as given: rendered from the key's, like every visitor's.
        form = CertificationFilterForm(query)
        form.is_valid()

    def build() -> Page:
        filters = form.filters()
        kind_counts = form.certifications(leave_out="type").kind_counts()
        level_counts = form.certifications(leave_out="niveau").level_counts()
        page = results_page(form)
        load_card_codes(page.object_list, at_most=PAGE_SIZE)
        context = {
            "nav": "certifications",
            "form": form,
            "filters": filters,
            "notices": form.notices(),
            "page": page,
            "kind_facets": [
                (kind, label, kind_counts[kind]) for kind, label in CertificationKind.choices
            ],
            "level_facets": [
                (level, level_counts[level]) for level in EUROPEAN_LEVELS if level_counts[level]
            ],
        }
        # A search that finds nothing is not kept: any word would make a key.
        stored = page.paginator.count > 0 or "q" not in filters
        return Page("certifications/certification_list.html", context, store=stored)

    # Certifications and their codes only: the list outlives an edit of a job sheet.
    key = (
        cache.key("certification-list", query.urlencode(), part=cache.CERTIFICATIONS)
        if query is not None
        else None
    )
    return render_shared(request, build, key=key, query=query, partials=True)


def results_page(form: CertificationFilterForm):
    """The page of certifications the form's filters and page number ask for, read."""
    results = form.certifications()
    if "q" not in form.filters():  # a search keeps its own order: best match first
        results = results.order_by("title", "pk")
    try:
        page = Paginator(results, PAGE_SIZE).page(form.page_number)
    except EmptyPage as exc:
        raise Http404("Cette page de résultats n'existe pas.") from exc
    page.object_list = list(page.object_list)
    return page
