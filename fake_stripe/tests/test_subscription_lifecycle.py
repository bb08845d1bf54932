"""The paid journey through the real SDK: checkout, changes, portal actions, lists, events."""

import time

import pytest
import stripe

from fake_stripe.errors import FakeStripeError

from .driving import DAY, checkout_params, monthly_price, subscribe


def invoices_of(server, subscription_id):
    """The subscription's invoices, oldest first (the Hub never lists invoices: no route)."""
    return [
        invoice
        for invoice in server.state.invoices.values()
        if invoice["parent"]["subscription_details"]["subscription"] == subscription_id
    ]


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
    invoice = stripe_client.v1.subscriptions.retrieve(
        subscription.id, params={"expand": ["latest_invoice"]}
    ).latest_invoice
    assert invoice.parent.subscription_details.subscription == subscription.id
    assert (invoice.status, invoice.amount_due, invoice.amount_paid) == ("paid", 0, 0)
    assert events[0]["data"]["object"]["subscription"] == subscription.id
    expanded = stripe_client.v1.checkout.sessions.retrieve(
        session.id, params={"expand": ["line_items.data.price.product"]}
    )
    lines = expanded.line_items.data
    assert [(line.price.id, line.quantity, line.amount_total) for line in lines] == [
        (catalog["price"].id, 1, 1900)
    ]
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
    invoices = invoices_of(fake_stripe, subscription_id)
    assert [(i["status"], i["amount_paid"], i["currency"]) for i in invoices] == [
        ("paid", 1900, "gbp")
    ]
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

    invoices = invoices_of(fake_stripe, subscription_id)
    # The free first invoice, the trial's end, the retried renewal.
    assert [(i["status"], i["amount_paid"]) for i in invoices] == [
        ("paid", 0),
        ("paid", 1900),
        ("paid", 1900),
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
    stripe_client.v1.prices.create(
        params={"product": catalog["product"].id, "unit_amount": 100, "currency": "gbp"}
    )
    recurring = prices.list(params={"product": catalog["product"].id, "type": "recurring"})
    assert [p.id for p in recurring.data] == [catalog["price"].id]
    products = stripe_client.v1.products.list(params={"limit": 1})
    assert products.has_more is True
    every = list(products.auto_paging_iter())
    assert {p.name for p in every} == {"Studio Monthly", "Studio Pro"}


def test_events_can_be_listed_by_type(fake_stripe, stripe_client, catalog):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    fake_stripe.portal_action(subscription_id, "cancel_now")

    listed = stripe_client.v1.events.list(params={"type": "customer.subscription.*"}).data

    assert [e.type for e in listed] == [
        "customer.subscription.deleted",
        "customer.subscription.created",
    ]
    event = listed[0]
    assert event.api_version == "2026-10-28.endive"
    assert event.data.object.id == subscription_id
    assert event.request.id is None  # a portal action, not an API request


def test_lookup_keys_stay_unique_unless_transferred(fake_stripe, stripe_client, catalog):
    params = monthly_price(catalog["product"].id, 2900, lookup_key="studio-monthly")
    with pytest.raises(stripe.InvalidRequestError, match="already uses that lookup key"):
        stripe_client.v1.prices.create(params=params)

    moved = stripe_client.v1.prices.create(params={**params, "transfer_lookup_key": True})

    assert moved.lookup_key == "studio-monthly"
    assert fake_stripe.state.prices[catalog["price"].id]["lookup_key"] is None
