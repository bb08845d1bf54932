"""The paid journey through the real Stripe SDK against the offline stand-in."""

import logging
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.timezone import localtime

from accounts.tests.page_text import page_text
from billing.models import BillingCustomer, Subscription

from .factories import PlanFactory

pytestmark = pytest.mark.django_db


def session_id_from(url):
    return re.search(r"(cs_test_\w+)", url).group(1)


def test_sync_stripe_plans_creates_product_and_price_once(fake_stripe, plan):
    assert plan.stripe_price_id.startswith("price_")
    assert len(fake_stripe.state.products) == 1
    assert len(fake_stripe.state.prices) == 1
    price = fake_stripe.state.prices[plan.stripe_price_id]
    assert price["unit_amount"] == 1900
    assert price["currency"] == "gbp"
    assert price["recurring"]["interval"] == "month"

    call_command("sync_stripe_plans", stdout=StringIO())
    assert len(fake_stripe.state.products) == 1
    assert len(fake_stripe.state.prices) == 1


def test_price_change_adds_a_new_price_and_keeps_the_product(fake_stripe, plan):
    plan.price_amount = 2900
    plan.save()
    call_command("sync_stripe_plans", stdout=StringIO())
    plan.refresh_from_db()
    assert len(fake_stripe.state.products) == 1
    assert fake_stripe.state.prices[plan.stripe_price_id]["unit_amount"] == 2900


def test_checkout_redirects_303_to_stripe_with_the_right_session(client, owner, plan, fake_stripe):
    response = client.post(f"/billing/checkout/{plan.slug}/")

    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.base_url + "/checkout/")
    session = fake_stripe.state.checkout_sessions[session_id_from(response["Location"])]
    customer = BillingCustomer.objects.get(profile=owner)
    assert session["mode"] == "subscription"
    assert session["customer"] == customer.stripe_customer_id
    assert session["client_reference_id"] == str(owner.pk)
    assert session["metadata"] == {"profile_id": str(owner.pk), "plan": plan.slug}
    assert session["success_url"] == (
        "http://127.0.0.1:8000/billing/success/?session_id={CHECKOUT_SESSION_ID}"
    )
    assert session["cancel_url"] == "http://127.0.0.1:8000/billing/cancel/"
    order = fake_stripe.state.checkout_orders[session["id"]]
    assert order["price"] == plan.stripe_price_id
    assert order["trial_period_days"] == 14


def test_double_submit_creates_the_stripe_customer_once(client, owner, plan, fake_stripe):
    first = client.post(f"/billing/checkout/{plan.slug}/")
    second = client.post(f"/billing/checkout/{plan.slug}/")
    assert first.status_code == second.status_code == 303
    assert len(fake_stripe.state.customers) == 1
    assert BillingCustomer.objects.filter(profile=owner).count() == 1


def test_success_page_confirms_and_shows_the_free_period(client, owner, plan, fake_stripe):
    location = client.post(f"/billing/checkout/{plan.slug}/")["Location"]
    session_id = session_id_from(location)
    fake_stripe.complete_checkout(session_id)

    response = client.get(f"/billing/success/?session_id={session_id}")

    text = page_text(response)
    subscription = Subscription.objects.get(profile=owner)
    assert subscription.status == "trialing"
    assert subscription.plan == plan
    free_until = f"{localtime(subscription.trial_end):%-d %B %Y}"
    assert f'data-testid="free-period">{free_until}: nothing to pay until then' in text
    assert f'data-testid="first-charge">{plan.price_display} on {free_until}, then every month' in (
        text
    )
    assert "Studio Monthly" in text
    assert text.count("Free period") == 0
    # The next steps: the Studio and the storefront.
    assert "Open MintKit Studio" in text and "Build your storefront" in text
    # The dashboard now shows the plan and status.
    dashboard = page_text(client.get("/dashboard/"))
    assert "Studio Monthly" in dashboard
    assert "Free period" in dashboard


def test_success_page_before_stripe_completes_says_so(client, owner, plan, fake_stripe):
    session_id = session_id_from(client.post(f"/billing/checkout/{plan.slug}/")["Location"])
    text = page_text(client.get(f"/billing/success/?session_id={session_id}"))
    assert "confirming your payment" in text
    assert not Subscription.objects.exists()


def test_success_page_refuses_another_owners_session(client, owner, plan, fake_stripe):
    session_id = session_id_from(client.post(f"/billing/checkout/{plan.slug}/")["Location"])
    fake_stripe.complete_checkout(session_id)
    from accounts.tests.factories import ProfileFactory

    intruder = ProfileFactory()
    client.force_login(intruder.user)
    response = client.get(f"/billing/success/?session_id={session_id}", follow=True)
    assert "We couldn't find that checkout on your account." in page_text(response)
    assert not Subscription.objects.exists()


def test_owner_with_live_subscription_is_sent_to_the_portal(client, owner, plan, fake_stripe):
    session_id = session_id_from(client.post(f"/billing/checkout/{plan.slug}/")["Location"])
    fake_stripe.complete_checkout(session_id)
    client.get(f"/billing/success/?session_id={session_id}")

    response = client.post(f"/billing/checkout/{plan.slug}/")
    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.base_url + "/billing_portal/")
    assert len(fake_stripe.state.checkout_sessions) == 1


def test_portal_opens_for_an_owner_with_a_customer(client, owner, plan, fake_stripe):
    client.post(f"/billing/checkout/{plan.slug}/")
    response = client.post("/billing/portal/")
    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.base_url + "/billing_portal/")


def test_portal_without_a_customer_explains(client, owner, fake_stripe):
    response = client.post("/billing/portal/", follow=True)
    assert "Choose a plan first" in page_text(response)


def test_cancel_page_says_nothing_changed(client, owner):
    assert "Nothing changed" in page_text(client.get("/billing/cancel/"))


def test_checkout_requires_post_and_login(client, plan):
    assert client.get(f"/billing/checkout/{plan.slug}/").status_code == 405
    response = client.post(f"/billing/checkout/{plan.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_inactive_or_unknown_plan_is_404(client, owner, plan):
    plan.active = False
    plan.save()
    assert client.post(f"/billing/checkout/{plan.slug}/").status_code == 404
    assert client.post("/billing/checkout/no-such-plan/").status_code == 404


def test_plans_page_lists_active_plans_with_price_and_free_period(client, plan):
    PlanFactory(slug="retired", name="Retired Plan", active=False)
    text = page_text(client.get("/billing/plans/"))
    assert "Studio Monthly" in text
    assert "£19.00" in text
    assert "First 14 days free" in text
    assert "Retired Plan" not in text


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (500, "We couldn't reach our payment provider just now."),
        (402, "Your card was declined."),
    ],
)
def test_stripe_failure_shows_a_clear_message_and_changes_nothing(
    client, owner, plan, fake_stripe, caplog, status, message
):
    fake_stripe.fail_next("/v1/checkout/sessions", status=status)
    with caplog.at_level(logging.WARNING, logger="billing.gateway"):
        response = client.post(f"/billing/checkout/{plan.slug}/", follow=True)
    assert message in page_text(response)
    assert not Subscription.objects.exists()
    assert fake_stripe.state.checkout_sessions == {}
    assert "checkout session" in caplog.text


def test_stripe_down_when_creating_the_customer_leaves_no_customer(
    client, owner, plan, fake_stripe
):
    fake_stripe.fail_next("/v1/customers", status=500)
    response = client.post(f"/billing/checkout/{plan.slug}/", follow=True)
    assert "couldn't reach our payment provider" in page_text(response)
    assert not BillingCustomer.objects.exists()
    # Trying again later works and creates exactly one customer.
    assert client.post(f"/billing/checkout/{plan.slug}/").status_code == 303
    assert BillingCustomer.objects.count() == 1


def test_stripe_timeout_shows_a_clear_message(client, owner, plan, fake_stripe, settings, caplog):
    settings.STRIPE_TIMEOUT_SECONDS = 1
    fake_stripe.delay_next("/v1/checkout/sessions", 3)
    response = client.post(f"/billing/checkout/{plan.slug}/", follow=True)
    assert "couldn't reach our payment provider" in page_text(response)
    assert not Subscription.objects.exists()
    assert "APIConnectionError" in caplog.text


def test_subscribers_keep_their_plan_after_the_plans_price_changes(
    client, owner, plan, fake_stripe
):
    old_price = plan.stripe_price_id
    session_id = session_id_from(client.post(f"/billing/checkout/{plan.slug}/")["Location"])
    fake_stripe.complete_checkout(session_id)
    client.get(f"/billing/success/?session_id={session_id}")

    plan.price_amount = 2500
    plan.save()
    call_command("sync_stripe_plans", stdout=StringIO())
    call_command("reconcile_subscriptions", stdout=StringIO())

    subscription = Subscription.objects.get(profile=owner)
    assert subscription.stripe_price_id == old_price
    assert subscription.plan == plan


def test_two_open_tabs_cannot_both_be_paid(client, owner, plan, fake_stripe):
    first = session_id_from(client.post(f"/billing/checkout/{plan.slug}/")["Location"])
    second = session_id_from(client.post(f"/billing/checkout/{plan.slug}/")["Location"])

    assert fake_stripe.state.checkout_sessions[first]["status"] == "expired"
    assert fake_stripe.state.checkout_sessions[second]["status"] == "open"
    fake_stripe.complete_checkout(second)
    with pytest.raises(Exception, match="expired"):
        fake_stripe.complete_checkout(first)
    assert len(fake_stripe.state.subscriptions) == 1
