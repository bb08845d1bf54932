"""URL patterns that send the admins' own log-in and password reset pages to allauth."""

from django.urls import path

from . import views

wagtail_admin_handover = [
    path("login/", views.login_handover, name="hub_admin_login_handover"),
    path(
        "password_reset/",
        views.password_reset_handover,
        name="hub_admin_password_reset_handover",
    ),
]

django_admin_handover = [
    path("login/", views.login_handover, name="hub_django_admin_login_handover"),
]
