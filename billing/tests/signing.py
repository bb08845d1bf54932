"""Signing test webhook bodies exactly as Stripe does."""

import json
import time

import stripe
from django.conf import settings


def signed(event, *, secret=None, timestamp=None):
    """(body, Stripe-Signature header) for ``event``."""
    body = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(
        body, secret or settings.STRIPE_WEBHOOK_SECRET, timestamp=timestamp or int(time.time())
    )
    return body, header


def post_event(client, event, **kwargs):
    body, header = signed(event, **kwargs)
    return client.post(
        "/billing/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def make_event(event_type="customer.created", obj=None, event_id="evt_test_1", created=None):
    return {
        "id": event_id,
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": created or int(time.time()),
        "data": {"object": obj or {"id": "cus_x", "object": "customer"}},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }
