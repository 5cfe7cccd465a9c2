"""The French error pages: Django's handlers, and views refusing a request."""

from django.http import HttpResponse
from django.shortcuts import render


def render_error(request, status: int, title: str, message: str, detail: str = ""):
    """The French error page, for the handlers below and for views refusing a request."""
    context = {"status": status, "title": title, "message": message, "detail": detail}
    return render(request, "error.html", context, status=status)


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
    # No database, no context processors: the error may come from either.
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render(), status=500)
