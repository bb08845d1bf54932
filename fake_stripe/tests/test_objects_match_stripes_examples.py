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


def answered(server, kind, catalog, subscription_id):
    """The stand-in's answer holding a ``kind`` object, through the routes the Hub calls."""
    subscription = f"/v1/subscriptions/{subscription_id}"
    if kind == "customer":
        return api_json(server, f"/v1/customers/{catalog['customer'].id}", {"name": "Iron"})
    if kind == "price":
        return api_json(server, f"/v1/prices?product={catalog['product'].id}")["data"][0]
    if kind == "product":
        return api_json(server, "/v1/products?limit=100")["data"][-1]
    if kind == "checkout.session":
        return api_json(
            server, f"/v1/checkout/sessions/{next(iter(server.state.checkout_sessions))}"
        )
    if kind == "subscription":
        return api_json(server, subscription)
    if kind == "subscription_item":
        return api_json(server, subscription)["items"]["data"][0]
    if kind == "invoice":
        return api_json(server, f"{subscription}?expand[]=latest_invoice")["latest_invoice"]
    if kind == "event":
        return api_json(server, "/v1/events?limit=1")["data"][0]
    return api_json(server, "/v1/billing_portal/sessions", {"customer": catalog["customer"].id})


@pytest.mark.parametrize("kind", SHAPED_KINDS)
def test_objects_have_every_field_of_stripes_example(fake_stripe, stripe_client, catalog, kind):
    example = json.loads(STRIPE_EXAMPLES.read_text())["resources"][kind]
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)

    ours = answered(fake_stripe, kind, catalog, subscription_id)

    assert sorted(set(example) - set(ours)) == []
    assert ours["object"] == example["object"]
    assert ours.get("livemode", False) is False  # subscription items have no livemode
    assert isinstance(ours["created"], int)
