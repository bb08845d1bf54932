"""Correctly signed but odd webhook bodies are a 400 with a log line, never a 500."""

import json

import pytest
import stripe
from django.conf import settings

from billing.models import StripeEvent, Subscription

from .signing import make_event, post_event

pytestmark = pytest.mark.django_db


def post_raw(client, body):
    header = stripe.WebhookSignature.generate_signature_header(body, settings.STRIPE_WEBHOOK_SECRET)
    return client.post(
        "/billing/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"created": 10**20},
        {"created": -(10**15)},
        {"created": 1.5},
        {"created": True},
        {"id": "evt_" + "x" * 300},
        {"type": "customer." + "x" * 100},
        {"id": ""},
        {"id": "evt_nul\u0000"},
        {"data": {"object": {"id": "cus_x", "name": "Bloom\u0000"}}},
        {"data": {"object": {"\u0000": 1}}},
        {"data": []},
    ],
    ids=repr,
)
def test_an_envelope_stripe_never_sends_is_refused_and_nothing_stored(client, caplog, changes):
    response = post_event(client, {**make_event(), **changes})
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert "Rejected a Stripe webhook" in caplog.text


def test_nesting_deeper_than_the_parser_goes_is_refused(client, caplog):
    depth = 100_000
    body = json.dumps(make_event())[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    response = post_raw(client, body)
    assert response.status_code == 400
    assert "nested too deeply" in caplog.text
    assert not StripeEvent.objects.exists()


def test_moderate_nesting_is_stored_and_ignored(client):
    depth = 200
    event = make_event(event_id="evt_nested")
    event["data"]["object"]["metadata"] = json.loads("[" * depth + "]" * depth)
    response = post_event(client, event)
    assert response.status_code == 200
    assert StripeEvent.objects.get().processed_at is not None


@pytest.mark.parametrize(
    "obj",
    [
        {"id": ["sub_1"], "customer": "cus_1"},
        {"id": "sub_1", "customer": 12},
        {"id": "sub_" + "9" * 300, "customer": "cus_1"},
        {"id": {"no": "id"}, "customer": {"id": ["cus_1"]}},
    ],
    ids=repr,
)
def test_a_subscription_event_with_unusable_ids_is_stored_as_failed_and_answered_400(
    client, caplog, obj
):
    event = make_event("customer.subscription.updated", obj=obj, event_id="evt_odd")
    response = post_event(client, event)
    assert response.status_code == 400
    stored = StripeEvent.objects.get(stripe_event_id="evt_odd")
    assert stored.processed_at is None and stored.error.startswith("unprocessable")
    assert "can never be processed" in caplog.text
    assert not Subscription.objects.exists()
    # Delivered again, it fails the same way: still 400, still one row.
    assert post_event(client, event).status_code == 400
    assert StripeEvent.objects.count() == 1


def test_an_invoice_with_an_odd_parent_is_stored_as_failed(client):
    obj = {"id": "in_1", "customer": "cus_1", "parent": {"subscription_details": "sub_1"}}
    response = post_event(client, make_event("invoice.paid", obj=obj, event_id="evt_inv"))
    assert response.status_code == 400
    assert StripeEvent.objects.get().error.startswith("unprocessable")
