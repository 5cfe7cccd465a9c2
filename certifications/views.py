"""The certification list (a certification's own page, which names careers, is pathways')."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.views.decorators.http import require_safe

from core.http import render_list
from core.opendata import json_list_errors, wants_json

from . import api
from .forms import CertificationFilterForm
from .models import EUROPEAN_LEVELS, CertificationKind

PAGE_SIZE = 20


@require_safe
@json_list_errors
def certification_list(request):
    form = CertificationFilterForm(request.GET)
    form.is_valid()  # invalid parameters are dropped and reported, never fatal
    filters = form.filters()
    kind_counts = form.certifications(leave_out="type").kind_counts()
    level_counts = form.certifications(leave_out="niveau").level_counts()
    results = form.certifications().with_codes()
    if "q" not in filters:  # a search keeps its own order: best match first
        results = results.order_by("title", "pk")
    try:
        page = Paginator(results, PAGE_SIZE).page(form.page_number)
    except EmptyPage as exc:
        raise Http404("Cette page de résultats n'existe pas.") from exc
    if wants_json(request):
        return api.certification_list_json(request, page, notices=form.notices())
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
    return render_list(request, "certifications/certification_list.html", context)
