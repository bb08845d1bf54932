"""Django admin for billing: Stripe-sourced fields are read-only, Stripe is their source."""

from django.contrib import admin

from .models import BillingCustomer, StripeEvent, Subscription, SubscriptionPlan


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
