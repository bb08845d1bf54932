"""Owner B, with every one of owner A's ids, against every Wagtail admin route that takes one.

The routes are enumerated from the live URLconf, so an admin view added by a Wagtail upgrade or a
new app is checked without anyone remembering to add it here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

from .conftest import A_DOCUMENT_TITLE, A_IMAGE_TITLE, A_TITLE

pytestmark = pytest.mark.django_db

# Which URL parameters name which of A's objects ("pk" depends on the route, see below).
PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
IMAGE_PARAMETERS = {"image_id"}
DOCUMENT_PARAMETERS = {"document_id", "doc_id"}
COLLECTION_PARAMETERS = {"collection_id"}
PK_ROUTE_KINDS = [
    ("admin/api/main/pages/", "page"),
    ("admin/api/main/images/", "image"),
    ("admin/api/main/documents/", "document"),
    ("admin/pages/", "page"),
    ("admin/collections/", "collection"),
    ("admin/images/chooser/", "image"),
    ("admin/documents/chooser/", "document"),
]
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")
# A minimum well below today's count (about 50) that still proves the walk found the admin.
MINIMUM_ROUTES = 30


def admin_routes(patterns=None, prefix=""):
    """Every URL pattern's route text, with nested includes joined up."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            yield route.replace("\\.", ".")


def kind_of(route, name):
    if name in PAGE_PARAMETERS:
        return "page"
    if name in IMAGE_PARAMETERS:
        return "image"
    if name in DOCUMENT_PARAMETERS:
        return "document"
    if name in COLLECTION_PARAMETERS:
        return "collection"
    if name in {"pk", "object_id"}:
        for route_prefix, kind in PK_ROUTE_KINDS:
            if route.startswith(route_prefix):
                return kind
    return None


def filler(name, targets):
    """Values for a route's other parameters, chosen so the route reaches A's objects."""
    return {
        "revision_id": str(targets["revision"]),
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "filter_spec": "original",
        "action_name": "publish",
        "app_label": "wagtailcore",
        "model_name": "page",
        "content_type_app_name": "storefront_pages",
        "content_type_model_name": "storefrontpage",
    }.get(name, "1")


def value_for(route, match, targets):
    name = match["name"] or match["group"]
    kind = kind_of(route, name)
    return str(targets[kind]) if kind else filler(name, targets)


def routes_taking_a_ids(targets):
    """(route, url) for each admin route with a page/image/document/collection parameter."""
    for route in admin_routes():
        kinds = [
            kind_of(route, match["name"] or match["group"]) for match in PARAMETER.finditer(route)
        ]
        if not any(kinds):
            continue

        yield (
            route,
            PARAMETER.sub(lambda match, route=route: value_for(route, match, targets), route),
        )


def snapshot(storefront_a):
    """What must not change about A's things, whatever B does."""
    page = Page.objects.get(pk=storefront_a.pk)
    image = type(storefront_a.secret_image).objects.get(pk=storefront_a.secret_image.pk)
    document = type(storefront_a.secret_document).objects.get(pk=storefront_a.secret_document.pk)
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
        "image": (image.title, image.collection_id, image.file.name),
        "document": (document.title, document.collection_id, document.file.name),
        "collection": storefront_a.profile.storefront_access.collection.get_children_count(),
    }


def test_owner_b_cannot_see_or_change_anything_of_owner_a_through_any_admin_route(
    storefront_a, client_b
):
    targets = {
        "page": storefront_a.pk,
        "image": storefront_a.secret_image.pk,
        "document": storefront_a.secret_document.pk,
        "collection": storefront_a.profile.storefront_access.collection.pk,
        "revision": storefront_a.latest_revision_id,
    }
    secrets = [A_TITLE, "Only A may see this", A_IMAGE_TITLE, A_DOCUMENT_TITLE]
    before = snapshot(storefront_a)
    leaks = []
    checked = 0
    for route, url in routes_taking_a_ids(targets):
        checked += 1
        for method in ("get", "post"):
            response = getattr(client_b, method)(f"/{url}", {"title": "Taken over by B"})
            body = getattr(response, "content", b"").decode(errors="replace")
            shown = [secret for secret in secrets if secret.lower() in body.lower()]
            if 200 <= response.status_code < 300 and shown:
                leaks.append(f"{method.upper()} /{url} ({route}): {response.status_code} {shown}")
    print(
        f"\nIsolation: checked {checked} admin routes that take a page, image, document or "
        "collection id, each with GET and POST as owner B using owner A's ids."
    )
    assert leaks == []
    assert snapshot(storefront_a) == before
    assert checked >= MINIMUM_ROUTES
