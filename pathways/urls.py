"""URLs of the pages that join a catalogue to the careers: under /certifications/ (with the
certifications app's own) and /competences/."""

from django.urls import path

from certifications.urls import urlpatterns as certification_pages

from . import certifications, skills

certification_urls = (
    [
        *certification_pages,
        path("<slug:slug>.json", certifications.certification_detail_json, name="json"),
        path("<slug:slug>/", certifications.certification_detail, name="detail"),
    ],
    "certifications",
)
skill_urls = (
    [
        path("", skills.skill_list, name="list"),
        path("<slug:slug>/", skills.skill_detail, name="detail"),
    ],
    "skills",
)
