"""Owner storefront actions under the dashboard, brand colour CSS, and replaced admin views."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access

from . import views
from .rich_text_input import ExternalLinkView

urlpatterns = [
    path("dashboard/storefront/new/", views.create, name="create_storefront"),
    path("dashboard/storefront/publish/", views.publish, name="publish_storefront"),
    path(
        "dashboard/storefront/discard-changes/",
        views.discard_changes,
        name="discard_storefront_changes",
    ),
    path("dashboard/storefront/unpublish/", views.unpublish, name="unpublish_storefront"),
    path("dashboard/storefront/qr-code.svg", views.qr_code_download, name="storefront_qr_svg"),
    path("dashboard/storefront/qr-code/", views.qr_code_print, name="storefront_qr_print"),
    path("brand-colours/<str:key>.css", views.brand_colours_css, name="brand_colours_css"),
]

# Mounted under /admin/ just before Wagtail's admin URLs. Each keeps Wagtail's URL name, so links
# to it and the owners' allowlist (owner_admin.py) treat it as the view it replaces.
wagtail_admin_replacements = [
    # Wagtail's answers a POST without its URL field with a 500 (see rich_text_input.py).
    path(
        "choose-external-link/",
        never_cache(require_admin_access(ExternalLinkView.as_view())),
        name="wagtailadmin_choose_page_external_link",
    ),
]
