"""Scope the Wagtail admin so an owner sees and changes only their own storefront.

Which admin URLs an owner may open at all is decided in ``owner_admin.py`` (deny by default);
these hooks shape what the allowed views show and do for an owner: only their pages in choosers,
no structural page actions, a menu of the places they may go, the editor as the place they stay
after publishing, and document downloads only where the owner published them.
"""

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from accounts.roles import is_hub_staff

from .ownership import may_download_document
from .permissions import is_storefront_staff, pages_visible_to_owner
from .publishing import storefront_for_profile

logger = logging.getLogger(__name__)

STRUCTURE_REFUSAL = "Storefronts can only be deleted, moved or copied by MintKit staff."


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_pages(pages, request):
    if is_storefront_staff(request.user):
        return pages
    return pages.filter(pk__in=pages_visible_to_owner(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_to_own_pages(parent_page, pages, request):
    # Wagtail filters the explorer by permission already; this also covers its search.
    if is_storefront_staff(request.user):
        return pages
    return pages.filter(pk__in=pages_visible_to_owner(request.user).values("pk"))


def refuse_structural_change(request, pages):
    """Stop an owner deleting, moving or copying pages, whatever view they came through.

    ``StorefrontPermissionTester`` already hides and refuses these actions; this is the second
    line, should any admin view ever act without asking the page's permission tester.
    """
    if is_storefront_staff(request.user):
        return None
    logger.warning(
        "Refused structural change to pages %s by user %s",
        [page.pk for page in pages],
        request.user.pk,
    )
    messages.error(request, STRUCTURE_REFUSAL)
    return redirect("wagtailadmin_home")


@hooks.register("before_delete_page")
def refuse_owner_delete(request, page):
    return refuse_structural_change(request, [page])


@hooks.register("before_move_page")
def refuse_owner_move(request, page, destination):
    return refuse_structural_change(request, [page])


@hooks.register("before_copy_page")
def refuse_owner_copy(request, page):
    return refuse_structural_change(request, [page])


@hooks.register("before_bulk_action")
def refuse_owner_bulk_structure(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if pages and action_type in {"delete", "move", "copy"}:
        return refuse_structural_change(request, pages)
    return None


@hooks.register("construct_reports_menu")
def hide_reports_from_owners(request, menu_items):
    # Reports summarise the whole site (the page-types report names other owners' drafts).
    if not is_storefront_staff(request.user):
        menu_items[:] = []


@hooks.register("construct_homepage_summary_items")
def hide_page_count_from_owners(request, summary_items):
    # "3 pages" (home, directory, their own) means nothing to an owner.
    if not is_storefront_staff(request.user):
        summary_items[:] = [
            item for item in summary_items if not isinstance(item, PagesSummaryItem)
        ]


class OwnerWelcomePanel(Component):
    """The admin home's first panel for an owner: their storefront and the way back."""

    name = "storefront_owner_welcome"
    template_name = "storefront_pages/admin/owner_welcome_panel.html"
    order = 10

    def __init__(self, storefront):
        self.storefront = storefront

    def get_context_data(self, parent_context):
        storefront = self.storefront
        return {
            "storefront": storefront,
            "edit_url": storefront and reverse("wagtailadmin_pages:edit", args=[storefront.pk]),
            "dashboard_url": reverse("dashboard"),
        }


@hooks.register("construct_homepage_panels")
def add_owner_welcome_panel(request, panels):
    if is_storefront_staff(request.user):
        return
    profile = getattr(request.user, "profile", None)
    panels.insert(0, OwnerWelcomePanel(storefront_for_profile(profile)))


# The sidebar items an owner keeps; everything else leads to views closed to owners.
OWNER_MENU_ITEMS = {"images", "documents"}


@hooks.register("construct_main_menu")
def show_owners_only_their_places(request, menu_items):
    if is_hub_staff(request.user):
        return
    menu_items[:] = [item for item in menu_items if item.name in OWNER_MENU_ITEMS]
    storefront = storefront_for_profile(getattr(request.user, "profile", None))
    if storefront is not None:
        menu_items.insert(
            0,
            MenuItem(
                "Your storefront",
                reverse("wagtailadmin_pages:edit", args=[storefront.pk]),
                name="storefront",
                icon_name="home",
                order=50,
            ),
        )
    menu_items.append(
        MenuItem(
            "Back to dashboard",
            reverse("dashboard"),
            name="hub-dashboard",
            icon_name="arrow-left",
            order=20000,
        )
    )


def back_to_the_editor(request, page):
    """Owners stay in their editor: Wagtail's page list is closed to them."""
    if is_hub_staff(request.user):
        return None
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_edit_page")
def owners_stay_in_the_editor_after_saving(request, page):
    return back_to_the_editor(request, page)


@hooks.register("after_unpublish_page")
def owners_stay_in_the_editor_after_unpublishing(request, page):
    if is_hub_staff(request.user):
        return None
    messages.success(
        request, "Your storefront is no longer public. Publish it again whenever you like."
    )
    return back_to_the_editor(request, page)


@hooks.register("before_serve_document")
def serve_owners_documents_only_where_published(document, request):
    if not may_download_document(document, request.user):
        raise Http404("No such document.")
    return None
