"""The staff "Businesses" view: every owner with storefront, plan, access and Studio use."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.html import format_html
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import modeladmin_register
from wagtail_modeladmin.views import InspectView

from accounts.admin_views import StrictModelAdmin
from accounts.models import Profile
from billing.access import has_access_filter, studio_access
from billing.models import Subscription


class SubscriptionStatusFilter(admin.SimpleListFilter):
    title = "subscription status"
    parameter_name = "subscription_status"

    def lookups(self, request, model_admin):
        return [("none", "No subscription"), *Subscription.Status.choices]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(subscriptions__isnull=True)
        if self.value():
            return queryset.filter(
                Exists(Subscription.objects.filter(profile=OuterRef("pk"), status=self.value()))
            )
        return queryset


class AccessFilter(admin.SimpleListFilter):
    title = "Studio access now"
    parameter_name = "access"

    def lookups(self, request, model_admin):
        return [("yes", "Has access"), ("no", "No access")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_access_filter())
        if self.value() == "no":
            return queryset.exclude(has_access_filter())
        return queryset


class StorefrontStateFilter(admin.SimpleListFilter):
    title = "storefront"
    parameter_name = "storefront"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("draft", "Not public"), ("none", "No storefront")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.filter(storefront__live=True)
        if self.value() == "draft":
            return queryset.filter(storefront__live=False)
        if self.value() == "none":
            return queryset.filter(storefront__isnull=True)
        return queryset


class BusinessInspectView(InspectView):
    """The profile's own fields, then what the rest of the house knows about the business."""

    def get_fields_dict(self):
        profile = self.instance
        admin_view = self.model_admin
        access = studio_access(profile)
        return [
            *super().get_fields_dict(),
            {"label": "Storefront", "value": admin_view.storefront_link(profile)},
            {"label": "Plan", "value": admin_view.plan(profile)},
            {"label": "Subscription", "value": admin_view.subscription_status(profile)},
            {"label": "Studio access now", "value": admin_view.access_now(profile)},
            {"label": "Access until", "value": access.until or "—"},
            {"label": "Last Studio launch", "value": admin_view.last_studio_launch(profile)},
        ]


class BusinessPermissionHelper(PermissionHelper):
    """Profiles are created by sign-up, not in the admin."""

    def user_can_create(self, user):
        return False


@modeladmin_register
class BusinessAdmin(StrictModelAdmin):
    model = Profile
    menu_label = "Businesses"
    menu_icon = "group"
    menu_order = 200
    permission_helper_class = BusinessPermissionHelper
    list_display = (
        "business_name",
        "email",
        "storefront_link",
        "plan",
        "subscription_status",
        "trial_ends_at",
        "access_now",
        "last_studio_launch",
    )
    list_filter = (SubscriptionStatusFilter, AccessFilter, StorefrontStateFilter)
    search_fields = ("business_name", "user__email", "contact_email")
    form_fields_exclude = ("user", "created_at", "trial_ends_at")
    inspect_view_enabled = True
    inspect_view_class = BusinessInspectView
    inspect_view_fields = ["business_name", "email", "contact_email", "created_at", "trial_ends_at"]

    def get_queryset(self, request):
        # Everything each row shows, in a fixed number of queries whatever the number of rows.
        return (
            super()
            .get_queryset(request)
            .select_related("user", "storefront", "studio")
            .prefetch_related("subscriptions__plan")
        )

    @admin.display(description="email", ordering="user__email")
    def email(self, profile):
        return profile.user.email

    @admin.display(description="storefront")
    def storefront_link(self, profile):
        page = getattr(profile, "storefront", None)
        if page is None:
            return "—"
        state = "live" if page.live else "not public"
        return format_html('<a href="/storefront/{}/">{}</a> ({})', page.slug, page.title, state)

    @admin.display(description="plan")
    def plan(self, profile):
        subscription = studio_access(profile).subscription
        return subscription.plan.name if subscription and subscription.plan else "—"

    @admin.display(description="subscription")
    def subscription_status(self, profile):
        subscription = studio_access(profile).subscription
        return subscription.get_status_display() if subscription else "—"

    @admin.display(description="Studio access now")
    def access_now(self, profile):
        access = studio_access(profile)
        return f"{'Yes' if access.allowed else 'No'}: {access.explanation}"

    @admin.display(description="last Studio launch")
    def last_studio_launch(self, profile):
        record = getattr(profile, "studio", None)
        return record.last_accessed_at if record and record.last_accessed_at else "never"
