"""Deleting an owner: Stripe first, then every trace; with Stripe down, nothing at all."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from wagtail.log_actions import log
from wagtail.models import Collection, ModelLogEntry, Page, PageLogEntry, Revision

from accounts.models import Profile
from accounts.roles import STAFF_GROUP_NAME, ensure_role
from accounts.signals import owner_will_be_deleted
from accounts.tests.factories import UserFactory
from billing.models import BillingCustomer, StripeEvent, Subscription
from home.deletion import OwnerDeletionFailed, delete_owner, deletion_preview
from storefront_pages.tests.factories import make_document, make_image, make_storefront

pytestmark = pytest.mark.django_db


def subscribe(client, profile, plan, fake_stripe):
    """The owner pays a real Checkout in the stand-in; returns their stored subscription."""
    client.force_login(profile.user)
    location = client.post(f"/billing/checkout/{plan.slug}/")["Location"]
    session_id = re.search(r"(cs_test_\w+)", location).group(1)
    fake_stripe.complete_checkout(session_id)
    client.get(f"/billing/success/?session_id={session_id}")
    return Subscription.objects.get(profile=profile)


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Files on a real disk: Wagtail deletes them in a task that rebuilds the storage, which an
    in-memory storage would not survive."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.fixture
def subscribed_owner(client, plan, fake_stripe, media_on_disk):
    """An owner with a live storefront, an image (with a rendition), a document, a paid plan
    and a Stripe event on record; returns what the test needs to look for afterwards."""
    page = make_storefront("Lee's Gym & Spa", live=True)
    profile = page.profile
    collection = profile.storefront_access.collection
    image = make_image(collection, "gym floor")
    rendition = image.get_rendition("fill-40x40")
    document = make_document(collection, "gym prices")
    subscription = subscribe(client, profile, plan, fake_stripe)
    StripeEvent.objects.create(
        stripe_event_id="evt_kept01",
        type="customer.subscription.created",
        stripe_created_at=subscription.last_synced_at,
        payload={"data": {"object": {"id": subscription.stripe_subscription_id}}},
    )
    return {
        "user": profile.user,
        "profile_id": profile.pk,
        "page_id": page.pk,
        "slug": page.slug,
        "group_id": profile.storefront_access.group_id,
        "collection_id": collection.pk,
        "files": [image.file.name, rendition.file.name, document.file.name],
        "subscription_id": subscription.stripe_subscription_id,
    }


def test_preview_says_what_will_go_before_anything_does(subscribed_owner):
    preview = deletion_preview(subscribed_owner["user"])
    text = " ".join(preview.summary)
    assert "Lee's Gym & Spa" in text
    assert f"/storefront/{subscribed_owner['slug']}/" in text
    assert "1 image(s) and 1 document(s)" in text
    assert "Studio Monthly subscription (free period) is cancelled now" in text
    assert Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()


def test_deleting_an_owner_cancels_stripe_and_leaves_no_trace(
    subscribed_owner, fake_stripe, client, django_capture_on_commit_callbacks
):
    profile = Profile.objects.get(pk=subscribed_owner["profile_id"])
    log(instance=profile, action="wagtail.edit", user=subscribed_owner["user"])
    heard = []
    owner_will_be_deleted.connect(
        lambda sender, profile, **kw: heard.append(profile.business_name), weak=False
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            delete_owner(subscribed_owner["user"])
    finally:
        owner_will_be_deleted.receivers.clear()
    assert heard == ["Lee's Gym & Spa"]
    remote = fake_stripe.state.subscriptions[subscribed_owner["subscription_id"]]
    assert remote["status"] == "canceled"
    assert not get_user_model().objects.filter(pk=subscribed_owner["user"].pk).exists()
    assert not Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()
    assert not Page.objects.filter(pk=subscribed_owner["page_id"]).exists()
    assert not Revision.objects.filter(object_id=str(subscribed_owner["page_id"])).exists()
    assert not PageLogEntry.objects.filter(page_id=subscribed_owner["page_id"]).exists()
    assert not ModelLogEntry.objects.filter(label__contains="Lee's Gym").exists()
    assert not Group.objects.filter(pk=subscribed_owner["group_id"]).exists()
    assert not Collection.objects.filter(pk=subscribed_owner["collection_id"]).exists()
    assert not BillingCustomer.objects.exists()
    assert not Subscription.objects.exists()
    assert [name for name in subscribed_owner["files"] if default_storage.exists(name)] == []
    # Stripe's record stays.
    assert StripeEvent.objects.filter(stripe_event_id="evt_kept01").exists()
    assert client.get(f"/storefront/{subscribed_owner['slug']}/").status_code == 404


def test_with_stripe_down_nothing_is_deleted(subscribed_owner, fake_stripe):
    fake_stripe.fail_next("/v1/subscriptions", status=500, count=5)
    with pytest.raises(OwnerDeletionFailed) as failure:
        delete_owner(subscribed_owner["user"])
    assert "Nothing was deleted" in failure.value.user_message
    assert fake_stripe.state.subscriptions[subscribed_owner["subscription_id"]]["status"] != (
        "canceled"
    )
    assert Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()
    assert Page.objects.filter(pk=subscribed_owner["page_id"]).exists()
    assert Group.objects.filter(pk=subscribed_owner["group_id"]).exists()
    assert Subscription.objects.filter(status="trialing").exists()
    assert all(default_storage.exists(name) for name in subscribed_owner["files"])


def test_an_owner_who_never_subscribed_is_deleted_without_asking_stripe(settings):
    page = make_storefront("Quiet Corner Cafe")
    user = page.profile.user
    delete_owner(user)
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Page.objects.filter(pk=page.pk).exists()


@pytest.fixture
def staff_member(client):
    user = UserFactory(username="staff-member")
    user.groups.add(ensure_role(STAFF_GROUP_NAME))
    client.force_login(user)
    return user


def test_wagtail_user_delete_says_what_happens_then_deletes_safely(
    client, subscribed_owner, fake_stripe, staff_member
):
    owner = subscribed_owner["user"]
    url = f"/admin/users/delete/{owner.pk}/"
    page = client.get(url).content.decode()
    assert "Studio Monthly subscription (free period) is cancelled now" in page
    assert Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/users/"
    remote = fake_stripe.state.subscriptions[subscribed_owner["subscription_id"]]
    assert remote["status"] == "canceled"
    assert not Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()
    assert not Group.objects.filter(pk=subscribed_owner["group_id"]).exists()


def test_wagtail_user_delete_with_stripe_down_deletes_nothing(
    client, subscribed_owner, fake_stripe, staff_member
):
    owner = subscribed_owner["user"]
    fake_stripe.fail_next("/v1/", status=500, count=5)
    response = client.post(f"/admin/users/delete/{owner.pk}/", follow=True)
    assert "Nothing was deleted" in response.content.decode()
    assert Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()
    assert Page.objects.filter(pk=subscribed_owner["page_id"]).exists()


def test_bulk_delete_of_owners_is_refused(client, subscribed_owner, staff_member):
    owner = subscribed_owner["user"]
    url = f"/admin/bulk/auth/user/delete/?id={owner.pk}"
    response = client.post(url, follow=True)
    assert "deleted one at a time" in response.content.decode()
    assert get_user_model().objects.filter(pk=owner.pk).exists()


def test_businesses_list_offers_no_cascade_delete(client, subscribed_owner, staff_member):
    url = f"/admin/accounts/profile/delete/{subscribed_owner['profile_id']}/"
    assert client.post(url).status_code == 403
    assert Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()


def test_django_admin_user_delete_says_what_happens_then_deletes_safely(
    client, subscribed_owner, fake_stripe
):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    owner = subscribed_owner["user"]
    url = f"/django-admin/auth/user/{owner.pk}/delete/"
    assert "is cancelled now" in client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert fake_stripe.state.subscriptions[subscribed_owner["subscription_id"]]["status"] == (
        "canceled"
    )
    assert not Profile.objects.filter(pk=subscribed_owner["profile_id"]).exists()
    actions = client.get("/django-admin/auth/user/").content.decode()
    assert "delete_selected" not in actions
