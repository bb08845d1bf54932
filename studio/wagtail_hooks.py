"""Staff view of the access webhooks sent to the Studio, in the Wagtail admin (read-only)."""

from wagtail_modeladmin.options import modeladmin_register

from accounts.admin_views import ReadOnlyWagtailAdmin

from . import admin
from .models import AccessWebhook


@modeladmin_register
class AccessWebhookAdmin(ReadOnlyWagtailAdmin):
    model = AccessWebhook
    menu_label = "Studio webhooks"
    menu_icon = "link-external"
    menu_order = 220
    list_display = admin.AccessWebhookAdmin.list_display
    list_filter = admin.AccessWebhookAdmin.list_filter
    search_fields = admin.AccessWebhookAdmin.search_fields
