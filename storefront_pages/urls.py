"""The owner's storefront actions, under the dashboard."""

from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/storefront/new/", views.create, name="create_storefront"),
    path("dashboard/storefront/publish/", views.publish, name="publish_storefront"),
    path("dashboard/storefront/unpublish/", views.unpublish, name="unpublish_storefront"),
    path("dashboard/storefront/qr-code.svg", views.qr_code_download, name="storefront_qr_svg"),
    path("dashboard/storefront/qr-code/", views.qr_code_print, name="storefront_qr_print"),
]
