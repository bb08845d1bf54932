"""Provisioning: one storefront per profile, exactly the rights it needs, safe to repeat."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from accounts.tests.factories import ProfileFactory
from storefront_pages.models import StorefrontIndexPage, StorefrontPage
from storefront_pages.provisioning import (
    StorefrontExists,
    create_storefront,
    provision_storefront,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "collection permissions": GroupCollectionPermission.objects.count(),
        "pages": Page.objects.count(),
    }


def test_the_directory_exists_once_at_storefront_under_the_home_page():
    index = StorefrontIndexPage.objects.get()
    assert index.url == "/storefront/"
    assert index.live
    assert index.get_parent().specific_class.__name__ == "HomePage"


def test_provisioning_twice_changes_nothing():
    profile = ProfileFactory(business_name="Twice Bakery")
    page = provision_storefront(profile)
    before = counts()
    revisions = page.revisions.count()
    again = provision_storefront(profile)
    assert again.pk == page.pk
    assert counts() == before
    assert page.revisions.count() == revisions
    assert profile.user.groups.count() == 1


def test_two_owners_get_two_groups_two_collections_two_pages():
    before = counts()
    first = provision_storefront(ProfileFactory(business_name="First Florist"))
    second = provision_storefront(ProfileFactory(business_name="Second Cycles"))
    assert first.pk != second.pk
    first_access = first.profile.storefront_access
    second_access = second.profile.storefront_access
    assert first_access.group != second_access.group
    assert first_access.collection != second_access.collection
    assert first_access.collection.get_parent().name == "Storefronts"
    after = counts()
    assert after["pages"] == before["pages"] + 2
    # Two owner groups; the Staff and Support roles were made by migrate, not here.
    assert after["groups"] == before["groups"] + 2


def test_owner_group_holds_change_and_publish_on_their_page_only():
    page = provision_storefront(ProfileFactory(business_name="Scoped Saddlers"))
    group = page.profile.storefront_access.group
    grants = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert grants == {(page.pk, "change_page"), (page.pk, "publish_page")}
    assert set(group.permissions.values_list("codename", flat=True)) == {"access_admin"}
    media = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection_id", "permission__codename"
        )
    )
    collection_id = page.profile.storefront_access.collection_id
    assert media == {
        (collection_id, codename)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        )
    }
    assert page.owner == page.profile.user
    assert page.profile.user.groups.get() == group


def test_a_profile_has_at_most_one_storefront():
    profile = ProfileFactory(business_name="Only Once")
    first = create_storefront(profile, "Only Once", "only-once")
    with pytest.raises(StorefrontExists) as refused:
        create_storefront(profile, "Only Twice", "only-twice")
    assert refused.value.storefront == first
    assert StorefrontPage.objects.filter(profile=profile).count() == 1


def test_new_storefronts_are_drafts_under_the_directory():
    page = provision_storefront(ProfileFactory(business_name="Draft Dairy"))
    assert not page.live
    assert page.get_parent().specific_class is StorefrontIndexPage
    assert page.url == "/storefront/draft-dairy/"
