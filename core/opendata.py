"""Open data: the plumbing shared by the JSON twins, the read-only API and the downloads.

Payloads are plain dicts built by small functions (careers/api.py,
certifications/api.py, pathways/api.py): they are small and flat enough that
Django's JsonResponse does the job without a serialisation framework.
"""

import csv
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from functools import wraps

from django.core.paginator import EmptyPage, Page, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse

from .site import absolute_url

API_PREFIX = "/api/"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Rows fetched per query when streaming the catalogue: memory stays flat at any size.
CHUNK_SIZE = 200

# The licence under which the site publishes its own data (a product decision).
LICENCE = {
    "name": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}

# French spreadsheet software expects ";" (the comma is the decimal separator) and
# reads UTF-8 accents only when the file starts with a byte order mark.
CSV_DELIMITER = ";"
BOM = "\ufeff"
# Several values in one CSV cell.
LIST_JOINER = " | "


# --- JSON --------------------------------------------------------------------------------------


def json_response(data: dict, *, status: int = 200) -> JsonResponse:
    # Accents stay readable; JSON is UTF-8 by definition.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def json_error(status: int, message: str) -> JsonResponse:
    return json_response({"error": {"status": status, "message": message}}, status=status)


class ApiError(Exception):
    """A client mistake the API answers with a JSON error of this status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def wants_json(request) -> bool:
    """`?format=json` on an HTML list asks for its machine-readable twin."""
    return request.GET.get("format") == "json"


def json_view(view: Callable) -> Callable:
    """A read-only JSON view: GET, HEAD and OPTIONS only, every error as JSON."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        if request.method not in SAFE_METHODS:
            response = json_error(405, "Interface en lecture seule : GET, HEAD ou OPTIONS.")
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return json_error(error.status, error.message)
        except Http404:
            return json_error(404, "Ressource introuvable.")

    return wrapper


def json_list_errors(view: Callable) -> Callable:
    """An HTML list whose `?format=json` twin answers its 404 in JSON too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if wants_json(request):
                return json_error(404, "Cette page de résultats n'existe pas.")
            raise

    return wrapper


class ApiCorsMiddleware:
    """`Access-Control-Allow-Origin: *` on the API's GET/HEAD/OPTIONS responses, nothing else.

    Listed before ConditionalGetMiddleware so that the 304 it builds carries
    the header too. One header on one read-only prefix: no library needed.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX) and request.method in SAFE_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag"
            if request.method == "OPTIONS":
                response["Access-Control-Allow-Methods"] = ", ".join(SAFE_METHODS)
                response["Access-Control-Allow-Headers"] = "If-None-Match"
                response["Access-Control-Max-Age"] = "86400"
        return response


# --- Pagination ------------------------------------------------------------------------------


def positive_int(request, name: str, default: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    # ASCII digits only ("²" is a digit to str.isdigit, not to int()); more than
    # nine digits is no page anyone has, and past 4300 int() refuses to convert.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise ApiError(400, f"« {name} » doit être un entier positif, pas « {raw} ».")
    return int(raw)


def api_page(request, queryset) -> Page:
    """The page `?page=&page_size=` asks for: 400 on a bad value, 404 past the last page."""
    size = positive_int(request, "page_size", DEFAULT_PAGE_SIZE)
    if size > MAX_PAGE_SIZE:
        raise ApiError(400, f"« page_size » vaut au plus {MAX_PAGE_SIZE}.")
    number = positive_int(request, "page", 1)
    try:
        return Paginator(queryset, size).page(number)
    except EmptyPage as exc:
        raise ApiError(404, f"La page {number} n'existe pas.") from exc


def page_payload(request, page: Page, results: list[dict], **extra) -> dict:
    """A page of results with its count and the absolute URLs of its neighbours."""

    def url(number: int) -> str:
        params = request.GET.copy()
        params["page"] = number
        return absolute_url(f"{request.path}?{params.urlencode()}")

    return {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "next": url(page.next_page_number()) if page.has_next() else None,
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        **extra,
        "results": results,
    }


@json_view
def api_not_found(request, path=""):
    raise Http404


# --- Streamed downloads ----------------------------------------------------------------------


class _Echo:
    """A file-like object whose write returns the line: csv.writer without a buffer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterable[str]:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def started(items: Iterable) -> Iterator:
    """`items`, its first element already drawn: the first query runs now, in the view.

    A download whose database is unavailable then fails before the response
    starts, with an error status (core.middleware.DatabaseUnavailableMiddleware),
    instead of a 200 whose file stops after its header.
    """
    iterator = iter(items)
    return itertools.chain(list(itertools.islice(iterator, 1)), iterator)


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(header: list[str], rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(header, started(rows)), content_type="text/csv; charset=utf-8"
    )
    return attachment(response, filename)


def json_lines(head: dict, key: str, items: Iterable[dict]) -> Iterable[str]:
    """`{**head, key: [items…]}` written item by item."""
    opening = json.dumps(head, ensure_ascii=False, cls=DjangoJSONEncoder)
    yield opening[:-1] + (", " if head else "") + json.dumps(key) + ": ["
    for index, item in enumerate(items):
        separator = ",\n" if index else "\n"
        yield separator + json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder)
    yield "\n]}\n"


def json_download(head: dict, key: str, items: Iterable[dict], filename: str):
    response = StreamingHttpResponse(
        json_lines(head, key, started(items)), content_type="application/json; charset=utf-8"
    )
    return attachment(response, filename)


def source_payload(dataset) -> dict | None:
    """Where an imported record comes from (core.Dataset), or None for the site's own."""
    if dataset is None:
        return None
    return {
        "publisher": dataset.publisher,
        "title": dataset.title,
        "version": dataset.version,
        "licence": dataset.licence,
        "licence_url": dataset.licence_url,
        "url": dataset.url,
        "imported_at": dataset.imported_at,
    }
