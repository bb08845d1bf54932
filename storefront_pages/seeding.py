"""Owners with live storefronts made in bulk, for benchmarks: the rows provisioning and publishing
make for one owner, written a batch at a time.

``create_storefront`` followed by ``publish_storefront`` costs ~200 queries and ~0.2 s per owner
(Wagtail validates, serialises and logs each step, and treebeard renumbers the parent once per
child); 10,000 owners took ~40 minutes. Here each table gets one INSERT per batch (the storefront
table one per page: Django cannot bulk-insert a multi-table child), the tree paths of a batch are
computed at once from the last sibling, and the search index is written in bulk. The result is
what the real flow leaves behind for an owner who created and published their storefront: the
same page, group, collection, permissions, published revision, audit log and search entry
(storefront_pages/tests/test_seeding.py compares the two). The reference index gets nothing: a
seeded storefront points to no image, document or page, and Wagtail records none for such a page.
"""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
)
from wagtail.search.backends import get_search_backend

from accounts.models import Profile, trial_end_from
from page_cache.wagtail_pages import invalidate_page_and_parent

from .models import StorefrontAccess, StorefrontPage
from .provisioning import (
    OwnerGrants,
    owner_collection_name,
    storefront_index,
    storefronts_collection,
)

EMAIL_DOMAIN = "seed.mintkit.invalid"
TOWNS = ["Leeds", "Whitby", "Bristol", "Norwich", "Carlisle", "Truro", "Bath", "York"]
TRADES = ["Bakery", "Barbers", "Pottery", "Gym", "Florist", "Tutor", "Cafe", "Bookshop"]
BATCH_SIZE = 500


class SlugsTaken(Exception):
    """Some of the slugs the seeded storefronts would get already belong to other pages."""


def seeded_owners():
    return get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")


def seeded_owner_count():
    return seeded_owners().count()


def next_seed_number():
    """One more than the newest seeded owner's number (``seed-<number>``): never a number
    already used, even after some seeded owners were deleted."""
    newest = seeded_owners().order_by("-pk").values_list("username", flat=True).first()
    return int(newest.removeprefix("seed-")) + 1 if newest else 0


def seed_storefronts(count, progress=None):
    """Create ``count`` owners, each with a live storefront, numbered after those seeded before.

    Each batch is one transaction: an interrupted run leaves whole owners only. ``progress``
    is called with the number made so far after each batch.
    """
    # Unusable: nobody signs in as a seeded owner with a password (tests and benchmarks sign
    # them in directly), so a database seeded by mistake opens no account to a known password.
    # Hashing a real password is deliberately slow; one unusable value serves every owner.
    password = make_password(None)
    first_number = next_seed_number()
    made = 0
    while made < count:
        numbers = range(first_number + made, first_number + min(count, made + BATCH_SIZE))
        seed_batch(numbers, password)
        made += len(numbers)
        if progress is not None:
            progress(made)
    if made:
        # The directory lists the new storefronts: drop its cached copy once, not per page.
        invalidate_page_and_parent(StorefrontPage.objects.order_by("-path").first())
        refresh_planner_statistics()
    return made


def refresh_planner_statistics():
    """Let PostgreSQL's planner see the rows just loaded (as its manual advises after a bulk
    load) instead of waiting for autovacuum: with stale statistics, finding the directory page
    or its last child scans every storefront, and each owner's write pays for it."""
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (Page, StorefrontPage, Revision, PageLogEntry, Collection, Group)
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")


def owner_details(number):
    trade = TRADES[number % len(TRADES)]
    town = TOWNS[(number // len(TRADES)) % len(TOWNS)]
    return {
        "name": f"{town} {trade} {number}",
        "slug": f"seed-{number}",
        "headline": f"The friendliest {trade.lower()} in {town}",
        "town": town,
    }


@transaction.atomic
def seed_batch(numbers, password):
    details = [owner_details(number) for number in numbers]
    index = storefront_index()
    taken = set(
        index.get_children()
        .filter(slug__in=[item["slug"] for item in details])
        .values_list("slug", flat=True)
    )
    if taken:
        raise SlugsTaken(", ".join(sorted(taken)))
    now = timezone.now()
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"seed-{number}",
            email=f"seed-{number}@{EMAIL_DOMAIN}",
            password=password,
            date_joined=now,
        )
        for number in numbers
    )
    profiles = Profile.objects.bulk_create(
        Profile(
            user=user,
            business_name=item["name"],
            contact_email=user.email,
            created_at=now,
            trial_ends_at=trial_end_from(now),
        )
        for user, item in zip(users, details, strict=True)
    )
    grants = OwnerGrants()
    groups = grant_groups(users, profiles, grants)
    collections = add_children(
        storefronts_collection(),
        [Collection(name=owner_collection_name(profile)) for profile in profiles],
    )
    StorefrontAccess.objects.bulk_create(
        StorefrontAccess(profile=profile, group=group, collection=collection)
        for profile, group, collection in zip(profiles, groups, collections, strict=True)
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=grant)
        for group, collection in zip(groups, collections, strict=True)
        for grant in grants.media
    )
    pages = add_storefronts(index, users, profiles, details, now)
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=page, permission=grant)
        for group, page in zip(groups, pages, strict=True)
        for grant in grants.page
    )
    get_search_backend().add_bulk(StorefrontPage, pages)


def grant_groups(users, profiles, grants):
    """Each owner's own group, with admin access, and the owner in it."""
    groups = Group.objects.bulk_create(
        Group(name=f"Storefront owner #{profile.pk}") for profile in profiles
    )
    Group.permissions.through.objects.bulk_create(
        Group.permissions.through(group=group, permission=grants.admin) for group in groups
    )
    get_user_model().groups.through.objects.bulk_create(
        get_user_model().groups.through(user=user, group=group)
        for user, group in zip(users, groups, strict=True)
    )
    return groups


def add_children(parent, nodes):
    """``nodes`` appended after ``parent``'s last child, with one INSERT and one numchild
    update for the lot. That is where treebeard's ``add_child`` puts each: pages are not sorted,
    and collections are sorted by name, which ``owner_collection_name`` makes increase."""
    last = parent.get_last_child()
    first_step = last._get_lastpos_in_path() + 1 if last is not None else 1
    for offset, node in enumerate(nodes):
        node.depth = parent.depth + 1
        node.path = parent._get_path(parent.path, node.depth, first_step + offset)
        node.numchild = 0
    type(parent).objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(nodes))
    if isinstance(parent, Page):
        return nodes  # pages are written by the caller: their rows span two tables
    return type(parent).objects.bulk_create(nodes)


def add_storefronts(index, users, profiles, details, now):
    """The live storefront pages, their published revision and the audit log of both steps."""
    content_type = ContentType.objects.get_for_model(StorefrontPage)
    pages = add_children(
        index,
        [
            StorefrontPage(
                title=item["name"],
                draft_title=item["name"],
                slug=item["slug"],
                url_path=f"{index.url_path}{item['slug']}/",
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                owner=user,
                profile=profile,
                contact_email=profile.contact_email,
                headline=item["headline"],
                town=item["town"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                latest_revision_created_at=now,
            )
            for user, profile, item in zip(users, profiles, details, strict=True)
        ],
    )
    # bulk_create refuses multi-table models only because it cannot insert the parent rows
    # itself: the Page rows go in first, then the storefront rows through the queryset's
    # internal _insert that bulk_create runs (no signals: nothing is cached or indexed yet).
    page_rows = Page.objects.bulk_create(Page(**page_fields(page)) for page in pages)
    for page, row in zip(pages, page_rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        for relation in get_all_child_relations(StorefrontPage):
            # A new page has none: serialising it need not ask the database.
            setattr(page, relation.get_accessor_name(), [])
    StorefrontPage._base_manager._insert(pages, fields=StorefrontPage._meta.local_concrete_fields)
    base_content_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(page.pk),
            created_at=now,
            user=page.owner,
            object_str=page.title,
            content=page.serializable_data(),
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=content_type,
            label=page.title,
            action=action,
            timestamp=now,
            user=page.owner,
            revision=revision if action != "wagtail.create" else None,
            content_changed=True,
            page=page,
        )
        for page, revision in zip(pages, revisions, strict=True)
        for action in ("wagtail.create", "wagtail.edit", "wagtail.publish")
    )
    return pages


def page_fields(page):
    """The values of ``page``'s columns in the Page table."""
    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if not field.primary_key
    }
