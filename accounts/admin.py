"""Django admin for business profiles."""

from django.contrib import admin

from .models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("business_name", "user", "contact_email", "created_at", "trial_ends_at")
    list_filter = ("created_at", "trial_ends_at")
    search_fields = ("business_name", "contact_email", "user__email")
    list_select_related = ("user",)
    readonly_fields = ("user", "created_at")

    def has_delete_permission(self, request, obj=None):
        # A business is deleted with its user (Users → Delete), which ends its Stripe billing.
        return False
