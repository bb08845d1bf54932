"""Billing URLs under /billing/ (CONTRACT.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.plans, name="billing_plans"),
    path("checkout/<slug:slug>/", views.checkout, name="billing_checkout"),
    path("success/", views.success, name="billing_success"),
    path("cancel/", views.cancel, name="billing_cancel"),
    path("portal/", views.portal, name="billing_portal"),
    path("webhook/", views.webhook, name="billing_webhook"),
]
