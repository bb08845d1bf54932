"""A slow or hung Stripe costs a web request the stated budget at most, then a friendly page."""

import time

import pytest

from accounts.tests.page_text import page_text
from billing import gateway
from billing.models import BillingCustomer, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(settings):
    def set_budget(total, *, per_attempt, retries):
        settings.STRIPE_REQUEST_BUDGET_SECONDS = total
        settings.STRIPE_TIMEOUT_SECONDS = per_attempt
        settings.STRIPE_MAX_NETWORK_RETRIES = retries

    return set_budget


def test_production_budget_fits_one_call_with_its_retries_and_shrinks_as_time_passes(budget):
    budget(18, per_attempt=5, retries=2)
    assert gateway.attempt_plan(None) == (5, 2)  # outside a request
    assert gateway.attempt_plan(18) == (5, 2)  # 3 attempts of 5 s + 0.5 s + 1 s back-off
    assert gateway.attempt_plan(12) == (5, 1)
    assert gateway.attempt_plan(7) == (5, 0)
    assert gateway.attempt_plan(3.5) == (3, 0)
    assert gateway.attempt_plan(0.5) is None


def test_hung_stripe_at_checkout_answers_within_the_budget_and_writes_nothing(
    client, owner, plan, fake_stripe, budget, caplog
):
    budget(3, per_attempt=2, retries=2)
    # The customer is slow but answers; then Stripe hangs. Each call alone may wait 2 s, but
    # the request as a whole has 3 s.
    fake_stripe.delay_next("/v1/customers", 1.5)
    fake_stripe.delay_next("/v1/checkout/sessions", 4, count=3)
    started = time.monotonic()
    response = client.post(f"/billing/checkout/{plan.slug}/", follow=True)
    elapsed = time.monotonic() - started
    assert elapsed < 3.5, f"the request took {elapsed:.1f} s, over its 3 s Stripe budget"
    assert "couldn't reach our payment provider" in page_text(response)
    assert response.redirect_chain[-1][0] == "/billing/plans/"
    assert not Subscription.objects.exists()
    assert BillingCustomer.objects.count() == 1  # the customer Stripe did create is kept
    assert "Stripe call failed" in caplog.text or "budget" in caplog.text


def test_hung_stripe_at_the_portal_answers_within_the_budget(
    client, owner, plan, fake_stripe, budget
):
    client.post(f"/billing/checkout/{plan.slug}/")  # makes the Stripe customer
    budget(2, per_attempt=5, retries=2)
    fake_stripe.delay_next("/v1/billing_portal", 4, count=3)
    started = time.monotonic()
    response = client.post("/billing/portal/", follow=True)
    assert time.monotonic() - started < 2.5
    assert "couldn't reach our payment provider" in page_text(response)


def test_each_request_gets_a_fresh_budget(client, owner, plan, fake_stripe, budget):
    budget(2, per_attempt=1, retries=0)
    fake_stripe.delay_next("/v1/checkout/sessions", 3)
    client.post(f"/billing/checkout/{plan.slug}/")
    response = client.post(f"/billing/checkout/{plan.slug}/")
    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.base_url)
