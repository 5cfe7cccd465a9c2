"""Site-wide pages: home, health check and robots.txt."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from careers.models import Career
from certifications.models import Certification
from core.site import absolute_url
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
    sitemap = absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comparer/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
