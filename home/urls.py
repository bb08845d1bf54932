"""Owner dashboard, owners' data rights and operational endpoints."""

from django.urls import path

from . import account_views, views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/profile/", views.edit_profile, name="edit_profile"),
    path("healthz", views.healthz, name="healthz"),
]

# Mounted under /accounts/ before allauth's own URLs (mintkit_site/urls.py).
account_urlpatterns = [
    path("delete/", account_views.delete_account, name="delete_account"),
    path("export/", account_views.export_data, name="export_data"),
]
