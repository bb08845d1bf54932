"""The Staff and Support roles as data: exact permissions, kept correct, and enough to work."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.roles import (
    STAFF_GROUP_NAME,
    STAFF_PERMISSIONS,
    SUPPORT_GROUP_NAME,
    SUPPORT_PERMISSIONS,
    ensure_role,
    ensure_roles,
)
from accounts.tests.factories import UserFactory
from billing.models import StripeEvent, SubscriptionPlan
from billing.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def codenames(group):
    return {(p.content_type.app_label, p.codename) for p in group.permissions.all()}


def member_of(role, client):
    user = UserFactory(username=f"{role.lower()}-member")
    user.groups.add(ensure_role(role))
    client.force_login(user)
    return user


@pytest.fixture
def business_records():
    subscription = SubscriptionFactory(profile__business_name="Hazel & Hops")
    event = StripeEvent.objects.create(
        stripe_event_id="evt_roles01",
        type="invoice.paid",
        stripe_created_at=subscription.last_synced_at,
        payload={},
    )
    return {"subscription": subscription, "event": event, "profile": subscription.profile}


def staff_views(records):
    profile, plan = records["profile"], records["subscription"].plan
    return [
        "/admin/",
        "/admin/accounts/profile/",
        f"/admin/accounts/profile/inspect/{profile.pk}/",
        "/admin/billing/subscriptionplan/",
        f"/admin/billing/subscriptionplan/inspect/{plan.pk}/",
        "/admin/billing/subscription/",
        f"/admin/billing/subscription/inspect/{records['subscription'].pk}/",
        "/admin/billing/stripeevent/",
        f"/admin/billing/stripeevent/inspect/{records['event'].pk}/",
    ]


def staff_only_views(records):
    """What Staff may change and Support may not."""
    return [
        f"/admin/accounts/profile/edit/{records['profile'].pk}/",
        "/admin/billing/subscriptionplan/create/",
        f"/admin/billing/subscriptionplan/edit/{records['subscription'].plan.pk}/",
        "/admin/pages/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        f"/admin/users/edit/{records['profile'].user.pk}/",
    ]


def test_roles_are_made_by_migrate_with_exactly_their_permissions():
    from django.contrib.auth.models import Group

    staff = Group.objects.get(name=STAFF_GROUP_NAME)
    support = Group.objects.get(name=SUPPORT_GROUP_NAME)
    assert codenames(staff) == set(STAFF_PERMISSIONS)
    assert codenames(support) == set(SUPPORT_PERMISSIONS)
    assert all(codename.startswith("view_") for _app, codename in SUPPORT_PERMISSIONS[1:])


def test_ensure_roles_takes_back_a_permission_added_by_hand():
    support = ensure_role(SUPPORT_GROUP_NAME)
    support.permissions.add(Permission.objects.get(codename="delete_user"))
    ensure_roles()
    assert ("auth", "delete_user") not in codenames(support)
    assert support.page_permissions.count() == 0


def test_staff_member_who_is_not_a_superuser_reaches_every_staff_view(client, business_records):
    user = member_of(STAFF_GROUP_NAME, client)
    assert not user.is_superuser
    for url in staff_views(business_records) + staff_only_views(business_records):
        assert client.get(url).status_code == 200, url
    menu = client.get("/admin/").content.decode()
    assert "Businesses" in menu and "Billing" in menu


def test_staff_member_edits_a_business_but_cannot_write_stripes_records(client, business_records):
    member_of(STAFF_GROUP_NAME, client)
    profile = business_records["profile"]
    response = client.post(
        f"/admin/accounts/profile/edit/{profile.pk}/",
        {"business_name": "Hazel & Hops Taproom", "contact_email": "taproom@example.com"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.business_name == "Hazel & Hops Taproom"
    subscription = business_records["subscription"]
    assert client.get(f"/admin/billing/subscription/edit/{subscription.pk}/").status_code == 403
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 200
    assert client.get(reverse("wagtailusers_groups:edit", args=[1])).status_code in {302, 403}


def test_support_member_sees_every_staff_view_and_changes_nothing(client, business_records):
    member_of(SUPPORT_GROUP_NAME, client)
    for url in staff_views(business_records):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/billing/subscriptionplan/create/").status_code == 403
    profile = business_records["profile"]
    response = client.post(
        f"/admin/accounts/profile/edit/{profile.pk}/", {"business_name": "Taken over"}
    )
    assert response.status_code == 403
    assert SubscriptionPlan.objects.filter(pk=business_records["subscription"].plan_id).exists()
    profile.refresh_from_db()
    assert profile.business_name == "Hazel & Hops"
