"""App configuration for billing."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import customer_email  # noqa: F401  (connects the email-change receiver)
