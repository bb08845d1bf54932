"""Owner B against every admin URL with every kind of owner A's ids; staff keep the whole admin.

The routes come from the live URLconf, so a route added by a Wagtail upgrade or a new app is
walked without anyone remembering it, and fails ``test_every_admin_route_has_a_decision`` until
someone decides who may reach it: owners (``storefront_pages.owner_admin.OWNER_ADMIN_VIEWS``, with
an object check) or staff only (``STAFF_ONLY_ROUTES`` below).
"""

import json
import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page, UploadedFile

from accounts.roles import STAFF_GROUP_NAME, SUPPORT_GROUP_NAME, ensure_role
from accounts.tests.factories import UserFactory
from billing.models import StripeEvent, Subscription
from billing.tests.factories import SubscriptionFactory
from storefront_pages.owner_admin import OWNER_ADMIN_REDIRECTS, OWNER_ADMIN_VIEWS
from storefront_pages.tests.factories import make_document, make_image, make_storefront

pytestmark = pytest.mark.django_db

A_TITLE = "Aardvark Secret Draft Bakery"
A_HEADLINE = "Only Aardvark may see this"
A_IMAGE_TITLE = "aardvark secret shopfront photo"
A_DOCUMENT_TITLE = "aardvark secret price list"
A_EMAIL = "aardvark.owner@example.com"
A_USERNAME = "aardvark_owner"
A_SUBSCRIPTION_ID = "sub_aardvarksecret01"
A_EVENT_ID = "evt_aardvarksecret01"
REFUSAL_LOG = "Owners' admin: refused"

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")
# Which of A's objects a parameter (or a route's "pk"-style parameter, or its ``?id=``) names.
PARAMETER_KINDS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "page",
    "page_pk": "page",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "revision_id": "revision",
    "uploaded_file_id": "upload",
    "session_id": "session",
}
ROUTE_KINDS = [
    ("admin/api/main/pages/", "page"),
    ("admin/api/main/images/", "image"),
    ("admin/api/main/documents/", "document"),
    ("admin/pages/", "page"),
    ("admin/choose-page/", "page"),
    ("admin/collections/", "collection"),
    ("admin/images/", "image"),
    ("admin/documents/", "document"),
    ("admin/accounts/profile/", "profile"),
    ("admin/billing/subscriptionplan/", "plan"),
    ("admin/billing/subscription/", "subscription"),
    ("admin/billing/stripeevent/", "event"),
    ("admin/users/", "user"),
    ("admin/groups/", "group"),
    ("admin/editing-sessions/", "page"),
]
FIXED_VALUES = {
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "filter_spec": "original",
    "action_name": "publish",
    "app_label": "storefront_pages",
    "model_name": "storefrontpage",
    "app_name": "wagtailimages",
    "content_type_app_name": "storefront_pages",
    "content_type_model_name": "storefrontpage",
    "uidb64": "MQ",
    "token": "set-password",
}
BULK_MODEL_KINDS = {
    ("wagtailcore", "page"): "page",
    ("wagtailimages", "image"): "image",
    ("wagtaildocs", "document"): "document",
    ("auth", "user"): "user",
}

# Every admin route owners may not reach: a new route fails the decision test until it is
# added here or opened to owners (with an object check) in OWNER_ADMIN_VIEWS.
STAFF_ONLY_ROUTES = {
    "admin/.*/",
    "admin/accounts/profile/",
    "admin/accounts/profile/create/",
    r"admin/accounts/profile/delete/(?P<instance_pk>[-\w]+)/",
    r"admin/accounts/profile/edit/(?P<instance_pk>[-\w]+)/",
    r"admin/accounts/profile/history/(?P<instance_pk>[-\w]+)/",
    r"admin/accounts/profile/inspect/(?P<instance_pk>[-\w]+)/",
    "admin/api/main/documents/",
    "admin/api/main/documents/<int:pk>/",
    "admin/api/main/documents/find/",
    "admin/api/main/images/",
    "admin/api/main/images/<int:pk>/",
    "admin/api/main/images/find/",
    "admin/api/main/pages/",
    "admin/api/main/pages/<int:pk>/",
    "admin/api/main/pages/<int:pk>/action/<str:action_name>/",
    "admin/api/main/pages/find/",
    "admin/billing/stripeevent/",
    "admin/billing/stripeevent/create/",
    r"admin/billing/stripeevent/delete/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/stripeevent/edit/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/stripeevent/history/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/stripeevent/inspect/(?P<instance_pk>[-\w]+)/",
    "admin/billing/subscription/",
    "admin/billing/subscription/create/",
    r"admin/billing/subscription/delete/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/subscription/edit/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/subscription/history/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/subscription/inspect/(?P<instance_pk>[-\w]+)/",
    "admin/billing/subscriptionplan/",
    "admin/billing/subscriptionplan/create/",
    r"admin/billing/subscriptionplan/delete/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/subscriptionplan/edit/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/subscriptionplan/history/(?P<instance_pk>[-\w]+)/",
    r"admin/billing/subscriptionplan/inspect/(?P<instance_pk>[-\w]+)/",
    "admin/studio/accesswebhook/",
    "admin/studio/accesswebhook/create/",
    r"admin/studio/accesswebhook/delete/(?P<instance_pk>[-\w]+)/",
    r"admin/studio/accesswebhook/edit/(?P<instance_pk>[-\w]+)/",
    r"admin/studio/accesswebhook/history/(?P<instance_pk>[-\w]+)/",
    r"admin/studio/accesswebhook/inspect/(?P<instance_pk>[-\w]+)/",
    "admin/block-preview/",
    "admin/choose-page/chosen-multiple/",
    "admin/collections/",
    "admin/collections/<int:collection_id>/privacy/",
    "admin/collections/<int:pk>/",
    "admin/collections/<int:pk>/delete/",
    "admin/collections/add/",
    "admin/documents/usage/<int:document_id>/",
    "admin/embeds/chooser/",
    "admin/embeds/chooser/upload/",
    "admin/failwhale/",
    "admin/forms/",
    "admin/forms/results/",
    "admin/forms/submissions/<int:page_id>/",
    "admin/forms/submissions/<int:page_id>/delete/",
    "admin/forms/submissions/<int:page_id>/results/",
    "admin/groups/",
    "admin/groups/delete/<int:pk>/",
    "admin/groups/edit/<int:pk>/",
    "admin/groups/history-results/<int:pk>/",
    "admin/groups/history/<int:pk>/",
    "admin/groups/new/",
    "admin/groups/results/",
    "admin/groups/usage/<int:pk>/",
    "admin/images/<int:image_id>/generate_url/",
    "admin/images/<int:image_id>/generate_url/output/",
    "admin/images/usage/<int:image_id>/",
    "admin/pages/",
    "admin/pages/<int:page_id>/convert_alias/",
    "admin/pages/<int:page_id>/copy/",
    "admin/pages/<int:page_id>/delete/",
    "admin/pages/<int:page_id>/lock/",
    "admin/pages/<int:page_id>/privacy/",
    "admin/pages/<int:page_id>/unlock/",
    "admin/pages/<int:page_id>/usage/",
    "admin/pages/<int:page_id>/workflow_history/",
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
    "admin/pages/<int:page_to_move_id>/move/",
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
    "admin/pages/<int:page_to_move_id>/set_position/",
    "admin/pages/<int:parent_page_id>/",
    "admin/pages/<int:parent_page_id>/add_subpage/",
    "admin/pages/<int:parent_page_id>/results/",
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",  # noqa: E501
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/",  # noqa: E501
    "admin/pages/create/<slug:app_label>/<slug:model_name>",
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",  # noqa: E501
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
    "admin/password_reset/complete/",
    "admin/password_reset/confirm/<uidb64>/<token>/",
    "admin/password_reset/done/",
    "admin/redirects/",
    "admin/redirects/<int:redirect_id>/",
    "admin/redirects/<int:redirect_id>/delete/",
    "admin/redirects/add/",
    "admin/redirects/import/",
    "admin/redirects/import/process/",
    "admin/redirects/results/",
    "admin/reports/aging-pages/",
    "admin/reports/aging-pages/results/",
    "admin/reports/locked/",
    "admin/reports/locked/results/",
    "admin/reports/page-types-usage/",
    "admin/reports/page-types-usage/results/",
    "admin/reports/site-history/",
    "admin/reports/site-history/results/",
    "admin/reports/workflow/",
    "admin/reports/workflow/results/",
    "admin/reports/workflow_tasks/",
    "admin/reports/workflow_tasks/results/",
    "admin/settings/<slug:app_name>/<slug:model_name>/",
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/",
    "admin/sites/",
    "admin/sites/copy/<int:pk>/",
    "admin/sites/delete/<int:pk>/",
    "admin/sites/edit/<int:pk>/",
    "admin/sites/history-results/<int:pk>/",
    "admin/sites/history/<int:pk>/",
    "admin/sites/new/",
    "admin/sites/results/",
    "admin/sites/usage/<int:pk>/",
    "admin/snippets/",
    "admin/tag-autocomplete/",
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
    "admin/test404/",
    "admin/users/",
    "admin/users/copy/<int:pk>/",
    "admin/users/delete/<int:pk>/",
    "admin/users/edit/<int:pk>/",
    "admin/users/history-results/<int:pk>/",
    "admin/users/history/<int:pk>/",
    "admin/users/new/",
    "admin/users/results/",
    "admin/users/usage/<int:pk>/",
    "admin/workflows/add/",
    "admin/workflows/disable/<int:pk>/",
    "admin/workflows/edit/<int:pk>/",
    "admin/workflows/enable/<int:pk>/",
    "admin/workflows/list/",
    "admin/workflows/list/results/",
    "admin/workflows/remove/<int:page_pk>/",
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/",
    "admin/workflows/task_chooser/",
    "admin/workflows/task_chooser/<int:task_id>/",
    "admin/workflows/task_chooser/create/",
    "admin/workflows/task_chooser/results/",
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/",
    "admin/workflows/tasks/disable/<int:pk>/",
    "admin/workflows/tasks/edit/<int:pk>/",
    "admin/workflows/tasks/enable/<int:pk>/",
    "admin/workflows/tasks/index/",
    "admin/workflows/tasks/index/results/",
    "admin/workflows/tasks/select_type/",
    "admin/workflows/usage/<int:pk>/",
    "admin/workflows/usage/<int:pk>/results/",
}


def admin_routes(patterns=None, prefix="", namespace=""):
    """(route text, view name) for every URL pattern under /admin/, includes joined up."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from admin_routes(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield route.replace("\\.", "."), name


def resolving_names():
    """Route text → the view name that answers it (the first pattern wins, as in resolving)."""
    names = {}
    for route, name in admin_routes():
        names.setdefault(route, name)
    return names


def open_to_owners(route):
    """Allowlisted for owners, or (the admin home, the account page) sent on to the Hub's own."""
    name = resolving_names().get(route)
    return name in OWNER_ADMIN_VIEWS or name in OWNER_ADMIN_REDIRECTS


def kind_of_route(route):
    for route_prefix, kind in ROUTE_KINDS:
        if route.startswith(route_prefix):
            return kind
    return None


def kind_of_parameter(route, name):
    if name in PARAMETER_KINDS:
        return PARAMETER_KINDS[name]
    if name in {"pk", "instance_pk", "object_id"}:
        return kind_of_route(route) or "page"
    return None


def fill(route, ids, overrides=None):
    """The route with each parameter set to the owner's object of that kind."""

    def value(match):
        name = match["name"] or match["group"]
        if overrides and name in overrides:
            return overrides[name]
        kind = kind_of_parameter(route, name)
        return str(ids[kind]) if kind else FIXED_VALUES.get(name, "1")

    return "/" + PARAMETER.sub(value, route)


def requests_for(ids):
    """(route, url) for every admin route, bulk actions once per registered action."""
    for route, _name in admin_routes():
        if route.startswith("admin/bulk/"):
            for (app_label, model_name), kind in BULK_MODEL_KINDS.items():
                for action in bulk_action_registry.get_bulk_actions_for_model(
                    app_label, model_name
                ):
                    overrides = {
                        "app_label": app_label,
                        "model_name": model_name,
                        "action": action.action_type,
                    }
                    yield route, f"{fill(route, ids, overrides)}?id={ids[kind]}"
            continue
        kind = kind_of_route(route) or "page"
        yield route, f"{fill(route, ids)}?id={ids[kind]}&q=aardvark"


def owner_world(business_name, *, secret=False):
    """An owner with a draft storefront, an image, a document, a subscription, an event,
    an unfinished upload, an editing session and a staff edit in their profile's history."""
    page = make_storefront(business_name, headline=A_HEADLINE if secret else "Welcome")
    profile = page.profile
    user = profile.user
    if secret:
        user.username, user.email = A_USERNAME, A_EMAIL
        user.save(update_fields=["username", "email"])
    access = profile.storefront_access
    prefix = "aardvark secret" if secret else business_name.lower()
    image = make_image(access.collection, A_IMAGE_TITLE if secret else f"{prefix} photo")
    document = make_document(
        access.collection, A_DOCUMENT_TITLE if secret else f"{prefix} price list"
    )
    subscription = SubscriptionFactory(
        profile=profile,
        **({"stripe_subscription_id": A_SUBSCRIPTION_ID} if secret else {}),
    )
    event = StripeEvent.objects.create(
        stripe_event_id=A_EVENT_ID if secret else f"evt_{user.pk}",
        type="customer.subscription.updated",
        stripe_created_at=timezone.now(),
        payload={"data": {"object": {"id": subscription.stripe_subscription_id}}},
    )
    upload = UploadedFile.objects.create(uploaded_by_user=user, file="wagtail_uploads/x.png")
    session = EditingSession.objects.create(
        user=user,
        content_type_id=page.content_type_id,
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )
    return {
        "page": page.pk,
        "revision": page.latest_revision_id,
        "image": image.pk,
        "document": document.pk,
        "collection": access.collection_id,
        "profile": profile.pk,
        "plan": subscription.plan_id,
        "subscription": subscription.pk,
        "event": event.pk,
        "user": user.pk,
        "group": access.group_id,
        "upload": upload.pk,
        "session": session.pk,
        "_objects": {"page": page, "image": image, "document": document},
    }


@pytest.fixture
def world_a(db):
    return owner_world(A_TITLE, secret=True)


@pytest.fixture
def world_b(db):
    return owner_world("Bumblebee Barbers")


def signed_in_client(user):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(user)
    # An owner's admin home is their dashboard: follow it to a page with a form (and its token).
    client.get("/admin/", follow=True)
    return client, client.cookies["csrftoken"].value


def a_secrets(world):
    objects = world["_objects"]
    return [
        A_TITLE,
        A_HEADLINE,
        A_IMAGE_TITLE,
        A_DOCUMENT_TITLE,
        A_EMAIL,
        A_USERNAME,
        A_SUBSCRIPTION_ID,
        A_EVENT_ID,
        objects["page"].slug,
        objects["image"].file.name.rsplit("/", 1)[-1],
        objects["document"].file.name.rsplit("/", 1)[-1],
    ]


def json_ids(value):
    """Every value under an "id" or "pk" key of a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"id", "pk"} and not isinstance(item, (dict, list)):
                yield str(item)
            yield from json_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_ids(item)


def leaks_in(response, secrets, a_ids):
    body = getattr(response, "content", b"").decode(errors="replace")
    found = [secret for secret in secrets if secret.lower() in body.lower()]
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            found += [f"id {value}" for value in json_ids(json.loads(body)) if value in a_ids]
        except ValueError:
            pass
    return found


def snapshot(world):
    """What must not change about A's things, whatever B sends."""
    objects = world["_objects"]
    page = Page.objects.get(pk=world["page"])
    image = type(objects["image"]).objects.get(pk=world["image"])
    document = type(objects["document"]).objects.get(pk=world["document"])
    subscription = Subscription.objects.get(pk=world["subscription"])
    group = Group.objects.get(pk=world["group"])
    return {
        "page": (
            page.title,
            page.draft_title,
            page.slug,
            page.live,
            page.path,
            page.locked,
            page.revisions.count(),
            page.view_restrictions.count(),
            page.latest_revision_id,
        ),
        "pages": Page.objects.count(),
        "image": (image.title, image.collection_id, image.file.name, list(image.tags.names())),
        "document": (document.title, document.collection_id, document.file.name),
        "subscription": (subscription.status, subscription.profile_id, subscription.plan_id),
        "events": StripeEvent.objects.count(),
        "group": (group.name, group.permissions.count(), group.page_permissions.count()),
        "sessions": EditingSession.objects.filter(pk=world["session"]).count(),
        "uploads": UploadedFile.objects.filter(pk=world["upload"]).count(),
    }


def test_every_admin_route_has_a_decision():
    undecided = sorted(
        route
        for route in resolving_names()
        if route not in STAFF_ONLY_ROUTES and not open_to_owners(route)
    )
    assert undecided == [], (
        "New admin routes: decide who may reach each. Owners: add the URL name with an object "
        "check to storefront_pages/owner_admin.py OWNER_ADMIN_VIEWS; staff only: add the route "
        "to STAFF_ONLY_ROUTES in this file."
    )
    opened = {route for route in resolving_names() if open_to_owners(route)}
    assert not opened & STAFF_ONLY_ROUTES, "A route cannot be both open to owners and staff-only."


def test_owner_b_reaches_nothing_of_owner_a_through_any_admin_url(world_a, world_b):
    client, token = signed_in_client(Page.objects.get(pk=world_b["page"]).owner)
    secrets = a_secrets(world_a)
    a_ids = {str(value) for key, value in world_a.items() if not key.startswith("_")}
    before = snapshot(world_a)
    leaks, errors, routes, sent = [], [], set(), 0
    for route, url in requests_for(world_a):
        routes.add(route)
        for method in ("get", "post"):
            sent += 1
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(
                    url,
                    {"csrfmiddlewaretoken": token, "title": "Taken over by B", "q": "aardvark"},
                    HTTP_X_CSRFTOKEN=token,
                )
            if response.status_code >= 500:
                errors.append(f"{method.upper()} {url} ({route}): {response.status_code}")
            if shown := leaks_in(response, secrets, a_ids):
                leaks.append(f"{method.upper()} {url} ({route}): {response.status_code} {shown}")
    print(
        f"\nOwners' admin isolation: {len(routes)} admin routes, {sent} requests "
        f"(GET and POST with a valid CSRF token) as owner B with owner A's ids; "
        f"the owners' allowlist has {len(OWNER_ADMIN_VIEWS)} views."
    )
    assert errors == []
    assert leaks == []
    assert snapshot(world_a) == before
    assert len(routes) >= 200


def test_owner_b_can_use_every_allowlisted_view_on_their_own_things(world_a, world_b, caplog):
    client, _token = signed_in_client(Page.objects.get(pk=world_b["page"]).owner)
    # Bulk actions are open to owners for their images and documents only.
    opened = [
        url
        for route, url in requests_for(world_b)
        if open_to_owners(route)
        and ("/bulk/" not in url or "/wagtailimages/" in url or "/wagtaildocs/" in url)
    ]
    statuses = {}
    with caplog.at_level(logging.INFO, logger="storefront_pages.owner_admin"):
        for url in opened:
            statuses[url] = client.get(url).status_code
    refused = [record.getMessage() for record in caplog.records if REFUSAL_LOG in record.message]
    assert refused == []
    assert not [url for url, status in statuses.items() if status >= 500]
    assert len(statuses) >= 50


@pytest.mark.parametrize("role", ["superuser", "Staff", "Support"])
def test_staff_roles_keep_every_admin_view(world_a, role, caplog):
    if role == "superuser":
        user = UserFactory(username="root", is_superuser=True, is_staff=True)
    else:
        user = UserFactory(username=f"{role.lower()}-member")
        group = ensure_role(role)
        assert group.name in {STAFF_GROUP_NAME, SUPPORT_GROUP_NAME}
        user.groups.add(group)
    client, _token = signed_in_client(user)
    answered = 0
    with caplog.at_level(logging.INFO, logger="storefront_pages.owner_admin"):
        for _route, url in requests_for(world_a):
            answered += client.get(url).status_code == 200
    refused = [record.getMessage() for record in caplog.records if REFUSAL_LOG in record.message]
    print(f"\n{role}: {answered} admin URLs answered 200 with owner A's ids.")
    assert refused == []
    assert answered >= {"superuser": 60, "Staff": 50, "Support": 25}[role]


def test_history_views_of_businesses_subscriptions_and_events_are_closed_to_owners(
    world_a, world_b
):
    client, _token = signed_in_client(Page.objects.get(pk=world_b["page"]).owner)
    for url in [
        f"/admin/accounts/profile/history/{world_a['profile']}/",
        f"/admin/accounts/profile/history/{world_b['profile']}/",
        f"/admin/billing/subscription/history/{world_a['subscription']}/",
        f"/admin/billing/stripeevent/history/{world_a['event']}/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert A_TITLE not in response.content.decode()
