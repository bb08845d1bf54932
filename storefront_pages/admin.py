"""Django admin views of storefronts: read-only, since pages change only through Wagtail."""

from django.contrib import admin

from accounts.admin_views import ReadOnlyDjangoAdmin

from .models import StorefrontAccess, StorefrontPage

# Edits here would bypass Wagtail's revisions and provisioning's transaction.


@admin.register(StorefrontPage)
class StorefrontPageAdmin(ReadOnlyDjangoAdmin):
    list_display = ("title", "slug", "profile", "owner", "live", "first_published_at")
    list_filter = ("live", "has_unpublished_changes", "first_published_at")
    search_fields = ("title", "slug", "headline", "profile__business_name", "owner__email")
    list_select_related = ("profile", "owner")


@admin.register(StorefrontAccess)
class StorefrontAccessAdmin(ReadOnlyDjangoAdmin):
    list_display = ("profile", "group", "collection", "created_at")
    list_filter = ("created_at",)
    search_fields = ("profile__business_name", "profile__user__email", "group__name")
    list_select_related = ("profile", "group", "collection")
