"""The orientation page, the lists it picks from, and "Passer de A à B"."""

from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core import cache
from core.errors import render_error
from core.http import Page, render_shared, swaps_results
from core.opendata import json_list_errors, wants_json

from . import api
from .explanation import ranked_results
from .forms import ProfileForm
from .pickers import constraint_picker, skill_picker
from .ranking import COEFFICIENTS, POOL_SIZE
from .transition import build_transition, find_careers

RESULTS_PER_PAGE = 10


@require_safe
@json_list_errors
def orientation(request):
    form = ProfileForm(request.GET)
    form.is_valid()  # bad values are dropped and named, never fatal
    profile = form.profile()
    if wants_json(request):
        results = ranked_results(profile, page=form.page_number, per_page=RESULTS_PER_PAGE)
        return api.orientation_json(request, form, profile, results)
    profile_url = reverse("orientation:page") + (
        f"?{profile.query_string()}" if not profile.is_empty() else ""
    )

    def build() -> Page:
        results = ranked_results(profile, page=form.page_number, per_page=RESULTS_PER_PAGE)
        notices = form.notices()
        if results.empty_page:
            notices.append(f"La page {form.page_number} n'existe pas : voici la première.")
        context = {
            "form": form,
            "profile": profile,
            "profile_summary": form.profile_summary(profile),
            "profile_url": profile_url,
            "results": results,
            "notices": notices,
            # Called by the template when it shows the form: an htmx update shows only results.
            "pickers": lambda: [skill_picker(form), constraint_picker(form)],
            "weights": form.weight_fields(),
            "coefficients": COEFFICIENTS,
            "pool_size": POOL_SIZE,
            "nav": "orientation",
        }
        # The address stays the profile after an htmx update: not the words typed in a box.
        headers = {"HX-Push-Url": profile_url} if swaps_results(request) else {}
        return Page("orientation/orientation.html", context, not results.empty_page, headers)

    query = form.canonical_query()
    key = cache.key("orientation", query.urlencode()) if query is not None else None
    return render_shared(request, build, key=key, query=query, partials=True)


@require_safe
def choices(request):
    """One list of checkboxes, fetched again by htmx as the reader types in its search box."""
    form = ProfileForm(request.GET)
    form.is_valid()
    pickers = {"competence": skill_picker, "contrainte": constraint_picker}
    build = pickers.get(request.GET.get("liste", ""))
    if build is None:
        raise Http404("Liste inconnue.")
    return render(request, "orientation/includes/choices.html", {"picker": build(form)})


@require_safe
def transition(request, origin, target):
    if origin == target:
        return render_error(
            request,
            400,
            "Deux fois le même métier",
            "Pour préparer un changement de métier, choisissez deux métiers différents.",
        )
    origin_career, target_career = find_careers(origin, target)
    if origin_career is None or target_career is None:
        raise Http404("Un des deux métiers n'existe pas ou n'est plus publié.")

    def build() -> Page:
        context = {"transition": build_transition(origin_career, target_career), "nav": "careers"}
        return Page("orientation/transition.html", context)

    key = cache.key("transition", origin, target)
    return render_shared(request, build, key=key, query=QueryDict())
