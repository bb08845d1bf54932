"""Admin routes narrowed for owners, mounted just before Wagtail's own admin URLs.

Two Wagtail views show page titles without asking page permissions: the page chooser shows the
page it browses (any id in the URL), and the page-types report names the latest edited page of
each type; tag autocomplete suggests every owner's tags. Owners get a refusal; staff get
Wagtail's views unchanged.
"""

from django.http import Http404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.views import tags
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

from .permissions import is_storefront_staff
from .wagtail_hooks import pages_visible_to_owner

wagtail_browse_page_chooser = BrowseView.as_view()


def staff_only(view):
    """``view`` for staff; for owners, Wagtail's usual "no permission" redirect."""

    def staff_only_view(request, *args, **kwargs):
        if not is_storefront_staff(request.user):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return staff_only_view


def browse_page_chooser(request, parent_page_id):
    """Wagtail's chooser, opened inside a page; owners only inside pages they may see."""
    if not is_storefront_staff(request.user) and (
        not pages_visible_to_owner(request.user).filter(pk=parent_page_id).exists()
    ):
        raise Http404("No page to browse here.")
    return wagtail_browse_page_chooser(request, parent_page_id=parent_page_id)


def admin_view(view):
    return never_cache(require_admin_access(view))


urlpatterns = [
    path(
        "choose-page/<int:parent_page_id>/",
        admin_view(browse_page_chooser),
        name="storefront_owner_choose_page_child",
    ),
    # Tag suggestions come from every owner's images and documents.
    path("tag-autocomplete/", admin_view(staff_only(tags.autocomplete))),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        admin_view(staff_only(tags.autocomplete)),
    ),
    path(
        "reports/page-types-usage/",
        admin_view(staff_only(PageTypesUsageReportView.as_view())),
        name="storefront_staff_page_types_usage",
    ),
    path(
        "reports/page-types-usage/results/",
        admin_view(staff_only(PageTypesUsageReportView.as_view(results_only=True))),
        name="storefront_staff_page_types_usage_results",
    ),
]
