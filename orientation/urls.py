from django.urls import path

from . import views

app_name = "orientation"
urlpatterns = [
    path("orientation/", views.orientation, name="page"),
    path("orientation/choix/", views.choices, name="choices"),
    path("metiers/<slug:origin>/vers/<slug:target>/", views.transition, name="transition"),
]
