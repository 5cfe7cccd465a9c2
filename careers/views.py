from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core import cache
from core.http import Page, may_preview, render_preview, render_shared, swaps_results
from core.opendata import json_list_errors, wants_json
from core.redirects import redirect_if_moved
from core.site import absolute_url

from . import api, sheet
from .forms import SKILL_PARAMS, CareerFilterForm
from .loading import load_card_rows
from .models import Career

CAREERS_PER_PAGE = 20


@require_safe
@json_list_errors
def career_list(request):
    form = CareerFilterForm(request.GET)
    form.is_valid()  # invalid parameters are dropped and reported, never fatal
    if wants_json(request):
        _, page = filtered_page(form)
        return api.career_list_json(request, page, notices=form.notices())
    query = form.canonical_query()
    facet = swapped_facet_param(request)

    def build() -> Page:
        careers, page = filtered_page(form)
        active_filters = form.active_filters()
        skill_facets, education_facets = careers.facet_counts(whole_catalogue=not active_filters)
        groups = form.facet_groups(skill_facets)
        if facet:
            group = next(group for group in groups if group["param"] == facet)
            return Page("careers/career_list.html#facet-group", {"group": group})
        context = {
            "form": form,
            "page_obj": page,
            "notices": form.notices(),
            "active_filters": active_filters,
            "facet_groups": groups,
            "education_options": form.education_options(education_facets),
            "nav": "careers",
        }
        # A search that finds nothing is not kept: any word would make a key.
        stored = page.paginator.count > 0 or not form.value("q")
        return Page("careers/career_list.html", context, store=stored)

    key = cache.key("career-list", query.urlencode()) if query is not None else None
    return render_shared(request, build, key=key, query=query, partials=True, variant=facet)


def filtered_page(form: CareerFilterForm):
    """(the careers the form's filters keep, the page of them it asks for)."""
    careers = Career.objects.published().filter_by(**form.filters())
    if form.active_filters():
        careers = careers.pinned()  # the page, its count and the facets ask of one set
    paginator = Paginator(careers.sort_by(form.sort).card_columns(), CAREERS_PER_PAGE)
    pinned_ids = getattr(careers, "pinned_ids", None)
    if pinned_ids is not None:
        paginator.count = len(pinned_ids)  # the set, in hand: no COUNT to ask
    try:
        page = paginator.page(form.page_number)
    except EmptyPage as exc:
        raise Http404("Cette page de résultats n'existe pas.") from exc
    page.object_list = list(page.object_list)
    load_card_rows(page.object_list, at_most=CAREERS_PER_PAGE)
    return careers, page


def swapped_facet_param(request) -> str:
    """The skill facet group htmx asks for alone ("Afficher tout"), if it does: its
    parameter ("soft"), read from HX-Target among the groups there are."""
    if not swaps_results(request):
        return ""
    return next((param for param in SKILL_PARAMS if request.htmx.target == f"facet-{param}"), "")


@require_safe
def career_detail(request, slug):
    url = absolute_url(request.path)

    def build() -> Page:
        career = get_object_or_404(Career.objects.published().for_sheet_page(), slug=slug)
        context = {**sheet.sheet_context(career, url), "canonical_url": url, "nav": "careers"}
        return Page("careers/career_detail.html", context)

    # One query when the page is cached: the catalogue's version, in its key. An unknown
    # slug raises 404 before anything is stored.
    try:
        return render_shared(request, build, key=cache.key("sheet-page", slug, url))
    except Http404:
        unpublished = Career.objects.filter(is_published=False, slug=slug).for_sheet_page()
        if may_preview(request, Career) and (career := unpublished.first()) is not None:
            context = {**sheet.sheet_context(career, url), "canonical_url": url, "nav": "careers"}
            return render_preview(request, "careers/career_detail.html", context)
        return redirect_if_moved(Career.objects.published(), slug)
