from django.urls import path

from . import api, compare_views, views

app_name = "certifications"
urlpatterns = [
    path("", views.certification_list, name="list"),
    path("comparer/", compare_views.compare_certifications, name="compare"),
    path("<slug:slug>.json", api.certification_detail_json, name="json"),
    path("<slug:slug>/", views.certification_detail, name="detail"),
]
