"""A failed request changes nothing; concurrent clients all land; reads stay cheap."""

import threading

from .driving import (
    make_catalog,
    sdk,
    subscribe,
)


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
