"""Staff manage plans in the Wagtail admin (wagtail-modeladmin)."""

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import SubscriptionPlan


@modeladmin_register
class SubscriptionPlanAdmin(ModelAdmin):
    model = SubscriptionPlan
    menu_label = "Plans"
    menu_icon = "tag"
    menu_order = 300
    list_display = ("name", "slug", "price_display", "interval", "free_period_days", "active")
    list_filter = ("active", "interval")
    search_fields = ("name", "slug")
    form_fields_exclude = ("stripe_product_id", "stripe_price_id")
    inspect_view_enabled = True
