from django.urls import path

from . import api, compare_views

app_name = "compare"
urlpatterns = [
    path("", compare_views.compare_careers, name="careers"),
    path("export.csv", api.comparison_csv, name="export_csv"),
    path("ajouter/", compare_views.tray_add, name="add"),
    path("retirer/", compare_views.tray_remove, name="remove"),
]
