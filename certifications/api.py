"""Certifications as data: the JSON twin of a certification page, the list and the API, CSV.

Keys are English snake_case and documented in the README ("Données ouvertes");
every key is always present, empty ("" or null or []) where the source is silent.
"""

from django.urls import reverse

from core.opendata import (
    LIST_JOINER,
    api_page,
    json_response,
    json_view,
    page_payload,
    source_payload,
)
from core.site import absolute_url

from .forms import CertificationFilterForm
from .models import COMPETENCE_GROUP_HEADINGS, COMPONENTS_HEADINGS, Certification


def _links(certification: Certification) -> dict:
    slug = certification.slug
    return {
        "url": absolute_url(certification.get_absolute_url()),
        "json_url": absolute_url(reverse("certifications:json", args=[slug])),
        "api_url": absolute_url(reverse("api:certification", args=[slug])),
        "official_url": certification.official_reference_url,
    }


def _codes(certification: Certification) -> dict:
    """NSF and ROME codes, for a certification loaded `with_codes()`."""
    return {
        "nsf_codes": [
            {"code": nsf.code, "label": nsf.label} for nsf in certification.nsf_codes.all()
        ],
        "rome_codes": [
            {"code": rome.rome_code.code, "label": rome.label or rome.rome_code.label}
            for rome in certification.ordered_romes
        ],
    }


def _identity(certification: Certification) -> dict:
    return {
        "slug": certification.slug,
        "kind": certification.kind,
        "kind_label": certification.get_kind_display(),
        "code": certification.code,
        "title": certification.title,
        "alternative_title": certification.alternative_title,
        "level": certification.level,
        "level_label": certification.level_label,
        "certifying_body": certification.certifying_body,
        "is_active": certification.is_active,
    }


def _competence(competence, *, with_children: bool) -> dict:
    data = {"code": competence.code, "text": competence.text}
    if with_children:
        data["children"] = [
            _competence(child, with_children=False) for child in competence.ordered_children
        ]
    return data


def _component(component) -> dict:
    groups = [
        (kind, heading, [c for c in component.top_competences if c.kind == kind])
        for kind, heading in COMPETENCE_GROUP_HEADINGS
    ]
    return {
        "label": component.label,
        "code": component.code,
        "title": component.title,
        "description": component.description,
        "competence_groups": [
            {
                "kind": kind,
                "heading": heading,
                "competences": [_competence(c, with_children=True) for c in competences],
            }
            for kind, heading, competences in groups
            if competences
        ],
        "evaluation": component.evaluation,
    }


def _activity(activity) -> dict:
    return {
        "code": activity.code,
        "title": activity.title,
        "tasks": [{"code": task.code, "title": task.title} for task in activity.ordered_tasks],
        "context": activity.context,
        "information": activity.information,
        "equipment": activity.equipment,
        "contacts": activity.contacts,
        "results": activity.results,
        "units": [
            {"label": unit.label, "code": unit.code, "title": unit.title}
            for unit in activity.ordered_units
        ],
    }


def certification_payload(certification: Certification) -> dict:
    """What the certification itself says, in the page's order, for one `with_page_content()`.

    The page's JSON twin adds the careers it leads to (pathways.api); the
    catalogue dump leaves these derived links out.
    """
    return {
        **_identity(certification),
        **_links(certification),
        **_codes(certification),
        "source": source_payload(certification.dataset),
        "summary": certification.summary,
        "components_heading": COMPONENTS_HEADINGS[certification.kind],
        "components": [_component(c) for c in certification.ordered_components],
        "activities": [_activity(a) for a in certification.ordered_activities],
        "sections": [
            {"heading": section.heading, "body": section.body}
            for section in certification.ordered_sections
        ],
    }


def certification_summary(certification: Certification) -> dict:
    """A list card, for a certification loaded `with_codes()`."""
    return {**_identity(certification), **_links(certification), **_codes(certification)}


# --- Views ------------------------------------------------------------------------------------


def certification_list_json(request, page, *, notices: list[str]):
    """The list page's twin (`?format=json`), from the page the list view built."""
    results = [certification_summary(c) for c in page.object_list]
    return json_response(page_payload(request, page, results, ignored_parameters=notices))


@json_view
def api_certification_list(request):
    """The list's filters (same query string as /certifications/), `page` and `page_size`."""
    form = CertificationFilterForm(request.GET)
    form.is_valid()
    results = form.certifications().with_codes().order_by("title", "pk")
    page = api_page(request, results)
    return certification_list_json(request, page, notices=form.notices())


# --- The whole catalogue, for the open-data downloads -----------------------------------------


def _published_pages(chunk_size: int):
    # iterator() with a chunk size runs the page's prefetches once per chunk.
    return (
        Certification.objects.published()
        .select_related("dataset")
        .order_by("title", "pk")
        .with_page_content()
        .iterator(chunk_size)
    )


def catalogue_items(*, chunk_size: int):
    for certification in _published_pages(chunk_size):
        yield certification_payload(certification)


CATALOGUE_COLUMNS = [
    "slug",
    "kind",
    "code",
    "title",
    "alternative_title",
    "level",
    "level_label",
    "certifying_body",
    "is_active",
    "source",
    "nsf_codes",
    "rome_codes",
    "components",
    "summary",
    "url",
    "official_url",
]


def _catalogue_row(certification: Certification) -> list:
    codes = _codes(certification)
    return [
        certification.slug,
        certification.kind,
        certification.code,
        certification.title,
        certification.alternative_title,
        "" if certification.level is None else certification.level,
        certification.level_label,
        certification.certifying_body,
        "oui" if certification.is_active else "non",
        str(certification.dataset or ""),
        LIST_JOINER.join(f"{nsf['code']} {nsf['label']}".strip() for nsf in codes["nsf_codes"]),
        LIST_JOINER.join(f"{rome['code']} {rome['label']}".strip() for rome in codes["rome_codes"]),
        LIST_JOINER.join(
            f"{c.label} : {c.title}" if c.label else c.title
            for c in certification.ordered_components
        ),
        certification.summary,
        absolute_url(certification.get_absolute_url()),
        certification.official_reference_url,
    ]


def catalogue_rows(*, chunk_size: int):
    for certification in _published_pages(chunk_size):
        yield _catalogue_row(certification)
