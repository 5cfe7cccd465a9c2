"""The French error pages: Django's handlers, and views refusing a request.

An address that serves JSON (the API under /api/, a page's twin ending in .json)
gets its errors as JSON too, `{"error": {"status", "message"}}` like the API's own:
a client reading JSON never has to parse an HTML page.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

from .opendata import API_PREFIX, json_error

# How long a client should wait before asking again when the database is unavailable (s).
RETRY_AFTER = 30


def answers_json(request) -> bool:
    # The path only: a 400 may come from a query string Django refused to parse.
    return request.path.startswith(API_PREFIX) or request.path.endswith(".json")


def render_error(request, status: int, title: str, message: str, detail: str = ""):
    """The French error page, for the handlers below and for views refusing a request."""
    if answers_json(request):
        return json_error(status, f"{message} {detail}".strip())
    context = {"status": status, "title": title, "message": message, "detail": detail}
    return render(request, "error.html", context, status=status)


def render_missing(request, title: str, message: str, missing) -> HttpResponse:
    """A 404 that names each item of a selection not found (« a », « b »)."""
    detail = "Introuvable : " + ", ".join(f"« {item} »" for item in missing) + "."
    return render_error(request, 404, title, message, detail)


def bad_request(request, exception=None):
    return render_error(request, 400, "Requête incorrecte", "La demande n'a pas pu être comprise.")


def permission_denied(request, exception=None):
    return render_error(request, 403, "Accès refusé", "Vous n'avez pas accès à cette page.")


def page_not_found(request, exception=None):
    return render_error(
        request, 404, "Page introuvable", "Cette page n'existe pas ou a été déplacée."
    )


def method_not_allowed(request):
    return render_error(
        request,
        405,
        "Action impossible sur cette page",
        "Cette page se consulte seulement : suivez un lien ou utilisez les formulaires du site.",
    )


def csrf_failure(request, reason=""):
    return render_error(
        request,
        403,
        "Formulaire expiré",
        "Le formulaire n'a pas pu être vérifié. Rechargez la page puis renvoyez-le ; "
        "si le problème continue, acceptez les cookies de ce site.",
    )


def server_error(request):
    if answers_json(request):
        return json_error(500, "Erreur du serveur : réessayez dans quelques instants.")
    # No database, no context processors: the error may come from either.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def service_unavailable(request):
    """The database cannot be reached: a 503 that says to come back, rendered without it."""
    if answers_json(request):
        response = json_error(
            503, "Service momentanément indisponible : réessayez dans quelques instants."
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
