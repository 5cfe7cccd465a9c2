"""The orientation page, the lists it picks from, and "Passer de A à B"."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from core.errors import render_error
from core.http import render_list
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
    results = ranked_results(profile, page=form.page_number, per_page=RESULTS_PER_PAGE)
    if wants_json(request):
        return api.orientation_json(request, form, profile, results)
    notices = form.notices()
    if results.empty_page:
        notices.append(f"La page {form.page_number} n'existe pas : voici la première.")
    profile_url = reverse("orientation:page") + (
        f"?{profile.query_string()}" if not profile.is_empty() else ""
    )
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
    response = render_list(request, "orientation/orientation.html", context)
    if request.htmx:
        # The address stays the profile: not the words typed in a search box.
        push_url(response, profile_url)
    return response


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
    context = {"transition": build_transition(origin_career, target_career), "nav": "careers"}
    return render(request, "orientation/transition.html", context)
