"""The state file: a restarted stand-in still knows every id the Hub stored."""

import time

import pytest

from .driving import (
    checkout_params,
    make_catalog,
    sdk,
    subscribe,
)


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

    customer = second.state.customers[catalog["customer"].id]
    assert (customer["email"], customer["name"]) == ("owner@example.com", "Iron Temple Gym")
    subscription = client.v1.subscriptions.retrieve(subscription_id)
    assert (subscription.customer, subscription.status) == (customer["id"], "trialing")
    assert [event.id for event in client.v1.events.list(params={"limit": 100})] == (event_ids[::-1])
    assert second.events[0]["type"] == "product.created"
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

    with caplog.at_level("WARNING", logger="fake_stripe"):
        first = start_stand_in(state_file)

    assert f"Ignoring the state file {state_file}" in caplog.text
    assert first.state.customers == {} and first.events == []
    customer = sdk(first).v1.customers.create(params={"email": "fresh@example.com"})
    first.stop()
    assert customer.id in start_stand_in(state_file).state.customers


def test_a_running_stand_in_catches_the_file_up_within_a_second_or_two(start_stand_in, tmp_path):
    state_file = tmp_path / "state.json"
    stand_in = start_stand_in(state_file)

    customer = sdk(stand_in).v1.customers.create(params={"email": "kept@example.com"})

    # Without a stop: a crash now would lose at most the last second's changes.
    deadline = time.monotonic() + 5
    while customer.id not in (state_file.read_text() if state_file.exists() else ""):
        assert time.monotonic() < deadline, "the state file never caught up"
        time.sleep(0.1)
