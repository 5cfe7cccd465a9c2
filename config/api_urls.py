"""The read-only API, version 1: `/api/v1/…`. A breaking change gets a new prefix."""

from django.urls import path, re_path

from careers import api as careers_api
from certifications import api as certifications_api
from core.opendata import api_not_found
from orientation import api as orientation_api
from pathways import certifications as certification_pages
from pathways import skills as skill_pages

app_name = "api"
urlpatterns = [
    path("metiers/", careers_api.api_career_list, name="careers"),
    path("metiers/<slug:slug>/", careers_api.career_detail_json, name="career"),
    path("certifications/", certifications_api.api_certification_list, name="certifications"),
    path(
        "certifications/<slug:slug>/",
        certification_pages.certification_detail_json,
        name="certification",
    ),
    path("competences/", skill_pages.api_skill_list, name="skills"),
    path("orientation/", orientation_api.api_orientation, name="orientation"),
    # Any other path under the prefix: a JSON 404, not the HTML error page.
    re_path(r"^(?P<path>.*)$", api_not_found),
]
