from django.urls import path

from . import api, views

app_name = "careers"
urlpatterns = [
    path("", views.career_list, name="list"),
    path("<slug:slug>.json", api.career_detail_json, name="json"),
    path("<slug:slug>/", views.career_detail, name="detail"),
]
