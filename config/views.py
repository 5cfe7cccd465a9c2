"""Site-wide pages: home, health check, robots.txt and the French error pages."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from careers.models import Career
from certifications.models import Certification
from skills.models import Skill


@require_safe
def home(request):
    context = {
        "career_count": Career.objects.published().count(),
        "certification_count": Certification.objects.published().count(),
        "skill_count": Skill.objects.count(),
    }
    return render(request, "home.html", context)


@never_cache
@require_safe
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@cache_control(max_age=86400, public=True)
@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comparer/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


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
