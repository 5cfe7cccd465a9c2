"""A certification's page and its JSON twin: what the certification says (certifications app)
and the careers it leads to (careers app), so they live above both."""

from dataclasses import dataclass

from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.views.decorators.http import require_safe

from careers.models import Career
from certifications.api import certification_payload
from certifications.loading import load_page_rows
from certifications.models import COMPONENTS_HEADINGS, Certification
from core import cache
from core.http import Page, may_preview, render_preview, render_shared
from core.opendata import json_response, json_view
from core.redirects import redirect_if_moved
from core.site import absolute_url

# How many careers at the same level a certification page lists before linking to the rest.
CAREERS_SHOWN = 12
# How many competences of a list a bloc shows before "Voir les N autres compétences".
COMPETENCES_SHOWN = 3


@dataclass(frozen=True)
class CareerSample:
    careers: list
    has_more: bool


def careers_by_rome(certification: Certification) -> list:
    """Published careers carrying a ROME code the certification names, by title."""
    codes = [rome.rome_code.code for rome in certification.ordered_romes]
    if not codes:
        return []
    careers = Career.objects.published().answering_to(codes).only("slug", "title")
    return list(careers.order_by("title"))


def careers_at_same_level(certification: Certification):
    """Published careers whose sheet names an education level matching this one, by title."""
    return (
        Career.objects.published()
        .at_level_of(certification)
        .only("slug", "title")
        .order_by("title")
    )


def some_careers_at_same_level(
    certification: Certification, *, exclude=(), limit: int = CAREERS_SHOWN
) -> CareerSample:
    """The first `limit` of them (but those in `exclude`), and whether there are more.

    A level is shared by thousands of careers in a full catalogue: the page shows a
    few and links to the career list filtered on that level.
    """
    careers = careers_at_same_level(certification).exclude(pk__in=[c.pk for c in exclude])
    careers = list(careers[: limit + 1])
    return CareerSample(careers=careers[:limit], has_more=len(careers) > limit)


def certification_for_page(slug: str, *, published: bool = True):
    """The published certification of this slug (with `published=False`, the unpublished one,
    for a staff preview), with all its page shows; None if there is none."""
    certifications = Certification.objects.filter(is_published=published, slug=slug)
    certification = certifications.select_related("dataset").first()
    if certification is not None:
        load_page_rows(certification)
    return certification


@require_safe
def certification_detail(request, slug):
    def build() -> Page | HttpResponse:
        certification = certification_for_page(slug)
        if certification is None:
            return not_published(request, slug)
        return Page(
            "certifications/certification_detail.html", certification_context(certification)
        )

    # The certification's body and the careers it leads to, the same for every visitor.
    key = cache.key("certification", slug)
    return render_shared(request, build, key=key, query=QueryDict())


def not_published(request, slug: str) -> HttpResponse:
    """An unpublished certification's preview for staff allowed to see it; for everyone
    else, a redirect from a former slug or a 404."""
    if may_preview(request, Certification):
        certification = certification_for_page(slug, published=False)
        if certification is not None:
            return render_preview(
                request,
                "certifications/certification_detail.html",
                certification_context(certification),
            )
    return redirect_if_moved(Certification.objects.published(), slug)


def certification_context(certification: Certification) -> dict:
    """What a certification's page shows: the certification and the careers it leads to."""
    by_rome = careers_by_rome(certification)
    return {
        "nav": "certifications",
        "certification": certification,
        "components_heading": COMPONENTS_HEADINGS[certification.kind],
        "competences_shown": COMPETENCES_SHOWN,
        "competence_names": ("compétence", "compétences"),
        "careers_by_rome": by_rome,
        "careers_at_same_level": some_careers_at_same_level(certification, exclude=by_rome),
        "json_ld": credential_json_ld(
            certification, absolute_url(certification.get_absolute_url())
        ),
    }


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


@json_view
def certification_detail_json(request, slug):
    """`/certifications/<slug>.json` and `/api/v1/certifications/<slug>/`."""
    certification = certification_for_page(slug)
    if certification is None:
        name = "api:certification" if request.path.startswith("/api/") else "certifications:json"
        return redirect_if_moved(
            Certification.objects.published(),
            slug,
            url_of=lambda moved: reverse(name, args=[moved.slug]),
        )

    def links(careers) -> list[dict]:
        return [
            {
                "slug": career.slug,
                "title": career.title,
                "url": absolute_url(career.get_absolute_url()),
            }
            for career in careers
        ]

    return json_response(
        {
            **certification_payload(certification),
            "careers_by_rome": links(careers_by_rome(certification)),
            "careers_at_same_level": links(careers_at_same_level(certification)),
        }
    )
