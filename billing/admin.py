"""Django admin for billing: Stripe-sourced fields are read-only, Stripe is their source."""

import logging

from django.contrib import admin, messages

from .gateway import PaymentServiceError
from .models import BillingCustomer, StripeEvent, Subscription, SubscriptionPlan
from .plans_sync import sync_plan

logger = logging.getLogger(__name__)


def sync_plan_for_staff(request, plan):
    """After staff save a plan, make its Stripe Price match at once and say how it went."""
    try:
        done = sync_plan(plan)
    except PaymentServiceError:
        logger.exception("Could not sync plan %s with Stripe after an admin edit", plan.slug)
        messages.warning(
            request,
            f"“{plan}” is saved, but Stripe could not be reached: owners cannot buy it until "
            "`python manage.py sync_stripe_plans` has run.",
        )
        return
    if done:
        messages.info(request, f"Stripe is up to date for “{plan}”: {', '.join(done)}.")


@admin.register(SubscriptionPlan)
class SubscriptionPlanAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "price_amount",
        "currency",
        "interval",
        "free_period_days",
        "active",
        "stripe_price_id",
    )
    list_filter = ("active", "interval", "currency")
    search_fields = ("name", "slug", "stripe_price_id")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("stripe_product_id", "stripe_price_id")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_plan_for_staff(request, obj)


@admin.register(BillingCustomer)
class BillingCustomerAdmin(admin.ModelAdmin):
    list_display = ("stripe_customer_id", "profile", "created_at")
    search_fields = ("stripe_customer_id", "profile__business_name", "profile__user__email")
    list_filter = ("created_at",)
    list_select_related = ("profile",)
    readonly_fields = ("profile", "stripe_customer_id", "created_at")

    def has_add_permission(self, request):
        return False  # made by checkout, beside the Stripe customer

    def has_delete_permission(self, request, obj=None):
        return False  # the Stripe customer outlives this row; deleting it would make a second


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = (
        "stripe_subscription_id",
        "profile",
        "plan",
        "status",
        "current_period_end",
        "cancel_at_period_end",
        "last_synced_at",
    )
    list_filter = ("status", "plan", "cancel_at_period_end")
    search_fields = (
        "stripe_subscription_id",
        "stripe_customer_id",
        "profile__business_name",
        "profile__user__email",
    )
    list_select_related = ("profile", "plan")
    readonly_fields = [f.name for f in Subscription._meta.fields]

    def has_add_permission(self, request):
        return False  # subscriptions come from Stripe only

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = (
        "stripe_event_id",
        "type",
        "stripe_created_at",
        "received_at",
        "processed_at",
        "attempts",
        "error",
    )
    list_filter = ("type", ("processed_at", admin.EmptyFieldListFilter))
    search_fields = ("stripe_event_id", "type")
    readonly_fields = [f.name for f in StripeEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the audit trail of what Stripe told us
