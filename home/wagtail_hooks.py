"""Staff views in the Wagtail admin: the "Businesses" list, and safe deletion of owners."""

from datetime import date, time, timedelta
from functools import cache, cached_property
from operator import attrgetter
from types import MethodType

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_list import result_headers
from django.contrib.admin.utils import display_for_field, display_for_value, quote
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import modeladmin_register
from wagtail_modeladmin.views import IndexView, InspectView

from accounts.admin_views import StrictModelAdmin
from accounts.models import Profile
from accounts.profiles import profile_of
from accounts.roles import is_hub_staff
from billing.access import has_access_filter, studio_access
from billing.models import Subscription

from . import business_figures as figures
from .deletion import OwnerDeletionFailed, delete_owner

User = get_user_model()


@hooks.register("before_delete_user")
def delete_owner_safely(request, user):
    """Wagtail's user delete, for an owner: Stripe first, then every trace (home.deletion)."""
    if request.method != "POST" or profile_of(user) is None:
        return None  # the confirmation page, or a staff account Wagtail deletes as usual
    try:
        delete_owner(user, requested_by=request.user)
    except OwnerDeletionFailed as failure:
        messages.error(request, failure.user_message)
        return redirect("wagtailusers_users:delete", user.pk)
    messages.success(
        request, f"{user.email} and their business are deleted; Stripe billing has ended."
    )
    return redirect("wagtailusers_users:index")


@hooks.register("before_bulk_action")
def refuse_bulk_deletion_of_owners(request, action_type, objects, action_class_instance):
    """Bulk delete would cascade past Stripe: owners are deleted one at a time."""
    if action_type != "delete" or request.method != "POST":
        return None
    if not any(isinstance(obj, User) and profile_of(obj) for obj in objects):
        return None
    messages.error(
        request,
        "Business owners are deleted one at a time (Users → the owner → Delete), so that "
        "their subscription is cancelled first. Nothing was deleted.",
    )
    return redirect("wagtailusers_users:index")


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


class BusinessStateFilter(admin.SimpleListFilter):
    """The owner's state as the staff figures count it (home/business_figures.py)."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(figures.STATES.items())

    def queryset(self, request, queryset):
        if self.value() in figures.STATES:
            now = timezone.now()
            return figures.with_current_status(queryset).filter(figures.state_q(self.value(), now))
        return queryset


class TrialEndedFilter(admin.SimpleListFilter):
    title = "sign-up trial ended"
    parameter_name = "trial_ended"

    def lookups(self, request, model_admin):
        return [(str(days), f"In the last {days} days") for days in figures.CONVERSION_WINDOWS]

    def queryset(self, request, queryset):
        if self.value() in {str(days) for days in figures.CONVERSION_WINDOWS}:
            return queryset.filter(figures.trial_ended_within_q(int(self.value()), timezone.now()))
        return queryset


class SignedUpWeekFilter(admin.SimpleListFilter):
    title = "signed up in the week of"
    parameter_name = "signed_up_week"

    def lookups(self, request, model_admin):
        weeks = figures.sign_up_weeks(timezone.now())
        return [(week.isoformat(), f"{week:%-d %b %Y}") for week in reversed(weeks)]

    def queryset(self, request, queryset):
        week = parse_date(self.value() or "")
        if week is None:
            return queryset
        return queryset.filter(
            created_at__date__gte=week, created_at__date__lt=week + timedelta(weeks=1)
        )


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


class BusinessIndexView(IndexView):
    """The Businesses list, its rows computed and written once in the view.

    modeladmin renders each cell through two inclusion tags and rebuilds each row's buttons
    (labels, permission checks, URLs) cell by cell, and even one template loop over 25 rows of
    8 cells resolved about a thousand template variables: together over half of the page's
    time at 10,000 businesses. Here each row is one ``format_html`` in modeladmin's markup; the
    columns, links, buttons, ordering, filters, search and pages are the same
    (templates/home/admin/business_index.html writes the rest of the page).
    """

    @cached_property
    def count_of_all(self):
        return super().get_base_queryset().count()

    def get_base_queryset(self, request=None):
        # modeladmin counts every business, then those the list shows, then the paginator counts
        # those again: with nothing narrowing the list, one COUNT answers all three.
        return counted_by(super().get_base_queryset(request), lambda: self.count_of_all)

    def get_queryset(self, request=None):
        queryset = super().get_queryset(request)
        if not self.get_filters_params() and not self.query:
            return counted_by(queryset, lambda: self.count_of_all)
        return counted_by(queryset, cache(queryset.count))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The storefront links are made from one read of the site roots: Wagtail keeps them on
        # a page whose URL is asked without a request, else each row reads them again.
        site_root_paths = Site.get_site_root_paths()
        for profile in context["object_list"]:
            page = getattr(profile, "storefront", None)
            if page is not None:
                page._wagtail_cached_site_root_paths = site_root_paths
        context["result_headers"] = list(result_headers(self))
        context["business_rows"] = self.business_rows(context["object_list"])
        return context

    def business_rows(self, profiles):
        """The table's rows: each row's cells as modeladmin shows them, the business name
        linked (to edit, or to inspect for staff who may only look) and the row's buttons."""
        buttons = self.button_helper
        user = self.request.user
        may_inspect = self.permission_helper.user_can_inspect_obj
        may_edit = self.permission_helper.user_can_edit_obj
        # Labels, titles and classes are the same on every row: made once, the URLs per row.
        inspect_button = buttons.inspect_button(0, classnames_add=["button-small"])
        edit_button = buttons.edit_button(0, classnames_add=["button-small"])
        inspect_url, edit_url = self.action_url_maker("inspect"), self.action_url_maker("edit")
        columns = [self.column(name) for name in self.list_display]
        other_cells = '<td class="{}">{}</td>' * (len(columns) - 1)
        rows = []
        for number, profile in enumerate(profiles):
            row_buttons = []
            if may_inspect(user, profile):
                row_buttons.append({**inspect_button, "url": inspect_url(profile)})
            if may_edit(user, profile):
                row_buttons.append({**edit_button, "url": edit_url(profile)})
            first, *others = [cell(profile) for cell in columns]
            rows.append(
                format_html(
                    '<tr class="{}" data-object-pk="{}">{}{}</tr>',
                    "even" if number % 2 else "odd",
                    profile.pk,
                    self.title_cell(first, row_buttons),
                    format_html(other_cells, *(part for cell in others for part in cell)),
                )
            )
        return format_html_join("\n", "{}", ((row,) for row in rows))

    def title_cell(self, cell, row_buttons):
        """The first cell: the value linked as modeladmin's primary link (edit when allowed,
        else inspect), and the row's buttons below it."""
        css_class, value = cell
        if row_buttons:
            link = row_buttons[-1]
            value = format_html('<a href="{}" title="{}">{}</a>', link["url"], link["title"], value)
        actions = format_html_join(
            "",
            '<li><a href="{}" class="{}" title="{}">{}</a></li>',
            (
                (button["url"], button["classname"], button["title"], button["label"])
                for button in row_buttons
            ),
        )
        return format_html(
            '<td class="{}"><div class="title-wrapper">{}</div>{}</td>',
            css_class,
            value,
            format_html('<ul class="actions">{}</ul>', actions) if row_buttons else "",
        )

    def action_url_maker(self, action):
        """A row's URL for ``action`` (inspect, edit): the URL is reversed once for the list,
        with a stand-in key that the pattern accepts, and each row's key put in its place."""
        stand_in = "row-key"
        url = self.url_helper.get_action_url(action, stand_in)
        prefix, _stand_in, suffix = url.rpartition(stand_in)
        return lambda profile: f"{prefix}{quote(profile.pk)}{suffix}"

    def column(self, field_name):
        """How a row's cell in column ``field_name`` is made: its CSS class and its value,
        read and displayed as modeladmin's list does (a model field, or a method of the
        admin), worked out once for the list rather than per cell."""
        empty = self.model_admin.get_empty_value_display(field_name)
        try:
            field = Profile._meta.get_field(field_name)
        except FieldDoesNotExist:
            read_value, field = getattr(self.model_admin, field_name), None
        else:
            read_value = attrgetter(field_name)

        def cell(profile):
            value = read_value(profile)
            shown = (
                display_for_value(value, empty)
                if field is None
                else display_for_field(value, field, empty)
            )
            nowrap = " nowrap" if isinstance(value, (date, time)) else ""
            return (
                f"field-{field_name} title{nowrap}",
                shown if str(shown) else mark_safe("&nbsp;"),  # noqa: S308 (a constant)
            )

        return cell


def counted_by(queryset, count):
    """``queryset``, its ``count()`` answered by ``count``; a bound method, because Django's
    paginator calls only a ``count`` that is one (else it reads every row to count them)."""
    queryset.count = MethodType(lambda _queryset: count(), queryset)
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

    def user_can_delete_obj(self, user, obj):
        return False  # an owner is deleted with their user account, through home.deletion


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
    list_filter = (
        BusinessStateFilter,
        SubscriptionStatusFilter,
        AccessFilter,
        StorefrontStateFilter,
        TrialEndedFilter,
        SignedUpWeekFilter,
    )
    # "Download CSV" on the list exports what the current filters and search show.
    list_export = (
        "business_name",
        "email",
        "contact_email",
        "created_at",
        "trial_ends_at",
        "storefront_address",
        "plan",
        "subscription_status",
        "access_now",
        "last_studio_launch",
    )
    export_filename = "mintkit-hub-businesses"
    # Each row renders eight columns and its buttons: 100 rows (the default) took ~150 ms to
    # render whatever the database did; 25 keep the page well under 50 ms. Search and filters
    # find a business; the CSV export still has every matching row.
    list_per_page = 25
    search_fields = ("business_name", "user__email", "contact_email")
    form_fields_exclude = ("user", "created_at", "trial_ends_at")
    index_view_class = BusinessIndexView
    index_template_name = "home/admin/business_index.html"
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
        return format_html('<a href="{}">{}</a> ({})', page.url, page.title, state)

    @admin.display(description="storefront address")
    def storefront_address(self, profile):
        page = getattr(profile, "storefront", None)
        return page.public_url() if page else ""

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


class BusinessFiguresPanel(Component):
    """Staff's numbers on the admin home: counted when the page is shown, no JavaScript."""

    name = "business_figures"
    order = 50
    template_name = "home/admin/business_figures_panel.html"

    class Media:
        # A stylesheet, not style attributes: the admin's CSP allows no inline styles.
        css = {"all": ["css/business_figures.css"]}

    def get_context_data(self, parent_context):
        return {
            "figures": figures.business_figures(),
            "chart_width": figures.SIGN_UP_WEEKS * figures.BAR_PITCH,
            "chart_height": figures.CHART_TOP + figures.CHART_HEIGHT + 2,
        }


@hooks.register("construct_homepage_panels")
def add_business_figures_panel(request, panels):
    if is_hub_staff(request.user):
        panels.insert(0, BusinessFiguresPanel())
