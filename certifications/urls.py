"""The certifications' own pages; config.urls adds a certification's page (pathways) to them."""

from django.urls import path

from . import compare_views, views

urlpatterns = [
    path("", views.certification_list, name="list"),
    path("comparer/", compare_views.compare_certifications, name="compare"),
]
