"""The "Données ouvertes" page and the whole catalogue as CSV and JSON downloads.

The files are streamed (StreamingHttpResponse, CHUNK_SIZE rows a query): 10 000
sheets never sit in memory at once. Rows and items come from each app's own
builders (careers.api, certifications.api).
"""

from django.db.models import Count, Max, Q
from django.http import QueryDict
from django.urls import reverse
from django.views.decorators.http import require_safe

from careers import api as careers_api
from careers.models import Career
from certifications import api as certifications_api
from certifications.models import Certification
from core import cache
from core.http import Page, render_shared
from core.models import Dataset
from core.opendata import CHUNK_SIZE, LICENCE, csv_download, json_download
from core.site import absolute_url


def data_date():
    """When the catalogue last changed: the latest update of a published career."""
    return Career.objects.published().aggregate(latest=Max("updated_at"))["latest"]


def catalogue_head() -> dict:
    return {
        "licence": LICENCE,
        "source": absolute_url(reverse("opendata")),
        "data_date": data_date(),
    }


@require_safe
def opendata_page(request):
    def build() -> Page:
        datasets = Dataset.objects.annotate(
            career_count=Count("careers", filter=Q(careers__is_published=True), distinct=True),
            certification_count=Count(
                "certifications", filter=Q(certifications__is_published=True), distinct=True
            ),
        )
        context = {
            "licence": LICENCE,
            "data_date": data_date(),
            "career_count": Career.objects.published().count(),
            "certification_count": Certification.objects.published().count(),
            "datasets": datasets,
        }
        return Page("opendata.html", context)

    return render_shared(request, build, key=cache.key("opendata"), query=QueryDict())


@require_safe
def careers_csv(request):
    rows = careers_api.catalogue_rows(chunk_size=CHUNK_SIZE)
    return csv_download(careers_api.CATALOGUE_COLUMNS, rows, "metiers.csv")


@require_safe
def careers_json(request):
    items = careers_api.catalogue_items(chunk_size=CHUNK_SIZE)
    return json_download(catalogue_head(), "careers", items, "metiers.json")


@require_safe
def certifications_csv(request):
    rows = certifications_api.catalogue_rows(chunk_size=CHUNK_SIZE)
    return csv_download(certifications_api.CATALOGUE_COLUMNS, rows, "certifications.csv")


@require_safe
def certifications_json(request):
    items = certifications_api.catalogue_items(chunk_size=CHUNK_SIZE)
    return json_download(catalogue_head(), "certifications", items, "certifications.json")
