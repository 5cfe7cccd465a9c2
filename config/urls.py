from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from careers import api as careers_api
from certifications import api as certifications_api

from . import opendata, search, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("metiers/", include("careers.urls")),
    path("comparer/", include("careers.compare_urls")),
    path("certifications/", include("certifications.urls")),
    path("competences/", include("skills.urls")),
    path("recherche/", search.search, name="search"),
    path("recherche/suggestions/", search.suggestions, name="search_suggestions"),
    path("api/v1/", include("config.api_urls")),
    path("donnees-ouvertes/", opendata.opendata_page, name="opendata"),
    path("donnees-ouvertes/metiers.csv", careers_api.catalogue_csv, name="opendata_careers_csv"),
    path("donnees-ouvertes/metiers.json", careers_api.catalogue_json, name="opendata_careers_json"),
    path(
        "donnees-ouvertes/certifications.csv",
        certifications_api.catalogue_csv,
        name="opendata_certifications_csv",
    ),
    path(
        "donnees-ouvertes/certifications.json",
        certifications_api.catalogue_json,
        name="opendata_certifications_json",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
