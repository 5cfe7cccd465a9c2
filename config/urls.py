from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from home import views as home
from home.sitemaps import SITEMAPS
from opendata import views as opendata
from pathways.urls import certification_urls, skill_urls
from search import views as search

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("robots.txt", home.robots_txt, name="robots"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("metiers/", include("careers.urls")),
    path("comparer/", include("careers.compare_urls")),
    path("", include("orientation.urls")),
    path("certifications/", include(certification_urls)),
    path("competences/", include(skill_urls)),
    path("recherche/", search.search, name="search"),
    path("recherche/suggestions/", search.suggestions, name="search_suggestions"),
    path("api/v1/", include("config.api_urls")),
    path("donnees-ouvertes/", opendata.opendata_page, name="opendata"),
    path("donnees-ouvertes/metiers.csv", opendata.careers_csv, name="opendata_careers_csv"),
    path("donnees-ouvertes/metiers.json", opendata.careers_json, name="opendata_careers_json"),
    path(
        "donnees-ouvertes/certifications.csv",
        opendata.certifications_csv,
        name="opendata_certifications_csv",
    ),
    path(
        "donnees-ouvertes/certifications.json",
        opendata.certifications_json,
        name="opendata_certifications_json",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
