from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core import cache
from core.http import may_preview, render_list, render_preview, render_shared
from core.opendata import json_list_errors, wants_json
from core.redirects import redirect_if_moved
from core.site import absolute_url

from . import api, sheet
from .forms import CareerFilterForm
from .models import Career
from .tray import is_personalised

CAREERS_PER_PAGE = 20


@require_safe
@json_list_errors
def career_list(request):
    form = CareerFilterForm(request.GET)
    form.is_valid()  # invalid parameters are dropped and reported, never fatal
    active_filters = form.active_filters()
    careers = Career.objects.published().filter_by(**form.filters())
    if active_filters:
        careers = careers.pinned()  # the page, its count and the facets ask of one set
    paginator = Paginator(careers.sort_by(form.sort).for_cards(), CAREERS_PER_PAGE)
    try:
        page = paginator.page(form.page_number)
    except EmptyPage as exc:
        raise Http404("Cette page de résultats n'existe pas.") from exc
    if wants_json(request):
        return api.career_list_json(request, page, notices=form.notices())
    skill_facets, education_facets = careers.facet_counts(whole_catalogue=not active_filters)
    if group := swapped_facet_group(request, form, skill_facets):
        return render_list(request, "careers/career_list.html#facet-group", {"group": group})
    context = {
        "form": form,
        "page_obj": page,
        "notices": form.notices(),
        "active_filters": active_filters,
        "facet_groups": form.facet_groups(skill_facets),
        "education_options": form.education_options(education_facets),
        "nav": "careers",
    }
    return render_list(request, "careers/career_list.html", context)


def swapped_facet_group(request, form: CareerFilterForm, skill_facets: list[dict]) -> dict | None:
    """The facet group that htmx asks for alone ("Afficher tout"), if it does."""
    if not request.htmx or request.htmx.history_restore_request:
        return None
    return next(
        (
            group
            for group in form.facet_groups(skill_facets)
            if request.htmx.target == f"facet-{group['param']}"
        ),
        None,
    )


@require_safe
def career_detail(request, slug):
    url = absolute_url(request.path)
    version = cache.catalogue_version()

    def get_context():
        career = get_object_or_404(Career.objects.published().for_sheet_page(), slug=slug)
        return {
            "career": career,
            "sheet": sheet.rendered_sheet(career, url, version=version),
            "canonical_url": url,
            "nav": "careers",
        }

    # No query when the page is cached: its key is the catalogue's version, and an
    # unknown slug raises 404 before anything is stored.
    try:
        return render_shared(
            request,
            "careers/career_detail.html",
            get_context,
            key=cache.key("sheet-page", slug, url, version=version),
            timeout=cache.PAGE_TIMEOUT,
            personalised=is_personalised(request),
        )
    except Http404:
        unpublished = Career.objects.filter(is_published=False, slug=slug).select_related("dataset")
        if may_preview(request, Career) and (career := unpublished.first()) is not None:
            context = {
                "career": career,
                "sheet": sheet.sheet_preview(career, url),
                "canonical_url": url,
                "nav": "careers",
            }
            return render_preview(request, "careers/career_detail.html", context)
        return redirect_if_moved(Career.objects.published(), slug)
