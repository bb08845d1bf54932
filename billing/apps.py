"""App configuration for billing."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from . import (
            customer_email,  # noqa: F401  (connects the email-change receiver)
            gateway,
        )
        from .plans_cache import connect_plan_signals

        # Every web request shares one Stripe time budget (settings.STRIPE_REQUEST_BUDGET_SECONDS).
        request_started.connect(gateway.start_request_budget, dispatch_uid="stripe_budget_start")
        request_finished.connect(gateway.end_request_budget, dispatch_uid="stripe_budget_end")

        # Home and plans show the plans: a changed plan leaves the page cache at once.
        connect_plan_signals()
