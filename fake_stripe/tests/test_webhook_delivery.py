"""Events posted in order, signed as Stripe signs them; failed deliveries kept and resent."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import stripe

from fake_stripe.server import FakeStripeServer

from .driving import (
    API_KEY,
    WEBHOOK_SECRET,
    checkout_params,
    http,
    make_catalog,
    sdk,
    subscribe,
)


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
        api_key=API_KEY,
        webhook_secret=WEBHOOK_SECRET,
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
            body, request_headers["Stripe-Signature"], WEBHOOK_SECRET
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
            WEBHOOK_SECRET,
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
        api_key=API_KEY,
        webhook_secret=WEBHOOK_SECRET,
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
