"""Django admin for Studio access records (read-only: launches write them)."""

from django.contrib import admin

from .models import MintKitAccess


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
