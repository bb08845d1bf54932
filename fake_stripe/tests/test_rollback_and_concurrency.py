"""A failed request changes nothing; concurrent clients all land; reads stay cheap."""

import copy

import pytest
import stripe

from .driving import checkout_params, in_threads, make_catalog, monthly_price, sdk, subscribe


def test_a_failed_write_leaves_every_object_and_event_as_it_was(fake_stripe, stripe_client):
    catalog = make_catalog(stripe_client)
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    objects_before = {
        name: copy.deepcopy(dict(getattr(fake_stripe.state, name)))
        for name in ("customers", "prices", "subscriptions", "invoices", "checkout_sessions")
    }
    events_before = list(fake_stripe.events)

    # Each fails part-way, after changing what it had touched so far.
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.subscriptions.update(
            subscription_id,
            params={
                "cancel_at_period_end": True,
                "metadata": {"plan": "changed"},
                "items": [{"id": "si_missing", "price": catalog["pro_price"].id}],
            },
        )
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.checkout.sessions.create(
            params={**checkout_params(catalog), "success_url": "not a url"}
        )
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.prices.create(
            params=monthly_price(
                catalog["product"].id,
                2900,
                recurring={"interval": "fortnight"},
                lookup_key="studio-monthly",
                transfer_lookup_key=True,
            )
        )

    for name, before in objects_before.items():
        assert dict(getattr(fake_stripe.state, name)) == before, name
    assert fake_stripe.events == events_before
    # And the objects still work: the next write goes through.
    updated = stripe_client.v1.subscriptions.update(
        subscription_id, params={"cancel_at_period_end": True}
    )
    assert updated.cancel_at_period_end is True


def test_reads_neither_take_an_undo_log_nor_put_the_state_file_behind(
    start_stand_in, tmp_path, monkeypatch
):
    stand_in = start_stand_in(tmp_path / "state.json")
    client = sdk(stand_in)
    subscription_id = subscribe(stand_in, client, make_catalog(client))
    changes_before = stand_in.state.changes
    undo_logs = []
    monkeypatch.setattr(type(stand_in.state), "atomic", lambda self: undo_logs.append(1))

    for _ in range(5):
        assert client.v1.subscriptions.retrieve(subscription_id).status == "trialing"
    assert client.v1.subscriptions.list().data[0].id == subscription_id

    assert undo_logs == []
    assert stand_in.state.changes == changes_before


def test_concurrent_writes_and_reads_all_land_and_stay_consistent(fake_stripe, stripe_client):
    created = []

    def owner(number):
        client = sdk(fake_stripe)
        for call in range(15):
            customer = client.v1.customers.create(
                params={"email": f"owner{number}-{call}@example.com"}
            )
            created.append(customer.id)
            renamed = client.v1.customers.update(customer.id, params={"name": f"{number}"})
            assert (renamed.email, renamed.name) == (customer.email, f"{number}")

    assert in_threads(owner, count=8) == []
    assert len(set(created)) == 8 * 15
    assert set(created) <= set(fake_stripe.state.customers)
    created_events = [e for e in fake_stripe.events if e["type"] == "customer.created"]
    assert {e["data"]["object"]["id"] for e in created_events} >= set(created)


def test_concurrent_updates_and_failures_on_one_subscription_stay_consistent(
    fake_stripe, stripe_client
):
    subscription_id = subscribe(fake_stripe, stripe_client, make_catalog(stripe_client))
    events_before = len(fake_stripe.events)
    refused = []

    def writer(number):
        client = sdk(fake_stripe)
        for call in range(10):
            client.v1.subscriptions.update(
                subscription_id, params={"metadata": {"writer": f"{number}-{call}"}}
            )
            try:
                client.v1.subscriptions.update(
                    subscription_id,
                    params={"metadata": {"writer": "never"}, "items": [{"id": "si_no"}]},
                )
            except stripe.InvalidRequestError:
                refused.append(1)

    assert in_threads(writer, count=8) == []
    assert len(refused) == 80
    updates = fake_stripe.events[events_before:]
    writers = [e["data"]["object"]["metadata"]["writer"] for e in updates]
    # Every successful write, and none of the refused ones, left one event, in the order the
    # writes happened: the last event's snapshot is what Stripe holds now.
    assert sorted(writers) == sorted(f"{n}-{c}" for n in range(8) for c in range(10))
    stored = stripe_client.v1.subscriptions.retrieve(subscription_id)
    assert stored.metadata["writer"] == writers[-1]
    assert updates[-1]["data"]["object"] == fake_stripe.state.subscriptions[subscription_id]
