"""The owners' admin: the one allowlist of Wagtail admin views a business owner may reach.

Wagtail's group permissions keep an owner out of other owners' pages, images and documents in
the views that ask them, but many admin views list or name objects without asking (the admin
API, history views, bulk-action confirmations, choosers, reports). So for anyone who is not
MintKit staff the admin is deny by default: ``OwnerAdminMiddleware`` lets a request under
``/admin/`` through only when its URL name is in ``OWNER_ADMIN_VIEWS`` and that entry's object
check passes; every other admin URL, including any a future Wagtail or app release adds, answers
404. To open a route to owners, add its URL name here with a check for every id it takes (and
add a test); ``storefront_pages/tests/test_isolation.py`` fails until each admin route is either
here or on its list of staff-only routes.

Two admin pages are the Hub's own for an owner (``OWNER_ADMIN_REDIRECTS``): the admin home (where
Wagtail's logo leads) is their dashboard, and Wagtail's account page (30 languages, themes,
density) is their business profile. In the admin an owner is named by their business, not
their user name.

Signed-out visitors are left to Wagtail, which sends them to log in without showing anything.
Staff (superusers, the Staff and Support groups) get Wagtail's admin unchanged.
"""

import logging
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, UploadedFile

from accounts.roles import is_hub_staff

from .models import StorefrontAccess, StorefrontPage
from .permissions import pages_visible_to_owner

logger = logging.getLogger(__name__)

NO_STOREFRONT_MESSAGE = (
    "You don't have a storefront yet. Create it from your dashboard, then you can edit it here."
)


@dataclass(frozen=True)
class OwnerScope:
    """What one signed-in owner may touch in the admin: their page and their media collection."""

    user: object
    page_id: int | None
    collection_id: int | None

    @classmethod
    def for_user(cls, user):
        access = (
            StorefrontAccess.objects.filter(profile__user=user)
            .values("collection_id", "profile__storefront__id")
            .first()
        )
        if access is None:
            return cls(user, None, None)
        return cls(user, access["profile__storefront__id"], access["collection_id"])

    def owns_page(self, page_id):
        return self.page_id is not None and as_int(page_id) == self.page_id

    def owns_media(self, model, object_ids):
        """True when every id names an object of ``model`` in this owner's collection."""
        ids = {as_int(object_id) for object_id in object_ids}
        if None in ids:
            return False
        owned = model.objects.filter(pk__in=ids, collection_id=self.collection_id).count()
        return owned == len(ids)

    @cached_property
    def page_content_type_ids(self):
        return {
            ContentType.objects.get_for_model(Page).pk,
            ContentType.objects.get_for_model(StorefrontPage).pk,
        }


def as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def query_ids(request):
    """The ``id`` values a bulk action or a multiple chooser reads from the query string."""
    return request.GET.getlist("id")


# The object checks. Each takes the owner's scope, the request and the URL's keyword arguments.


def anyone(scope, request, kwargs):
    """Views that show only the owner's own things (Wagtail filters them by permission)."""
    return True


def own_page(parameter):
    def check(scope, request, kwargs):
        return scope.owns_page(kwargs.get(parameter))

    return check


def own_image(parameter):
    def check(scope, request, kwargs):
        return scope.owns_media(get_image_model(), [kwargs.get(parameter)])

    return check


def own_document(parameter):
    def check(scope, request, kwargs):
        return scope.owns_media(get_document_model(), [kwargs.get(parameter)])

    return check


def own_images_in_query(scope, request, kwargs):
    return scope.owns_media(get_image_model(), query_ids(request))


def own_documents_in_query(scope, request, kwargs):
    return scope.owns_media(get_document_model(), query_ids(request))


def own_upload(scope, request, kwargs):
    """A file the owner uploaded through the multiple uploader and has not yet finished."""
    return UploadedFile.objects.filter(
        pk=as_int(kwargs.get("uploaded_file_id")), uploaded_by_user=scope.user
    ).exists()


def browsable_page(scope, request, kwargs):
    """The page chooser may open the owner's page and the pages above it, nothing else."""
    parent_page_id = as_int(kwargs.get("parent_page_id"))
    return pages_visible_to_owner(scope.user).filter(pk=parent_page_id).exists()


# Bulk actions on the owner's own images and documents (delete, add to collection, tags).
# "Select all" (id=all) is safe: Wagtail narrows it to what the user may change.
BULK_ACTION_MODELS = {("wagtailimages", "image"), ("wagtaildocs", "document")}


def own_media_bulk_action(scope, request, kwargs):
    model_key = (kwargs.get("app_label"), kwargs.get("model_name"))
    if model_key not in BULK_ACTION_MODELS:
        return False
    ids = [object_id for object_id in query_ids(request) if object_id != "all"]
    model = get_image_model() if model_key[0] == "wagtailimages" else get_document_model()
    return scope.owns_media(model, ids)


def own_editing_session(scope, request, kwargs):
    """Wagtail's "who else is editing" pings, for the owner's page and their own sessions."""
    if "object_id" in kwargs:
        try:
            content_type = ContentType.objects.get_by_natural_key(
                kwargs["app_label"], kwargs["model_name"]
            )
        except ContentType.DoesNotExist:
            return False
        if content_type.pk not in scope.page_content_type_ids:
            return False
        if not scope.owns_page(kwargs["object_id"]):
            return False
    return (
        not EditingSession.objects.filter(pk=as_int(kwargs.get("session_id")))
        .exclude(user=scope.user)
        .exists()
    )


# Admin pages an owner is sent past, to the Hub page that does that job for them.
OWNER_ADMIN_REDIRECTS = {
    "wagtailadmin_home": "dashboard",
    "wagtailadmin_account": "edit_profile",
}

OWNER_ADMIN_VIEWS = {
    # Signing out, and the log-in and password-reset hand-overs to allauth.
    "wagtailadmin_logout": anyone,
    "hub_admin_login_handover": anyone,
    "hub_admin_password_reset_handover": anyone,
    # What every admin page loads.
    "wagtailadmin_javascript_catalog": anyone,
    "wagtail_modeladmin:javascript_catalog": anyone,
    "wagtailadmin_sprite": anyone,
    "wagtailadmin_dismissibles": anyone,
    "wagtailadmin_editing_sessions:ping": own_editing_session,
    "wagtailadmin_editing_sessions:release": own_editing_session,
    # Their own storefront page: edit (save, publish), preview, unpublish, revisions, history.
    "wagtailadmin_pages:edit": own_page("page_id"),
    "wagtailadmin_pages:preview_on_edit": own_page("page_id"),
    "wagtailadmin_pages:view_draft": own_page("page_id"),
    "wagtailadmin_pages:unpublish": own_page("page_id"),
    "wagtailadmin_pages:revisions_index": own_page("page_id"),
    "wagtailadmin_pages:revisions_view": own_page("page_id"),
    "wagtailadmin_pages:revisions_revert": own_page("page_id"),
    "wagtailadmin_pages:revisions_unschedule": own_page("page_id"),
    "wagtailadmin_pages:revisions_compare": own_page("pk"),
    "wagtailadmin_pages:history": own_page("page_id"),
    "wagtailadmin_pages:history_results": own_page("page_id"),
    # The sidebar's search box: Wagtail narrows its results to the pages the owner may explore.
    "wagtailadmin_pages:search": anyone,
    "wagtailadmin_pages:search_results": anyone,
    # The rich-text link chooser: their own page, or an external, email, phone or anchor link.
    "wagtailadmin_choose_page": anyone,
    "wagtailadmin_choose_page_child": browsable_page,
    "wagtailadmin_choose_page_search": anyone,
    "wagtailadmin_choose_page_external_link": anyone,
    "wagtailadmin_choose_page_email_link": anyone,
    "wagtailadmin_choose_page_phone_link": anyone,
    "wagtailadmin_choose_page_anchor_link": anyone,
    # Images in their own collection: list, upload, edit, delete, renditions, the chooser.
    "wagtailimages:index": anyone,
    "wagtailimages:index_results": anyone,
    "wagtailimages:add": anyone,
    "wagtailimages:edit": own_image("image_id"),
    "wagtailimages:delete": own_image("image_id"),
    "wagtailimages:preview": own_image("image_id"),
    "wagtailimages:add_multiple": anyone,
    "wagtailimages:edit_multiple": own_image("image_id"),
    "wagtailimages:delete_multiple": own_image("image_id"),
    "wagtailimages:create_multiple_from_uploaded_image": own_upload,
    "wagtailimages:delete_upload_multiple": own_upload,
    "wagtailimages_chooser:choose": anyone,
    "wagtailimages_chooser:choose_results": anyone,
    "wagtailimages_chooser:create": anyone,
    "wagtailimages_chooser:chosen": own_image("pk"),
    "wagtailimages_chooser:chosen_multiple": own_images_in_query,
    "wagtailimages_chooser:select_format": own_image("image_id"),
    # Documents in their own collection, the same way.
    "wagtaildocs:index": anyone,
    "wagtaildocs:index_results": anyone,
    "wagtaildocs:add": anyone,
    "wagtaildocs:edit": own_document("document_id"),
    "wagtaildocs:delete": own_document("document_id"),
    "wagtaildocs:add_multiple": anyone,
    "wagtaildocs:edit_multiple": own_document("doc_id"),
    "wagtaildocs:delete_multiple": own_document("doc_id"),
    "wagtaildocs:create_multiple_from_uploaded_document": own_upload,
    "wagtaildocs:delete_upload_multiple": own_upload,
    "wagtaildocs_chooser:choose": anyone,
    "wagtaildocs_chooser:choose_results": anyone,
    "wagtaildocs_chooser:create": anyone,
    "wagtaildocs_chooser:chosen": own_document("pk"),
    "wagtaildocs_chooser:chosen_multiple": own_documents_in_query,
    "wagtail_bulk_action": own_media_bulk_action,
}


def owner_may_reach(scope, request, view_name, kwargs):
    """The allowlist's answer for one resolved admin request."""
    check = OWNER_ADMIN_VIEWS.get(view_name)
    return check is not None and check(scope, request, kwargs)


class OwnerAdminMiddleware:
    """Answer 404 to an owner for every admin view not on the allowlist or not theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not request.path_info.startswith(admin_prefix()) or not user.is_authenticated:
            return None
        if is_hub_staff(user):
            return None
        scope = OwnerScope.for_user(user)
        view_name = request.resolver_match.view_name
        if scope.page_id is None:
            return self.without_storefront(request, view_name)
        if view_name in OWNER_ADMIN_REDIRECTS:
            return redirect(OWNER_ADMIN_REDIRECTS[view_name])
        if owner_may_reach(scope, request, view_name, view_kwargs):
            name_the_owner_by_their_business(user)
            return None
        logger.info(
            "Owners' admin: refused %s %s (%s) to user %s",
            request.method,
            request.path,
            view_name,
            user.pk,
        )
        raise Http404("No such admin page.")

    def without_storefront(self, request, view_name):
        """A signed-in user with nothing to edit: the admin home sends them to the dashboard."""
        if view_name == "wagtailadmin_home":
            messages.info(request, NO_STOREFRONT_MESSAGE)
            return redirect("dashboard")
        if view_name in {"hub_admin_login_handover", "wagtailadmin_logout"}:
            return None
        raise Http404("No such admin page.")


def name_the_owner_by_their_business(user):
    """Wagtail names the signed-in user by first name or user name; an owner is their business.

    Set on this request's user object only (never saved): no admin view an owner reaches saves
    their user, and their profile stays the one place the business name is kept.
    """
    profile = getattr(user, "profile", None)
    if profile is not None and profile.business_name:
        user.first_name = profile.business_name
        user.last_name = ""


def admin_prefix():
    return reverse("wagtailadmin_home")
