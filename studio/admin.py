"""Django admin for Studio access records and access webhooks (read-only: the Hub writes them)."""

from django.contrib import admin

from accounts.admin_views import ReadOnlyDjangoAdmin

from .models import AccessWebhook, MintKitAccess


@admin.register(MintKitAccess)
class MintKitAccessAdmin(admin.ModelAdmin):
    list_display = (
        "profile",
        "external_id",
        "launch_count",
        "first_accessed_at",
        "last_accessed_at",
    )
    search_fields = ("profile__business_name", "profile__user__email", "external_id")
    list_filter = ("last_accessed_at", "first_accessed_at")
    list_select_related = ("profile",)
    readonly_fields = (
        "profile",
        "external_id",
        "launch_count",
        "first_accessed_at",
        "last_accessed_at",
    )

    def has_add_permission(self, request):
        return False


# The deliveries are the Hub's record of what it told the Studio: look, never change.
@admin.register(AccessWebhook)
class AccessWebhookAdmin(ReadOnlyDjangoAdmin):
    list_display = (
        "event_id",
        "type",
        "sub",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "delivered_at",
        "last_error",
    )
    list_filter = ("state", "type")
    search_fields = ("event_id", "sub")
