"""The offline Stripe stand-in, driven as the Hub drives Stripe: real SDK, pages, webhooks."""

import base64
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import stripe
from django.conf import settings

from billing.fake_stripe.errors import FakeStripeError
from billing.fake_stripe.server import FakeStripeServer

REPO_ROOT = Path(__file__).resolve().parents[2]
STRIPE_FIXTURES = REPO_ROOT.parent / "shared" / "stripe" / "fixtures3.json"
DAY = 86_400


def sdk(server, **options):
    options.setdefault("max_network_retries", 0)
    return stripe.StripeClient(
        settings.FAKE_STRIPE_SECRET_KEY, base_addresses={"api": server.base_url}, **options
    )


# No proxies and no redirects followed: the tests look at the stand-in's own answers.
_NO_REDIRECTS = type(
    "NoRedirects",
    (urllib.request.HTTPRedirectHandler,),
    {"redirect_request": lambda *args: None},
)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NO_REDIRECTS)


def http(url, form=None, headers=None):
    """(status, headers, body text) for a GET, or a form POST when ``form`` is given."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=5) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, answer.read().decode()


def api_json(server, path, form=None):
    auth = {"Authorization": f"Bearer {settings.FAKE_STRIPE_SECRET_KEY}"}
    status, _, body = http(server.base_url + path, form, auth)
    assert status == 200, body
    return json.loads(body)


@pytest.fixture
def stripe_client(fake_stripe):
    return sdk(fake_stripe)


def make_catalog(stripe_client):
    """Two monthly plans in pounds and a customer, as sync_stripe_plans and checkout make them."""
    product = stripe_client.v1.products.create(
        params={"name": "Studio Monthly", "metadata": {"mintkit_plan": "studio-monthly"}}
    )
    price = stripe_client.v1.prices.create(
        params={
            "product": product.id,
            "unit_amount": 1900,
            "currency": "gbp",
            "recurring": {"interval": "month"},
            "lookup_key": "studio-monthly",
            "metadata": {"mintkit_plan": "studio-monthly"},
        }
    )
    pro = stripe_client.v1.products.create(params={"name": "Studio Pro"})
    pro_price = stripe_client.v1.prices.create(
        params={
            "product": pro.id,
            "unit_amount": 4900,
            "currency": "gbp",
            "recurring": {"interval": "month"},
        }
    )
    customer = stripe_client.v1.customers.create(
        params={"email": "owner@example.com", "name": "Iron Temple Gym", "metadata": {"p": "3"}}
    )
    return {"product": product, "price": price, "pro_price": pro_price, "customer": customer}


@pytest.fixture
def catalog(stripe_client):
    return make_catalog(stripe_client)


def checkout_params(catalog, trial_days=14):
    params = {
        "mode": "subscription",
        "customer": catalog["customer"].id,
        "client_reference_id": "3",
        "line_items": [{"price": catalog["price"].id, "quantity": 1}],
        "metadata": {"profile_id": "3", "plan": "studio-monthly"},
        "subscription_data": {"metadata": {"profile_id": "3", "plan": "studio-monthly"}},
        "success_url": "http://127.0.0.1:8000/billing/success/?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "http://127.0.0.1:8000/billing/cancel/",
    }
    if trial_days:
        params["subscription_data"]["trial_period_days"] = trial_days
    return params


def subscribe(server, client, catalog, trial_days=14):
    session = client.v1.checkout.sessions.create(params=checkout_params(catalog, trial_days))
    server.complete_checkout(session.id)
    return server.state.checkout_sessions[session.id]["subscription"]


# --- the paid journey through the real SDK ---------------------------------------------------


def test_checkout_with_a_free_period_starts_a_trialing_subscription(
    fake_stripe, stripe_client, catalog
):
    session = stripe_client.v1.checkout.sessions.create(params=checkout_params(catalog))
    assert session.url == f"{fake_stripe.base_url}/checkout/{session.id}"
    assert session.id.startswith("cs_test_")
    assert (session.status, session.payment_status, session.subscription) == (
        "open",
        "unpaid",
        None,
    )

    events = fake_stripe.complete_checkout(session.id)

    assert [e["type"] for e in events] == [
        "checkout.session.completed",
        "customer.subscription.created",
        "invoice.paid",
    ]
    done = stripe_client.v1.checkout.sessions.retrieve(
        session.id, params={"expand": ["subscription", "customer"]}
    )
    assert (done.status, done.payment_status) == ("complete", "no_payment_required")
    assert done.customer.email == "owner@example.com"
    subscription = done.subscription
    assert subscription.id.startswith("sub_")
    assert subscription.status == "trialing"
    assert subscription.metadata.to_dict() == {"profile_id": "3", "plan": "studio-monthly"}
    assert abs(subscription.trial_end - (time.time() + 14 * DAY)) < 5
    item = subscription["items"].data[0]
    assert item.id.startswith("si_")
    assert item.price.id == catalog["price"].id
    assert item.current_period_end == subscription.trial_end
    invoice = stripe_client.v1.invoices.retrieve(subscription.latest_invoice)
    assert invoice.parent.subscription_details.subscription == subscription.id
    assert (invoice.status, invoice.amount_due, invoice.amount_paid) == ("paid", 0, 0)
    assert events[0]["data"]["object"]["subscription"] == subscription.id
    lines = stripe_client.v1.checkout.sessions.line_items.list(session.id).data
    assert [(line.price.id, line.quantity, line.amount_total) for line in lines] == [
        (catalog["price"].id, 1, 1900)
    ]
    expanded = stripe_client.v1.checkout.sessions.retrieve(
        session.id, params={"expand": ["line_items.data.price.product"]}
    )
    assert expanded.line_items.data[0].price.product.name == "Studio Monthly"
    with pytest.raises(stripe.InvalidRequestError, match="cannot be expanded"):
        stripe_client.v1.checkout.sessions.retrieve(session.id, params={"expand": ["mode"]})


def test_checkout_without_a_free_period_is_active_and_paid_for_a_month(
    fake_stripe, stripe_client, catalog
):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog, trial_days=None)

    subscription = stripe_client.v1.subscriptions.retrieve(subscription_id)
    assert subscription.status == "active"
    assert subscription.trial_end is None
    item = subscription["items"].data[0]
    assert 28 * DAY <= item.current_period_end - item.current_period_start <= 31 * DAY
    invoices = stripe_client.v1.invoices.list(params={"subscription": subscription_id}).data
    assert [(i.status, i.amount_paid, i.currency) for i in invoices] == [("paid", 1900, "gbp")]
    session = next(iter(fake_stripe.state.checkout_sessions.values()))
    assert session["payment_status"] == "paid"


def test_cancel_at_period_end_then_resume(fake_stripe, stripe_client, catalog):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)

    cancelled = stripe_client.v1.subscriptions.update(
        subscription_id, params={"cancel_at_period_end": True}
    )
    assert cancelled.cancel_at_period_end is True
    assert cancelled.cancel_at == cancelled["items"].data[0].current_period_end
    assert cancelled.status == "trialing"
    event = fake_stripe.events[-1]
    assert event["type"] == "customer.subscription.updated"
    assert event["data"]["previous_attributes"]["cancel_at_period_end"] is False
    assert event["request"]["id"].startswith("req_")

    resumed = stripe_client.v1.subscriptions.update(
        subscription_id, params={"cancel_at_period_end": False}
    )
    assert (resumed.cancel_at_period_end, resumed.cancel_at) == (False, None)


def test_cancel_now_ends_it_and_hides_it_from_the_default_list(fake_stripe, stripe_client, catalog):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)

    cancelled = stripe_client.v1.subscriptions.cancel(subscription_id)

    assert cancelled.status == "canceled"
    assert cancelled.canceled_at and cancelled.ended_at
    assert fake_stripe.events[-1]["type"] == "customer.subscription.deleted"
    customer = catalog["customer"].id
    assert stripe_client.v1.subscriptions.list(params={"customer": customer}).data == []
    every = stripe_client.v1.subscriptions.list(params={"customer": customer, "status": "all"})
    assert [s.id for s in every.data] == [subscription_id]
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.subscriptions.update(
            subscription_id, params={"cancel_at_period_end": True}
        )


def test_switching_the_price_swaps_the_item(fake_stripe, stripe_client, catalog):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    item_id = fake_stripe.state.subscriptions[subscription_id]["items"]["data"][0]["id"]

    switched = stripe_client.v1.subscriptions.update(
        subscription_id,
        params={"items": [{"id": item_id, "price": catalog["pro_price"].id}]},
    )

    item = switched["items"].data[0]
    assert (item.id, item.price.id, item.price.unit_amount) == (
        item_id,
        catalog["pro_price"].id,
        4900,
    )
    event = fake_stripe.events[-1]
    assert event["type"] == "customer.subscription.updated"
    old_items = event["data"]["previous_attributes"]["items"]["data"]
    assert old_items[0]["price"]["id"] == catalog["price"].id


def test_a_failed_request_changes_nothing(fake_stripe, stripe_client, catalog):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    events_before = len(fake_stripe.events)

    with pytest.raises(stripe.InvalidRequestError) as error:
        stripe_client.v1.subscriptions.update(
            subscription_id,
            params={"metadata": {"plan": "changed"}, "items": [{"id": "si_nope", "price": "x"}]},
        )

    assert error.value.param == "items[0][id]"
    assert fake_stripe.state.subscriptions[subscription_id]["metadata"]["plan"] == "studio-monthly"
    assert len(fake_stripe.events) == events_before


def test_portal_actions_move_the_subscription_and_emit_stripes_events(
    fake_stripe, stripe_client, catalog
):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    steps = [
        ("trial_will_end", {}, ["customer.subscription.trial_will_end"], "trialing"),
        ("end_trial", {}, ["customer.subscription.updated", "invoice.paid"], "active"),
        (
            "fail_payment",
            {},
            ["invoice.payment_failed", "customer.subscription.updated"],
            "past_due",
        ),
        ("retry_payment", {}, ["invoice.paid", "customer.subscription.updated"], "active"),
        (
            "switch_price",
            {"price": catalog["pro_price"].id},
            ["customer.subscription.updated"],
            "active",
        ),
        ("pause", {}, ["customer.subscription.paused"], "paused"),
        ("unpause", {}, ["customer.subscription.resumed"], "active"),
        ("cancel_at_period_end", {}, ["customer.subscription.updated"], "active"),
        ("resume", {}, ["customer.subscription.updated"], "active"),
        ("cancel_now", {}, ["customer.subscription.deleted"], "canceled"),
    ]
    for action, params, expected_events, status in steps:
        events = fake_stripe.portal_action(subscription_id, action, **params)
        assert [e["type"] for e in events] == expected_events, action
        assert stripe_client.v1.subscriptions.retrieve(subscription_id).status == status, action
        snapshots = [e["data"]["object"] for e in events]
        assert [o["status"] for o in snapshots if o["object"] == "subscription"] == [status]

    invoices = stripe_client.v1.invoices.list(params={"subscription": subscription_id}).data
    # Newest first: the retried renewal, the trial's end, the free first invoice.
    assert [(i.status, i.amount_paid) for i in invoices] == [
        ("paid", 1900),
        ("paid", 1900),
        ("paid", 0),
    ]
    with pytest.raises(FakeStripeError, match="not possible for a subscription that is canceled"):
        fake_stripe.portal_action(subscription_id, "pause")


def test_failed_payment_leaves_an_open_invoice(fake_stripe, stripe_client, catalog):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog, trial_days=None)

    failed, updated = fake_stripe.portal_action(subscription_id, "fail_payment")

    invoice = failed["data"]["object"]
    assert (invoice["status"], invoice["amount_due"], invoice["amount_paid"]) == ("open", 1900, 0)
    assert invoice["parent"]["subscription_details"]["subscription"] == subscription_id
    assert updated["data"]["previous_attributes"]["status"] == "active"
    assert stripe_client.v1.subscriptions.retrieve(subscription_id).latest_invoice == invoice["id"]


def test_lists_filter_like_stripe(fake_stripe, stripe_client, catalog):
    prices = stripe_client.v1.prices
    assert [p.id for p in prices.list(params={"lookup_keys": ["studio-monthly"]}).data] == [
        catalog["price"].id
    ]
    assert [p.id for p in prices.list(params={"product": catalog["product"].id}).data] == [
        catalog["price"].id
    ]
    prices.update(catalog["pro_price"].id, params={"active": False})
    assert [p.id for p in prices.list(params={"active": True}).data] == [catalog["price"].id]
    stripe_client.v1.customers.create(params={"email": "other@example.com"})
    by_email = stripe_client.v1.customers.list(params={"email": "owner@example.com"}).data
    assert [c.id for c in by_email] == [catalog["customer"].id]
    products = stripe_client.v1.products.list(params={"limit": 1})
    assert products.has_more is True
    every = list(products.auto_paging_iter())
    assert {p.name for p in every} == {"Studio Monthly", "Studio Pro"}


def test_events_can_be_listed_by_type_and_retrieved(fake_stripe, stripe_client, catalog):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    fake_stripe.portal_action(subscription_id, "cancel_now")

    listed = stripe_client.v1.events.list(params={"type": "customer.subscription.*"}).data

    assert [e.type for e in listed] == [
        "customer.subscription.deleted",
        "customer.subscription.created",
    ]
    event = stripe_client.v1.events.retrieve(listed[0].id)
    assert event.api_version == "2026-10-28.endive"
    assert event.data.object.id == subscription_id
    assert event.request.id is None  # a portal action, not an API request


def test_lookup_keys_stay_unique_unless_transferred(stripe_client, catalog):
    params = {
        "product": catalog["product"].id,
        "unit_amount": 2900,
        "currency": "gbp",
        "recurring": {"interval": "month"},
        "lookup_key": "studio-monthly",
    }
    with pytest.raises(stripe.InvalidRequestError, match="already uses that lookup key"):
        stripe_client.v1.prices.create(params=params)

    moved = stripe_client.v1.prices.create(params={**params, "transfer_lookup_key": True})

    assert moved.lookup_key == "studio-monthly"
    assert stripe_client.v1.prices.retrieve(catalog["price"].id).lookup_key is None


# --- Stripe's shapes -------------------------------------------------------------------------


SHAPED_KINDS = [
    "customer",
    "price",
    "product",
    "checkout.session",
    "subscription",
    "subscription_item",
    "billing_portal.session",
    "event",
    "invoice",
]


@pytest.mark.parametrize("kind", SHAPED_KINDS)
def test_objects_have_every_field_of_stripes_example(fake_stripe, stripe_client, catalog, kind):
    if not STRIPE_FIXTURES.exists():
        pytest.skip(f"Stripe's example objects are not beside the checkout at {STRIPE_FIXTURES}")
    example = json.loads(STRIPE_FIXTURES.read_text())["resources"][kind]
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    subscription = fake_stripe.state.subscriptions[subscription_id]
    session_id = next(iter(fake_stripe.state.checkout_sessions))
    paths = {
        "customer": f"/v1/customers/{catalog['customer'].id}",
        "price": f"/v1/prices/{catalog['price'].id}",
        "product": f"/v1/products/{catalog['product'].id}",
        "checkout.session": f"/v1/checkout/sessions/{session_id}",
        "subscription": f"/v1/subscriptions/{subscription_id}",
        "subscription_item": f"/v1/subscription_items/{subscription['items']['data'][0]['id']}",
        "event": f"/v1/events/{fake_stripe.events[-1]['id']}",
        "invoice": f"/v1/invoices/{subscription['latest_invoice']}",
    }
    if kind == "billing_portal.session":
        ours = api_json(
            fake_stripe, "/v1/billing_portal/sessions", {"customer": catalog["customer"].id}
        )
    else:
        ours = api_json(fake_stripe, paths[kind])

    assert sorted(set(example) - set(ours)) == []
    assert ours["object"] == example["object"]
    assert ours.get("livemode", False) is False  # subscription items have no livemode
    assert isinstance(ours["created"], int)


# --- webhooks --------------------------------------------------------------------------------


@pytest.fixture
def receiver():
    """A tiny webhook endpoint that records what it is sent and answers ``statuses`` in turn."""
    received = []
    statuses = []

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(statuses.pop(0) if statuses else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            """Quiet: the assertions say what matters."""

    endpoint = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=endpoint.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield {
        "url": f"http://127.0.0.1:{endpoint.server_address[1]}/billing/webhook/",
        "received": received,
        "statuses": statuses,
    }
    endpoint.shutdown()
    endpoint.server_close()


@pytest.fixture
def posting_stripe(receiver):
    with FakeStripeServer(
        api_key=settings.FAKE_STRIPE_SECRET_KEY,
        webhook_secret=settings.FAKE_STRIPE_WEBHOOK_SECRET,
        webhook_url=receiver["url"],
    ) as server:
        yield server


def test_events_are_posted_in_order_and_signed_as_stripe_signs(posting_stripe, receiver):
    client = sdk(posting_stripe)
    catalog = make_catalog(client)
    session = client.v1.checkout.sessions.create(params=checkout_params(catalog))

    status, headers, _ = http(f"{posting_stripe.base_url}/checkout/{session.id}/pay", form={})

    # The page answered only after its events were delivered, after every earlier event.
    assert status == 303
    assert headers["Location"].endswith(f"?session_id={session.id}")
    types = []
    for request_headers, body in receiver["received"]:
        assert request_headers["Content-Type"].startswith("application/json")
        event = stripe.Webhook.construct_event(
            body, request_headers["Stripe-Signature"], settings.FAKE_STRIPE_WEBHOOK_SECRET
        )
        types.append(event.type)
    assert types == [
        "product.created",
        "price.created",
        "product.created",
        "price.created",
        "customer.created",
        "checkout.session.completed",
        "customer.subscription.created",
        "invoice.paid",
    ]
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(
            body.replace(b"invoice.paid", b"invoice.void"),
            request_headers["Stripe-Signature"],
            settings.FAKE_STRIPE_WEBHOOK_SECRET,
        )
    assert posting_stripe.undelivered == []
    assert all(e["pending_webhooks"] == 0 for e in posting_stripe.events)


def test_a_failed_delivery_is_recorded_and_can_be_resent(posting_stripe, receiver):
    client = sdk(posting_stripe)
    subscription_id = subscribe(posting_stripe, client, make_catalog(client))
    receiver["statuses"].append(500)

    (event,) = posting_stripe.portal_action(subscription_id, "trial_will_end")

    assert [e["id"] for e in posting_stripe.undelivered] == [event["id"]]
    assert "HTTP 500" in posting_stripe.deliveries[-1]["error"]
    assert event["pending_webhooks"] == 1
    assert http(posting_stripe.base_url + "/")[2].count(">failed<") == 1

    status, headers, _ = http(posting_stripe.base_url + "/webhooks/redeliver", form={})

    assert (status, headers["Location"]) == (303, "/")
    assert posting_stripe.undelivered == []
    assert json.loads(receiver["received"][-1][1])["id"] == event["id"]
    assert event["pending_webhooks"] == 0


def test_an_unreachable_webhook_never_breaks_the_hosted_page():
    with FakeStripeServer(
        api_key=settings.FAKE_STRIPE_SECRET_KEY,
        webhook_secret=settings.FAKE_STRIPE_WEBHOOK_SECRET,
        webhook_url="http://127.0.0.1:9/billing/webhook/",  # the discard port: refused
    ) as server:
        client = sdk(server)
        session = client.v1.checkout.sessions.create(params=checkout_params(make_catalog(client)))

        status, _, _ = http(f"{server.base_url}/checkout/{session.id}/pay", form={})

        assert status == 303
        undelivered = [e["type"] for e in server.undelivered]
        assert undelivered[-3:] == [
            "checkout.session.completed",
            "customer.subscription.created",
            "invoice.paid",
        ]
        assert len(server.state.subscriptions) == 1


# --- errors, idempotency and injected faults -------------------------------------------------


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
    token = base64.b64encode(f"{settings.FAKE_STRIPE_SECRET_KEY}:".encode()).decode()

    status, _, body = http(
        fake_stripe.base_url + "/v1/customers", headers={"Authorization": f"Basic {token}"}
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
    assert api_json(fake_stripe, "/v1/customers")["data"] == []


# --- the hosted pages ------------------------------------------------------------------------


def test_hosted_checkout_page_shows_the_plan_and_pays_once(fake_stripe, stripe_client, catalog):
    session = stripe_client.v1.checkout.sessions.create(params=checkout_params(catalog))

    status, headers, html = http(session.url)

    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert '<html lang="en">' in html
    assert "<title>Subscribe to Studio Monthly" in html
    assert "MintKit test checkout — no real money" in html
    assert "£19.00 per month" in html
    assert "14 days free" in html
    assert '<button type="submit">Pay with test card</button>' in html
    assert ">Cancel</button>" in html

    status, headers, _ = http(f"{session.url}/pay", form={})
    assert status == 303
    assert headers["Location"] == (
        f"http://127.0.0.1:8000/billing/success/?session_id={session.id}"
    )
    again, headers, _ = http(f"{fake_stripe.base_url}/checkout/{session.id}/pay", form={})
    assert again == 303 and session.id in headers["Location"]
    assert len(fake_stripe.state.subscriptions) == 1
    assert "already complete" in http(f"{fake_stripe.base_url}/checkout/{session.id}")[2]


def test_hosted_checkout_cancel_and_dead_links(fake_stripe, stripe_client, catalog):
    session = stripe_client.v1.checkout.sessions.create(params=checkout_params(catalog))

    status, headers, _ = http(f"{session.url}/cancel", form={})
    assert (status, headers["Location"]) == (303, "http://127.0.0.1:8000/billing/cancel/")
    assert fake_stripe.state.checkout_sessions[session.id]["status"] == "open"

    stripe_client.v1.checkout.sessions.expire(session.id)
    for url in (session.url, f"{fake_stripe.base_url}/checkout/cs_test_unknown"):
        status, _, html = http(url)
        assert status == 404
        assert "expired or does not exist" in html
    assert http(f"{session.url}/pay", form={})[0] == 404
    assert fake_stripe.state.subscriptions == {}


def test_hosted_portal_page_lists_subscriptions_and_its_buttons_work(
    fake_stripe, stripe_client, catalog
):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    portal = stripe_client.v1.billing_portal.sessions.create(
        params={"customer": catalog["customer"].id, "return_url": "http://127.0.0.1:8000/dash/"}
    )
    assert portal.url == f"{fake_stripe.base_url}/billing_portal/{portal.id}"

    status, _, html = http(portal.url)
    assert status == 200
    assert '<html lang="en">' in html and "no real money" in html
    assert "Studio Monthly" in html and "Free trial" in html
    assert "Cancels at period end</dt><dd>No" in html
    assert '<label for="price-' in html and "Studio Pro — £49.00 per month" in html
    assert '<a href="http://127.0.0.1:8000/dash/">Return to MintKit Hub</a>' in html

    form = {"subscription": subscription_id, "action": "cancel_at_period_end"}
    status, headers, _ = http(f"{portal.url}/actions", form=form)
    assert (status, headers["Location"]) == (
        303,
        f"/billing_portal/{portal.id}?done=cancel_at_period_end",
    )
    assert fake_stripe.events[-1]["type"] == "customer.subscription.updated"
    html = http(fake_stripe.base_url + headers["Location"])[2]
    assert "Cancels at period end</dt><dd>Yes, it ends on" in html
    assert "Don&#x27;t cancel" in html

    switch = {
        "subscription": subscription_id,
        "action": "switch_price",
        "price": catalog["pro_price"].id,
    }
    assert http(f"{portal.url}/actions", form=switch)[0] == 303
    item = fake_stripe.state.subscriptions[subscription_id]["items"]["data"][0]
    assert item["price"]["id"] == catalog["pro_price"].id

    assert http(f"{portal.url}/actions", form={**form, "action": "unpause"})[0] == 409
    stranger = stripe_client.v1.customers.create(params={"email": "stranger@example.com"})
    other = stripe_client.v1.billing_portal.sessions.create(params={"customer": stranger.id})
    assert http(f"{other.url}/actions", form=form)[0] == 409
    assert fake_stripe.state.subscriptions[subscription_id]["status"] == "trialing"


# --- the management command ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stop_signal", "state_name"),
    [(signal.SIGINT, "state.json"), (signal.SIGTERM, "")],
    ids=["SIGINT, state file", "SIGTERM, memory only"],
)
def test_the_command_serves_until_stopped(stop_signal, state_name, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.test",
        "HUB_WEBHOOK_URL": "http://127.0.0.1:9/hook/",
    }
    state_file = tmp_path / state_name if state_name else None
    process = subprocess.Popen(
        [sys.executable, "manage.py", "fake_stripe", "--port", "0"]
        + ["--state-file", str(state_file or "")],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert "webhooks to http://127.0.0.1:9/hook/" in line
        assert (f"state in {state_file})" if state_file else "state in memory only") in line
        base_url = line.split("listening on ")[1].split("/ ")[0]
        assert http(base_url + "/healthz")[0] == 200
        auth = {"Authorization": f"Bearer {settings.FAKE_STRIPE_SECRET_KEY}"}
        status, _, body = http(base_url + "/v1/customers", {"email": "a@example.com"}, auth)
        assert status == 200, body
    finally:
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
    if state_file:
        assert json.loads(body)["id"] in state_file.read_text()
    assert sorted(path.name for path in tmp_path.iterdir()) == ([state_name] if state_name else [])


# --- the state file --------------------------------------------------------------------------


@pytest.fixture
def start_stand_in():
    """Starts stand-ins that keep their state in the file given; all are stopped afterwards."""
    servers = []

    def start(state_file):
        server = FakeStripeServer(
            api_key=settings.FAKE_STRIPE_SECRET_KEY,
            webhook_secret=settings.FAKE_STRIPE_WEBHOOK_SECRET,
            state_file=state_file,
        )
        servers.append(server.start())
        return server

    yield start
    for server in servers:
        server.stop()


def test_a_restarted_stand_in_serves_what_the_state_file_kept(start_stand_in, tmp_path):
    state_file = tmp_path / "state.json"
    first = start_stand_in(state_file)
    client = sdk(first)
    catalog = make_catalog(client)
    subscription_id = subscribe(first, client, catalog)
    replayed = client.v1.customers.create(
        params={"email": "once@example.com"}, options={"idempotency_key": "once"}
    )
    event_ids = [event["id"] for event in first.events]
    first.stop()

    second = start_stand_in(state_file)
    client = sdk(second)

    customer = client.v1.customers.retrieve(catalog["customer"].id)
    assert (customer.email, customer.name) == ("owner@example.com", "Iron Temple Gym")
    subscription = client.v1.subscriptions.retrieve(subscription_id)
    assert (subscription.customer, subscription.status) == (customer.id, "trialing")
    assert [event.id for event in client.v1.events.list(params={"limit": 100})] == (event_ids[::-1])
    assert client.v1.events.retrieve(event_ids[0]).type == "product.created"
    again = client.v1.customers.create(
        params={"email": "once@example.com"}, options={"idempotency_key": "once"}
    )
    assert again.id == replayed.id
    # What failed before this change: the owner's next checkout, with the customer id the Hub kept.
    session = client.v1.checkout.sessions.create(params=checkout_params(catalog))
    assert session.url == f"{second.base_url}/checkout/{session.id}"
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]


def test_reset_empties_the_state_file_too(start_stand_in, tmp_path):
    state_file = tmp_path / "state.json"
    first = start_stand_in(state_file)
    make_catalog(sdk(first))

    first.reset()

    second = start_stand_in(state_file)
    assert second.state.customers == {} and second.events == []


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "mintkit-fake-stri',
        '{"customers": {}, "events": []}',
        '{"format": "mintkit-fake-stripe-state/1", "data": {"state": {}, "replays": {}}}',
    ],
    ids=["cut short", "foreign", "missing parts"],
)
def test_an_unusable_state_file_is_logged_ignored_then_replaced(
    start_stand_in, tmp_path, caplog, text
):
    state_file = tmp_path / "state.json"
    state_file.write_text(text)

    with caplog.at_level("WARNING", logger="billing.fake_stripe"):
        first = start_stand_in(state_file)

    assert f"Ignoring the state file {state_file}" in caplog.text
    assert first.state.customers == {} and first.events == []
    customer = sdk(first).v1.customers.create(params={"email": "fresh@example.com"})
    assert customer.id in start_stand_in(state_file).state.customers


# --- speed and concurrency ---------------------------------------------------------------------


def test_reads_neither_copy_the_state_nor_rewrite_the_state_file(
    start_stand_in, tmp_path, monkeypatch
):
    stand_in = start_stand_in(tmp_path / "state.json")
    client = sdk(stand_in)
    subscription_id = subscribe(stand_in, client, make_catalog(client))
    saved_before = (tmp_path / "state.json").read_text()
    copies, saves = [], []
    monkeypatch.setattr(type(stand_in.state), "atomic", lambda self: copies.append(1))
    monkeypatch.setattr(type(stand_in.state_file), "save", lambda self, data: saves.append(1))

    for _ in range(5):
        assert client.v1.subscriptions.retrieve(subscription_id).status == "trialing"
    assert client.v1.subscriptions.list().data[0].id == subscription_id

    assert copies == [] and saves == []
    assert (tmp_path / "state.json").read_text() == saved_before


def test_concurrent_writes_and_reads_all_land_and_stay_consistent(fake_stripe, stripe_client):
    errors, created = [], []

    def owner(number):
        client = sdk(fake_stripe)
        try:
            for call in range(15):
                customer = client.v1.customers.create(
                    params={"email": f"owner{number}-{call}@example.com"}
                )
                created.append(customer.id)
                assert client.v1.customers.retrieve(customer.id).email == customer.email
        except Exception as exc:  # noqa: BLE001  (collected and reported below)
            errors.append(exc)

    threads = [threading.Thread(target=owner, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(created)) == 8 * 15
    assert set(created) <= set(fake_stripe.state.customers)
    created_events = [e for e in fake_stripe.events if e["type"] == "customer.created"]
    assert {e["data"]["object"]["id"] for e in created_events} >= set(created)
