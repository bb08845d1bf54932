"""Staff view of the access webhooks sent to the Studio, in the Wagtail admin (read-only)."""

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import modeladmin_register

from accounts.admin_views import StrictModelAdmin

from . import admin
from .models import AccessWebhook


class ReadOnlyPermissionHelper(PermissionHelper):
    """The Hub writes these rows as it tells the Studio: staff may look, never change them."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


@modeladmin_register
class AccessWebhookAdmin(StrictModelAdmin):
    model = AccessWebhook
    menu_label = "Studio webhooks"
    menu_icon = "link-external"
    menu_order = 220
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = admin.AccessWebhookAdmin.list_display
    list_filter = admin.AccessWebhookAdmin.list_filter
    search_fields = admin.AccessWebhookAdmin.search_fields
    inspect_view_enabled = True
