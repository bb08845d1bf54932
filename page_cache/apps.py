"""App configuration for page_cache."""

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "page_cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import wagtail_pages

        wagtail_pages.connect_page_signals()
