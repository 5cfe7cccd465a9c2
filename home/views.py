"""Site-wide pages: home, health check and robots.txt."""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from careers.models import Career
from certifications.models import Certification
from core import cache
from core.http import Page, render_shared
from core.opendata import json_response
from core.site import absolute_url
from skills.models import Skill

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    def build() -> Page:
        context = {
            "career_count": Career.objects.published().count(),
            "certification_count": Certification.objects.published().count(),
            "skill_count": Skill.objects.count(),
        }
        return Page("home.html", context)

    # One page whatever the query string: the home page reads none.
    return render_shared(request, build, key=cache.key("home"), query=QueryDict())


@never_cache
@require_safe
def healthz(request):
    """For probes: 200 when the careers' table answers a query, 503 otherwise.

    A table of the project, not `SELECT 1`: a SQLite file that is gone
    comes back empty (SQLite creates it on connect) and a database never migrated
    answers `SELECT 1` as well as a good one. Which error, not its text: the text
    may name hosts or paths, and the log has it.
    """
    try:
        Career.objects.exists()
    except DatabaseError as error:
        logger.error("Santé : base de données inutilisable", exc_info=error)
        return json_response(
            {"status": "error", "database": f"inutilisable ({type(error).__name__})"},
            status=503,
        )
    return json_response({"status": "ok", "database": "ok"})


@cache_control(max_age=86400, public=True)
@require_safe
def robots_txt(request):
    sitemap = absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comparer/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
