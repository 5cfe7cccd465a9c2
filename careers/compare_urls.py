from django.urls import path

from . import views

app_name = "compare"
urlpatterns = [
    path("", views.compare_careers, name="careers"),
    path("ajouter/", views.tray_add, name="add"),
    path("retirer/", views.tray_remove, name="remove"),
]
