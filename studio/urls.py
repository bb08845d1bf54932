"""Studio URLs under /studio/ (CONTRACT.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.studio, name="studio"),
    path("launch/", views.launch, name="studio_launch"),
    path("api/exchange/", views.exchange, name="studio_api_exchange"),
    path("api/access/", views.access, name="studio_api_access"),
]
