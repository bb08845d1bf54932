"""App configuration for billing."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .plans_cache import connect_plan_signals

        # Home and plans show the plans: a changed plan leaves the page cache at once.
        connect_plan_signals()
