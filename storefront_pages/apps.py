"""App configuration for storefront_pages."""

from django.apps import AppConfig


class StorefrontPagesConfig(AppConfig):
    name = "storefront_pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.fields import RichTextField

        from .cache_invalidation import connect_storefront_signals
        from .rich_text_input import rich_text_form_field_options

        # Every rich-text field in Wagtail's admin forms, for staff and owners alike.
        register_form_field_override(RichTextField, override=rich_text_form_field_options)
        # Profiles and images a storefront shows leave the page cache when they change.
        connect_storefront_signals()
