"""Django admin for billing: Stripe-sourced fields are read-only, Stripe is their source."""

from django.contrib import admin

from accounts.admin_views import ReadOnlyDjangoAdmin

from .models import BillingCustomer, StripeEvent, Subscription, SubscriptionPlan
from .plans_sync import sync_plan_for_staff


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


# Made by checkout beside the Stripe customer, which outlives it: deleting it would make a second.
@admin.register(BillingCustomer)
class BillingCustomerAdmin(ReadOnlyDjangoAdmin):
    list_display = ("stripe_customer_id", "profile", "created_at")
    search_fields = ("stripe_customer_id", "profile__business_name", "profile__user__email")
    list_filter = ("created_at",)
    list_select_related = ("profile",)


# Subscriptions come from Stripe only.
@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyDjangoAdmin):
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


# The audit trail of what Stripe told us.
@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyDjangoAdmin):
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
