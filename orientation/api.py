"""The ranking as data: the page's JSON twin (`/orientation/?…&format=json`) and
`/api/v1/orientation/`, with the same explanation fields as the page.

Keys are English snake_case and documented in the README ("Trouver mon métier").
"""

from django.urls import reverse

from careers.api import certification_link
from core.opendata import MAX_PAGE_SIZE, ApiError, json_response, json_view, positive_int
from core.site import absolute_url

from .explanation import Fit, Results, ranked_results
from .forms import Profile, ProfileForm
from .ranking import COEFFICIENTS, POOL_SIZE


def _item(item) -> dict:
    return {
        "slug": item.slug,
        "name": item.name,
        "kind": item.kind,
        "url": absolute_url(reverse("skills:detail", args=[item.slug])),
    }


def _use(use) -> dict:
    return {
        "slug": use.slug,
        "name": use.name,
        "kind": use.kind,
        "importance": use.importance,
        "score": use.score,
    }


def fit_payload(fit: Fit) -> dict:
    career = fit.career
    salary = None
    if fit.starting_salary:
        salary = {"min_eur": fit.starting_salary[0], "max_eur": fit.starting_salary[1]}
    return {
        "slug": career.slug,
        "title": career.title,
        "url": absolute_url(career.get_absolute_url()),
        "score": fit.score,
        "criteria": [
            {
                "key": criterion.key,
                "label": criterion.label,
                "coefficient": criterion.coefficient,
                "points": criterion.points,
                "detail": criterion.detail,
            }
            for criterion in fit.criteria
        ],
        "skills_used": [_use(use) for use in fit.used],
        "to_acquire": [_use(use) for use in fit.to_acquire],
        "to_acquire_more": fit.to_acquire_more,
        "avoided_present": [_item(item) for item in fit.avoided_present],
        "not_compared": [_item(item) for item in fit.not_compared],
        "fulfilment": [
            {
                "dimension": row.dimension,
                "label": row.label,
                "weight": row.weight,
                "percent": row.percent,
            }
            for row in fit.fulfilment
        ],
        "first_level_bac_plus": fit.first_level,
        "starting_salary": salary,
        "certifications_by_rome": [certification_link(item) for item in fit.certifications.by_rome],
        "certifications_at_level": [
            certification_link(item) for item in fit.certifications.at_level
        ],
    }


def profile_payload(profile: Profile) -> dict:
    return {
        "skills": [_item(item) for item in profile.skills],
        "avoided": [_item(item) for item in profile.avoided],
        "weights": profile.weights,
        "level_bac_plus": profile.level,
        "min_salary_eur": profile.min_salary,
    }


def orientation_payload(request, form: ProfileForm, profile: Profile, results: Results) -> dict:
    def url(number: int) -> str:
        params = request.GET.copy()
        params["page"] = number
        return absolute_url(f"{request.path}?{params.urlencode()}")

    return {
        "profile": profile_payload(profile),
        "ignored_parameters": form.notices(),
        "formula": {
            "coefficients": COEFFICIENTS,
            "pool_size": POOL_SIZE,
            "explanation_url": absolute_url(reverse("orientation:page")) + "#calcul",
        },
        "count": results.total,
        "pooled": results.pooled,
        "page": results.page,
        "num_pages": results.num_pages,
        "next": url(results.page + 1) if results.has_next else None,
        "previous": url(results.page - 1) if results.has_previous else None,
        "results": [fit_payload(fit) for fit in results.fits],
    }


def orientation_json(request, form, profile, results):
    return json_response(orientation_payload(request, form, profile, results))


@json_view
def api_orientation(request):
    """The page's query string, with `page` and `page_size` as everywhere in the API."""
    size = positive_int(request, "page_size", 10)
    if size > MAX_PAGE_SIZE:
        raise ApiError(400, f"« page_size » vaut au plus {MAX_PAGE_SIZE}.")
    page = positive_int(request, "page", 1)
    form = ProfileForm(request.GET)
    form.is_valid()
    profile = form.profile()
    results = ranked_results(profile, page=page, per_page=size)
    if results.empty_page:
        raise ApiError(404, f"La page {page} n'existe pas.")
    return orientation_json(request, form, profile, results)
