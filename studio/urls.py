"""Studio URLs under /studio/ (CONTRACT.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.studio, name="studio"),
    path("launch/", views.launch, name="studio_launch"),
]
