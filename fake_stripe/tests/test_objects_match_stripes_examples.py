"""Every object the stand-in answers carries every field of Stripe's own example of it."""

import json
from pathlib import Path

import pytest

from .driving import (
    api_json,
    subscribe,
)

# Stripe's own examples, vendored (with Stripe's licence) so the check runs in any checkout.
STRIPE_EXAMPLES = Path(__file__).parent / "stripe_examples" / "fixtures3_subset.json"
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
    example = json.loads(STRIPE_EXAMPLES.read_text())["resources"][kind]
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
