"""App configuration for storefront_pages."""

from django.apps import AppConfig


class StorefrontPagesConfig(AppConfig):
    name = "storefront_pages"
    default_auto_field = "django.db.models.BigAutoField"
