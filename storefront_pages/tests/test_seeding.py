"""Seeded storefronts (benchmarks) are what an owner who created and published one would have."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    ReferenceIndex,
)

from storefront_pages.models import StorefrontIndexPage, StorefrontPage
from storefront_pages.seeding import seeded_owner_count, seeded_owners

from .factories import make_storefront

pytestmark = pytest.mark.django_db


def found_by_search(words):
    """Live storefronts Wagtail's search backend finds for ``words`` (what /search/ asks)."""
    return [page.pk for page in StorefrontPage.objects.live().search(words, operator="and")]


def seed(**how_many):
    call_command("seed_storefronts", **how_many, stdout=io.StringIO())


def grants(page):
    """Every right the page's owner holds, by name (ids differ from owner to owner)."""
    group = page.profile.storefront_access.group
    return {
        "admin": sorted(group.permissions.values_list("codename", flat=True)),
        "page": sorted(
            GroupPagePermission.objects.filter(group=group, page=page).values_list(
                "permission__codename", flat=True
            )
        ),
        "media": sorted(
            GroupCollectionPermission.objects.filter(
                group=group, collection=page.profile.storefront_access.collection
            ).values_list("permission__codename", flat=True)
        ),
        "groups of the owner": [group.name == f"Storefront owner #{page.profile.pk}"],
    }


def references(page):
    """What the reference index says the page points to (Wagtail's "usage" views read it)."""
    return sorted(
        ReferenceIndex.get_references_for_object(page).values_list("model_path", "to_object_id")
    )


def actions(page):
    return set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))


def test_count_creates_that_many_more_and_up_to_tops_up():
    seed(count=3)
    assert seeded_owner_count() == 3
    seed(count=2)
    assert seeded_owner_count() == 5
    seed(up_to=4)
    assert seeded_owner_count() == 5
    seed(up_to=7)
    assert seeded_owner_count() == 7
    assert StorefrontPage.objects.live().count() == 7


def test_new_seeded_owners_are_numbered_after_every_earlier_one():
    seed(count=3)
    # One fewer counts as seeded (its address changed), but its number stays taken.
    get_user_model().objects.filter(username="seed-1").update(email="moved@example.com")
    seed(count=2)
    assert sorted(seeded_owners().values_list("username", flat=True)) == [
        "seed-0",
        "seed-2",
        "seed-3",
        "seed-4",
    ]


def test_a_negative_count_is_refused():
    with pytest.raises(CommandError):
        seed(count=-1)


def test_a_seeded_storefront_has_what_creating_and_publishing_one_leaves(client):
    real = make_storefront("Real Bakery", live=True, headline="Fresh bread", town="Leeds")
    seed(count=3)
    seeded = StorefrontPage.objects.get(slug="seed-1")

    assert seeded.live and not seeded.has_unpublished_changes
    assert seeded.live_revision_id == seeded.latest_revision_id
    assert seeded.first_published_at is not None
    assert seeded.owner == seeded.profile.user
    assert seeded.get_parent().specific == StorefrontIndexPage.objects.get()
    assert seeded.get_latest_revision_as_object().headline == seeded.headline
    assert grants(seeded) == grants(real)
    assert set(seeded.profile.user.groups.all()) == {seeded.profile.storefront_access.group}
    assert actions(seeded) == actions(real) == {"wagtail.create", "wagtail.edit", "wagtail.publish"}
    # A storefront without images or links points to nothing; seeding writes no references.
    assert references(seeded) == references(real) == []
    # The trees stay consistent: paths, depths and child counts as treebeard keeps them.
    assert Page.find_problems() == ([], [], [], [], [])
    assert Collection.find_problems() == ([], [], [], [], [])

    # What the public sees.
    assert client.get(seeded.url).status_code == 200
    assert seeded.title in client.get("/storefront/").content.decode()
    assert found_by_search(seeded.title) == [seeded.pk]

    # What the owner can do: edit and publish their own page, and nothing else.
    owner = seeded.profile.user
    rights = seeded.permissions_for_user(owner)
    assert rights.can_edit() and rights.can_publish()
    assert not real.permissions_for_user(owner).can_edit()
    client.force_login(owner)
    assert client.get(f"/admin/pages/{seeded.pk}/edit/").status_code == 200


def test_a_storefront_made_after_seeding_goes_after_the_seeded_ones():
    seed(count=2)
    later = make_storefront("Later Barbers", live=True)
    assert later.path > StorefrontPage.objects.get(slug="seed-1").path
    assert Page.find_problems() == ([], [], [], [], [])
    assert Collection.find_problems() == ([], [], [], [], [])
