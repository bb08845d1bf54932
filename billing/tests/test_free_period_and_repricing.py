"""Money edge cases: one free period per owner, one customer per owner, plan re-pricing."""

import re
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from accounts.tests.factories import ProfileFactory, UserFactory
from accounts.tests.page_text import page_text
from billing.models import BillingCustomer, Subscription, SubscriptionPlan
from billing.plans_sync import sync_plan_for_staff

pytestmark = pytest.mark.django_db


def checkout_session_id(client, plan):
    location = client.post(f"/billing/checkout/{plan.slug}/")["Location"]
    return re.search(r"(cs_test_\w+)", location).group(1)


def subscribe_and_cancel(client, plan, fake_stripe):
    session_id = checkout_session_id(client, plan)
    fake_stripe.complete_checkout(session_id)
    client.get(f"/billing/success/?session_id={session_id}")
    subscription_id = fake_stripe.state.checkout_sessions[session_id]["subscription"]
    fake_stripe.portal_action(subscription_id, "cancel_now")
    call_command("reconcile_subscriptions", stdout=StringIO())
    return session_id


def test_the_free_period_is_for_the_first_subscription_only(client, owner, plan, fake_stripe):
    first = subscribe_and_cancel(client, plan, fake_stripe)
    assert fake_stripe.state.checkout_orders[first]["trial_period_days"] == 14

    again = checkout_session_id(client, plan)

    assert not fake_stripe.state.checkout_orders[again].get("trial_period_days")
    text = page_text(client.get(reverse("billing_plans")))
    assert "First 14 days free" not in text
    assert "Welcome back" in text


def test_new_owners_and_visitors_are_offered_the_free_period(client, plan):
    assert "First 14 days free" in client.get("/billing/plans/").content.decode()
    client.force_login(ProfileFactory().user)
    assert "First 14 days free" in client.get("/billing/plans/").content.decode()


def test_a_failed_checkout_keeps_the_customer_so_a_retry_makes_no_second(
    client, owner, plan, fake_stripe
):
    fake_stripe.fail_next("/v1/checkout/sessions", status=500)
    client.post(f"/billing/checkout/{plan.slug}/")
    assert BillingCustomer.objects.filter(profile=owner).count() == 1

    assert client.post(f"/billing/checkout/{plan.slug}/").status_code == 303
    assert len(fake_stripe.state.customers) == 1
    assert BillingCustomer.objects.filter(profile=owner).count() == 1


def test_changing_a_plans_price_takes_it_off_sale_until_stripe_has_the_new_price(
    client, owner, plan, fake_stripe
):
    old_price = plan.stripe_price_id
    plan.price_amount = 2500
    plan.save()
    plan.refresh_from_db()
    assert plan.stripe_price_id == ""
    response = client.post(f"/billing/checkout/{plan.slug}/", follow=True)
    assert "can't be bought right now" in page_text(response)

    request = RequestFactory().post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    request.session = {}
    request._messages = FallbackStorage(request)
    sync_plan_for_staff(request, plan)

    plan.refresh_from_db()
    assert plan.stripe_price_id not in ("", old_price)
    assert fake_stripe.state.prices[plan.stripe_price_id]["unit_amount"] == 2500
    assert "Stripe is up to date" in str(list(get_messages(request))[0])


def test_editing_a_plan_in_the_wagtail_admin_syncs_it_with_stripe(client, plan, fake_stripe):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        f"/admin/billing/subscriptionplan/edit/{plan.pk}/",
        {
            "name": plan.name,
            "slug": plan.slug,
            "description": plan.description,
            "price_amount": 3100,
            "currency": "gbp",
            "interval": "month",
            "free_period_days": 14,
            "active": "on",
            "ordering": 0,
        },
    )
    assert response.status_code == 302
    plan = SubscriptionPlan.objects.get(pk=plan.pk)
    assert fake_stripe.state.prices[plan.stripe_price_id]["unit_amount"] == 3100


def test_unchanged_price_keeps_the_stripe_price(plan):
    price = plan.stripe_price_id
    plan.name = "Renamed"
    plan.save()
    plan.refresh_from_db()
    assert plan.stripe_price_id == price
    assert not Subscription.objects.exists()
