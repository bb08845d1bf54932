"""Stripe-shaped errors, idempotent replays, and the failures and delays tests inject."""

import base64
import json
import time

import pytest
import stripe

from .driving import (
    API_KEY,
    api_json,
    checkout_params,
    http,
    sdk,
)


def test_a_repeated_idempotency_key_replays_the_first_answer(fake_stripe, stripe_client):
    options = {"idempotency_key": "mintkit-product-studio-2026-01-01"}
    params = {"name": "Studio Monthly"}

    first = stripe_client.v1.products.create(params=params, options=options)
    second = stripe_client.v1.products.create(params=params, options=options)

    assert second.to_dict() == first.to_dict()
    assert len(fake_stripe.state.products) == 1
    assert second.last_response.headers["Idempotent-Replayed"] == "true"
    with pytest.raises(stripe.IdempotencyError):
        stripe_client.v1.products.create(params={"name": "Renamed"}, options=options)


def test_a_missing_api_key_is_a_stripe_shaped_401(fake_stripe):
    status, _, body = http(fake_stripe.base_url + "/v1/customers")

    assert status == 401
    error = json.loads(body)["error"]
    assert error["type"] == "invalid_request_error"
    assert "did not provide an API key" in error["message"]


def test_a_wrong_api_key_raises_authentication_error(fake_stripe):
    client = stripe.StripeClient(
        "sk_test_somebody_else_entirely",
        base_addresses={"api": fake_stripe.base_url},
        max_network_retries=0,
    )

    with pytest.raises(stripe.AuthenticationError) as error:
        client.v1.customers.list()

    assert error.value.http_status == 401
    assert "sk_test_somebody_else_entirely" not in str(error.value)


def test_curl_style_basic_auth_is_accepted(fake_stripe):
    token = base64.b64encode(f"{API_KEY}:".encode()).decode()

    status, _, body = http(
        fake_stripe.base_url + "/v1/products", headers={"Authorization": f"Basic {token}"}
    )

    assert (status, json.loads(body)["object"]) == (200, "list")


def test_an_unknown_id_is_404_resource_missing(stripe_client):
    with pytest.raises(stripe.InvalidRequestError) as error:
        stripe_client.v1.subscriptions.retrieve("sub_missing")

    assert (error.value.http_status, error.value.code) == (404, "resource_missing")
    assert error.value.json_body["error"]["param"] == "id"


@pytest.mark.parametrize(
    ("change", "param", "code"),
    [
        (
            {"line_items": [{"price": "price_missing", "quantity": 1}]},
            "line_items[0][price]",
            "resource_missing",
        ),
        ({"customer": None}, "customer", "parameter_missing"),
        ({"customer": "cus_missing"}, "customer", "resource_missing"),
        ({"line_items": None}, "line_items", "parameter_missing"),
        ({"success_url": "/billing/success/"}, "success_url", "url_invalid"),
        ({"mode": "payment"}, "mode", "parameter_invalid_string"),
        (
            {"subscription_data": {"trial_period_days": "x"}},
            "subscription_data[trial_period_days]",
            "parameter_invalid_integer",
        ),
    ],  # fmt: skip
)
def test_bad_checkout_parameters_are_stripe_shaped_400s(
    fake_stripe, stripe_client, catalog, change, param, code
):
    with pytest.raises(stripe.InvalidRequestError) as error:
        stripe_client.v1.checkout.sessions.create(params={**checkout_params(catalog), **change})

    assert error.value.http_status == 400
    assert (error.value.param, error.value.code) == (param, code)
    assert fake_stripe.state.checkout_sessions == {}


def test_fail_next_answers_api_and_card_errors_then_recovers(fake_stripe, stripe_client):
    fake_stripe.fail_next("/v1/customers", status=500)
    fake_stripe.fail_next("/v1/customers", status=402)
    params = {"email": "owner@example.com"}

    with pytest.raises(stripe.APIError):
        stripe_client.v1.customers.create(params=params)
    with pytest.raises(stripe.CardError) as declined:
        stripe_client.v1.customers.create(params=params)
    assert declined.value.code == "card_declined"
    assert fake_stripe.state.customers == {}

    stripe_client.v1.customers.create(params=params)
    assert len(fake_stripe.state.customers) == 1


def test_the_sdks_own_retry_after_a_500_creates_one_object(fake_stripe):
    fake_stripe.fail_next("/v1/customers", status=500)

    customer = sdk(fake_stripe, max_network_retries=1).v1.customers.create(
        params={"email": "owner@example.com"}
    )

    assert list(fake_stripe.state.customers) == [customer.id]


def test_delay_next_lets_a_client_timeout_happen(fake_stripe):
    fake_stripe.delay_next("/v1/customers", 0.8)
    client = sdk(fake_stripe, http_client=stripe.RequestsClient(timeout=0.2))

    with pytest.raises(stripe.APIConnectionError):
        client.v1.customers.create(params={"email": "owner@example.com"})

    # As with Stripe, the request still does its work after the client has given up.
    deadline = time.monotonic() + 3
    while not fake_stripe.state.customers and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(fake_stripe.state.customers) == 1


def test_healthz_and_reset(fake_stripe, catalog):
    status, _, body = http(fake_stripe.base_url + "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})

    fake_stripe.fail_next("/v1/", status=500)
    fake_stripe.reset()

    assert fake_stripe.state.customers == {} and fake_stripe.events == []
    assert api_json(fake_stripe, "/v1/products")["data"] == []
