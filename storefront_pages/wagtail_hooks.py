"""Scope the Wagtail admin so an owner sees and changes only their own storefront.

Which admin URLs an owner may open at all is decided in ``owner_admin.py`` (deny by default);
these hooks shape what the allowed views show and do for an owner: only their pages in choosers,
no structural page actions, a menu of the places they may go, Publish as the editor's main button,
the dashboard as where they land after publishing, and document downloads only where the owner
published them. Staff get none of this: every hook returns early for them.
"""

import copy
import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from accounts.profiles import profile_of
from accounts.roles import is_hub_staff, is_staff_role

from .editor import StorefrontPageViewSet
from .ownership import may_download_document
from .permissions import pages_visible_to_owner
from .provisioning import storefront_for_profile

logger = logging.getLogger(__name__)

STRUCTURE_REFUSAL = "Storefronts can only be deleted, moved or copied by MintKit staff."
DRAFT_OF_LIVE_PAGE_MESSAGE = (
    "Saved as a draft: customers still see your published page until you press “Publish changes”."
)


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_pages(pages, request):
    if is_staff_role(request.user):
        return pages
    return pages.filter(pk__in=pages_visible_to_owner(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_to_own_pages(parent_page, pages, request):
    # Wagtail filters the explorer by permission already; this also covers its search.
    if is_staff_role(request.user):
        return pages
    return pages.filter(pk__in=pages_visible_to_owner(request.user).values("pk"))


def refuse_structural_change(request, pages):
    """Stop an owner deleting, moving or copying pages, whatever view they came through.

    ``StorefrontPermissionTester`` already hides and refuses these actions; this is the second
    line, should any admin view ever act without asking the page's permission tester.
    """
    if is_staff_role(request.user):
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
    if not is_staff_role(request.user):
        menu_items[:] = []


# The sidebar items an owner keeps; everything else leads to views closed to owners.
OWNER_MENU_ITEMS = {"images", "documents"}


@hooks.register("construct_main_menu")
def show_owners_only_their_places(request, menu_items):
    if is_hub_staff(request.user):
        return
    menu_items[:] = [item for item in menu_items if item.name in OWNER_MENU_ITEMS]
    storefront = storefront_for_profile(profile_of(request.user))
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
    # Wagtail's autosave posts asking for JSON: it says nothing, or the messages would pile up.
    pressed_save_draft = request.accepts("text/html")
    if pressed_save_draft and not is_hub_staff(request.user) and page.live:
        messages.info(request, DRAFT_OF_LIVE_PAGE_MESSAGE)
    return back_to_the_editor(request, page)


@hooks.register("after_publish_page")
def owners_land_on_their_dashboard_after_publishing(request, page):
    """After Publish an owner sees the result where they manage it, with the way to the page."""
    if is_hub_staff(request.user):
        return None
    if page.live:
        message = format_html(
            "Your storefront is published: customers see it now. "
            '<a href="{}" class="alert-link">View your storefront</a>',
            page.url,
        )
    else:
        scheduled = page.scheduled_revision
        when = scheduled.approved_go_live_at if scheduled else page.go_live_at
        message = format_html(
            "Your storefront is scheduled: it goes live {}. "
            '<a href="{}" class="alert-link">Preview your storefront</a>',
            date_format(localtime(when), "j F Y, H:i") if when else "at the time you set",
            page.url,
        )
    messages.success(request, message)
    return redirect("dashboard")


@hooks.register("after_unpublish_page")
def owners_stay_in_the_editor_after_unpublishing(request, page):
    if is_hub_staff(request.user):
        return None
    messages.success(
        request, "Your storefront is no longer public. Publish it again whenever you like."
    )
    return back_to_the_editor(request, page)


@hooks.register("construct_page_action_menu")
def put_publish_first_for_owners(menu_items, request, context):
    """Publish is an owner's main button ("Publish changes" on a live page), not under an arrow.

    Wagtail makes the first item the visible button; staff keep its order (Save draft first).
    The items are shared between requests, so the relabelled one is a copy.
    """
    if is_hub_staff(request.user):
        return
    publish = next((item for item in menu_items if item.name == "action-publish"), None)
    if publish is None:
        return
    page = context.get("page")
    if page is not None and page.live:
        publish = copy.copy(publish)
        publish.label = "Publish changes"
    menu_items[:] = [publish] + [item for item in menu_items if item.name != "action-publish"]


@hooks.register("register_admin_viewset")
def register_storefront_editor():
    return StorefrontPageViewSet()


@hooks.register("before_serve_document")
def serve_owners_documents_only_where_published(document, request):
    if not may_download_document(document, request.user):
        raise Http404("No such document.")
    return None
