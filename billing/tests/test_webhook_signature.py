"""The webhook accepts only correctly signed, recent Stripe events, and stores each once."""

import time

import pytest

from billing.models import StripeEvent

from .signing import make_event, post_event, signed

pytestmark = pytest.mark.django_db
URL = "/billing/webhook/"


def test_valid_signature_is_accepted_and_stored(client):
    response = post_event(client, make_event())
    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert stored.stripe_event_id == "evt_test_1"
    assert stored.type == "customer.created"
    assert stored.processed_at is not None


def test_missing_signature_is_rejected(client):
    body, _ = signed(make_event())
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize(
    "header", ["garbage", "t=notanumber,v1=abc", "t=123", "v1=deadbeef", "t=,v1=", ""]
)
def test_malformed_signature_is_rejected(client, header):
    body, _ = signed(make_event())
    response = client.post(URL, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_wrong_secret_is_rejected(client):
    response = post_event(client, make_event(), secret="whsec_somebody_else")
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_stale_timestamp_is_rejected(client):
    response = post_event(client, make_event(), timestamp=int(time.time()) - 301)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_tampered_body_is_rejected(client):
    body, header = signed(make_event())
    tampered = body.replace("customer.created", "customer.deleted")
    response = client.post(
        URL, tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize("payload", [[1, 2], {"id": "evt_1"}, {"object": "customer", "id": "x"}])
def test_signed_body_that_is_not_an_event_is_rejected(client, payload):
    body, header = signed(payload)
    response = client.post(URL, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


def test_second_delivery_of_same_id_is_a_no_op(client):
    event = make_event()
    assert post_event(client, event).status_code == 200
    first = StripeEvent.objects.get()
    response = post_event(client, event)
    assert response.status_code == 200
    assert response.content == b"duplicate"
    assert StripeEvent.objects.count() == 1
    assert StripeEvent.objects.get().processed_at == first.processed_at


def test_unknown_event_type_is_recorded_and_ignored(client):
    response = post_event(client, make_event("radar.early_fraud_warning.created"))
    assert response.status_code == 200
    assert response.content == b"ignored"
    assert StripeEvent.objects.get().processed_at is not None


def test_event_for_a_customer_we_do_not_know_is_recorded_not_retried(client):
    event = make_event(
        "customer.subscription.updated",
        {"id": "sub_x", "object": "subscription", "customer": "cus_stranger"},
    )
    response = post_event(client, event)
    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert "unknown customer" in stored.error
