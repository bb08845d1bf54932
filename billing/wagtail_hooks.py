"""Staff views of billing in the Wagtail admin (modeladmin): plans, subscriptions, events."""

from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from accounts.admin_views import (
    ReadOnlyWagtailAdmin,
    StrictCreateView,
    StrictEditView,
    StrictModelAdmin,
)

from . import admin
from .models import StripeEvent, Subscription, SubscriptionPlan
from .plans_sync import sync_plan_for_staff


class SyncPlanWithStripeMixin:
    def form_valid(self, form):
        response = super().form_valid(form)
        sync_plan_for_staff(self.request, form.instance)
        return response


class PlanCreateView(SyncPlanWithStripeMixin, StrictCreateView):
    pass


class PlanEditView(SyncPlanWithStripeMixin, StrictEditView):
    pass


class SubscriptionPlanAdmin(StrictModelAdmin):
    model = SubscriptionPlan
    menu_label = "Plans"
    menu_icon = "tag"
    list_display = ("name", "slug", "price_display", "interval", "free_period_days", "active")
    list_filter = ("active", "interval")
    search_fields = ("name", "slug")
    form_fields_exclude = ("stripe_product_id", "stripe_price_id")
    inspect_view_enabled = True
    create_view_class = PlanCreateView
    edit_view_class = PlanEditView


class SubscriptionAdmin(ReadOnlyWagtailAdmin):
    model = Subscription
    menu_label = "Subscriptions"
    menu_icon = "date"
    # The same columns, filters and search as the Django admin's view of subscriptions.
    list_display = admin.SubscriptionAdmin.list_display
    list_filter = admin.SubscriptionAdmin.list_filter
    list_select_related = admin.SubscriptionAdmin.list_select_related
    search_fields = admin.SubscriptionAdmin.search_fields


class StripeEventAdmin(ReadOnlyWagtailAdmin):
    model = StripeEvent
    menu_label = "Stripe events"
    menu_icon = "list-ul"
    # The same columns and search as the Django admin's; its empty-field filter is Django's own.
    list_display = admin.StripeEventAdmin.list_display
    list_filter = ("type",)
    search_fields = admin.StripeEventAdmin.search_fields


@modeladmin_register
class BillingAdminGroup(ModelAdminGroup):
    menu_label = "Billing"
    menu_icon = "tag"
    menu_order = 210
    items = (SubscriptionPlanAdmin, SubscriptionAdmin, StripeEventAdmin)
