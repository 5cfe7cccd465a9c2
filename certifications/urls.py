from django.urls import path

from . import views

app_name = "certifications"
urlpatterns = [
    path("", views.certification_list, name="list"),
    path("comparer/", views.compare_certifications, name="compare"),
    path("<slug:slug>/", views.certification_detail, name="detail"),
]
