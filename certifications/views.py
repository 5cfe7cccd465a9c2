from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from config.http import render_list
from config.opendata import wants_json

from . import api
from .forms import CertificationFilterForm
from .models import EUROPEAN_LEVELS, Certification, CertificationKind

PAGE_SIZE = 20

# What each kind calls its parts.
COMPONENTS_HEADINGS = {
    CertificationKind.RNCP: "Blocs de compétences",
    CertificationKind.TP: "Certificats de compétences professionnelles (CCP)",
    CertificationKind.ERASMUS: "Unités de compétences",
}

# Query-string parameter → the CertificationQuerySet method that applies it.
FILTER_METHODS = {
    "q": "search",
    "type": "of_kind",
    "niveau": "at_level",
    "nsf": "with_nsf",
    "rome": "with_rome",
}


def filtered_certifications(filters: dict, *, leave_out: str = ""):
    """Published certifications matching `filters`, except the one named `leave_out`.

    A facet counts without its own filter, so each option shows what choosing it gives.
    """
    qs = Certification.objects.published()
    for name, value in filters.items():
        if name != leave_out:
            qs = getattr(qs, FILTER_METHODS[name])(value)
    return qs


@require_safe
def certification_list(request):
    form = CertificationFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    kind_counts = filtered_certifications(filters, leave_out="type").kind_counts()
    level_counts = filtered_certifications(filters, leave_out="niveau").level_counts()
    results = filtered_certifications(filters).with_codes()
    if "q" not in filters:  # a search keeps its own order: best match first
        results = results.order_by("title", "pk")
    page = Paginator(results, PAGE_SIZE).get_page(form.cleaned_data.get("page"))
    if wants_json(request):
        return api.certification_list_json(request, page, ignored=form.ignored())
    context = {
        "nav": "certifications",
        "form": form,
        "filters": filters,
        "ignored": form.ignored(),
        "page": page,
        "kind_facets": [
            (kind, label, kind_counts[kind]) for kind, label in CertificationKind.choices
        ],
        "level_facets": [
            (level, level_counts[level]) for level in EUROPEAN_LEVELS if level_counts[level]
        ],
    }
    return render_list(request, "certifications/certification_list.html", context)


@require_safe
def certification_detail(request, slug):
    certification = get_object_or_404(
        Certification.objects.published().with_page_content(), slug=slug
    )
    context = {
        "nav": "certifications",
        "certification": certification,
        "components_heading": COMPONENTS_HEADINGS[certification.kind],
        "careers_at_same_level": certification.some_careers_at_same_level(),
        "json_ld": credential_json_ld(
            certification, request.build_absolute_uri(certification.get_absolute_url())
        ),
    }
    return render(request, "certifications/certification_detail.html", context)


def credential_json_ld(certification: Certification, url: str) -> dict:
    """schema.org EducationalOccupationalCredential, with only what the source states."""
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "name": certification.title,
        "url": url,
        "credentialCategory": certification.get_kind_display(),
    }
    if certification.alternative_title:
        data["alternateName"] = certification.alternative_title
    if certification.code:
        data["identifier"] = certification.code
    if certification.level_label:
        data["educationalLevel"] = certification.level_label
    elif certification.level:
        data["educationalLevel"] = f"Niveau {certification.level} (cadre européen)"
    if certification.certifying_body:
        data["recognizedBy"] = {"@type": "Organization", "name": certification.certifying_body}
    return data
