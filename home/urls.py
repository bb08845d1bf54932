"""Owner dashboard and operational endpoints."""

from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/profile/", views.edit_profile, name="edit_profile"),
    path("healthz", views.healthz, name="healthz"),
]
