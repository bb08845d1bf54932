"""Webhook deliveries that repeat, race and arrive out of order still end in Stripe's state."""

import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.test import Client

from accounts.models import Profile
from accounts.tests.concurrency import all_at_once
from accounts.tests.factories import ProfileFactory
from billing import gateway, sync_statements
from billing.checkout import ensure_customer
from billing.models import StripeEvent, Subscription
from billing.signals import subscription_synced
from billing.sync import stripe_state, sync_subscription

from .factories import PlanFactory
from .signing import post_event


def subscribe(fake_stripe, *, free_days=0):
    """An owner whose checkout completed at the stand-in; returns (profile, subscription id)."""
    plan = PlanFactory(slug=f"salon-{free_days}", name="Salon", free_period_days=free_days)
    call_command("sync_stripe_plans", stdout=StringIO())
    plan.refresh_from_db()
    profile = ProfileFactory()
    session = gateway.create_checkout_session(
        customer_id=ensure_customer(profile),
        price_id=plan.stripe_price_id,
        profile_id=profile.pk,
        plan_slug=plan.slug,
        trial_days=free_days,
        success_url="http://127.0.0.1:8000/billing/success/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://127.0.0.1:8000/billing/cancel/",
    )
    fake_stripe.complete_checkout(session.id)
    return profile, fake_stripe.state.checkout_sessions[session.id]["subscription"]


@pytest.fixture
def subscribed(fake_stripe, db):
    return subscribe(fake_stripe)


def stored_matches_stripe(fake_stripe, subscription_id):
    stored = Subscription.objects.get(stripe_subscription_id=subscription_id)
    expected = stripe_state(fake_stripe.state.subscriptions[subscription_id])
    return {name: getattr(stored, name) for name in expected} == expected


def events_of(fake_stripe, *types):
    return [event for event in fake_stripe.state.events if event["type"] in types]


@pytest.mark.django_db
def test_lifecycle_events_in_every_order_end_in_stripes_current_state(
    client, fake_stripe, subscribed
):
    profile, subscription_id = subscribed
    fake_stripe.portal_action(subscription_id, "fail_payment")
    fake_stripe.portal_action(subscription_id, "cancel_now")
    lifecycle = [
        events_of(fake_stripe, "customer.subscription.created")[0],
        events_of(fake_stripe, "invoice.paid")[0],
        events_of(fake_stripe, "invoice.payment_failed")[0],
        events_of(fake_stripe, "customer.subscription.updated")[-1],
        events_of(fake_stripe, "customer.subscription.deleted")[0],
    ]
    orders = list(itertools.permutations(lifecycle))
    for order in orders:
        Subscription.objects.all().delete()
        StripeEvent.objects.all().delete()
        for event in order:
            assert post_event(client, event).status_code == 200
        assert stored_matches_stripe(fake_stripe, subscription_id)
        assert Subscription.objects.get().status == "canceled"
    print(f"\n{len(orders)} delivery orders of {len(lifecycle)} events all converged")


@pytest.mark.django_db
def test_stale_event_delivered_after_newer_state_does_not_roll_back(
    client, fake_stripe, subscribed
):
    _, subscription_id = subscribed
    fake_stripe.portal_action(subscription_id, "cancel_at_period_end")
    post_event(client, events_of(fake_stripe, "customer.subscription.updated")[-1])
    assert Subscription.objects.get().cancel_at_period_end

    # The much older "created" event arrives late: it must not undo the cancellation.
    post_event(client, events_of(fake_stripe, "customer.subscription.created")[0])
    assert Subscription.objects.get().cancel_at_period_end
    assert stored_matches_stripe(fake_stripe, subscription_id)


@pytest.mark.django_db
def test_each_step_of_the_lifecycle_is_reflected_as_it_happens(client, fake_stripe, subscribed):
    _, subscription_id = subscribed
    steps = [
        ("fail_payment", "past_due"),
        ("retry_payment", "active"),
        ("pause", "paused"),
        ("unpause", "active"),
        ("cancel_now", "canceled"),
    ]
    for action, status in steps:
        for event in fake_stripe.portal_action(subscription_id, action):
            assert post_event(client, event).status_code == 200
        assert Subscription.objects.get().status == status, action
        assert stored_matches_stripe(fake_stripe, subscription_id)


@pytest.mark.django_db
def test_payment_failed_and_trial_will_end_email_the_owner(
    client, fake_stripe, mailoutbox, django_capture_on_commit_callbacks
):
    profile, subscription_id = subscribe(fake_stripe, free_days=14)
    profile.business_name = "Lee's Gym & Spa"
    profile.contact_email = "front-desk@example.com"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        for action in ["trial_will_end", "end_trial", "fail_payment"]:
            for event in fake_stripe.portal_action(subscription_id, action):
                post_event(client, event)
    by_subject = {message.subject: message for message in mailoutbox}
    failed = by_subject["MintKit Hub: your payment didn't go through"]
    ending = by_subject["MintKit Hub: your free period ends soon"]
    # To the account's own (primary) address, not the business's public contact address.
    assert all(message.to == [profile.user.email] for message in mailoutbox)
    for message in (failed, ending):
        text = message.body
        assert text.startswith("Hello Lee's Gym & Spa,")  # no &#x27; or &amp; in plain text
        assert "Stripe" not in text
        assert "http://127.0.0.1:8000/dashboard/" in text
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and "Lee&#x27;s Gym &amp; Spa" in html
    assert "Then your card is charged £19.00 a month" in ending.body
    assert "the payment of £19.00" in failed.body
    assert "We'll try your card again on " in failed.body
    assert "Studio access stops" in failed.body


@pytest.mark.django_db
def test_stripe_unreachable_is_recorded_and_answered_503_then_retry_succeeds(
    client, fake_stripe, subscribed
):
    _, subscription_id = subscribed
    event = events_of(fake_stripe, "customer.subscription.created")[0]
    fake_stripe.fail_next("/v1/subscriptions", status=500)

    response = post_event(client, event)

    assert response.status_code == 503
    stored = StripeEvent.objects.get(stripe_event_id=event["id"])
    assert stored.processed_at is None
    assert "PaymentServiceError" in stored.error
    assert not Subscription.objects.exists()

    assert post_event(client, event).status_code == 200
    stored.refresh_from_db()
    assert stored.processed_at is not None and stored.attempts == 2 and stored.error == ""
    assert stored_matches_stripe(fake_stripe, subscription_id)


@pytest.mark.django_db
def test_reconcile_repairs_drifted_subscriptions(client, fake_stripe, subscribed, capsys):
    _, subscription_id = subscribed
    for event in events_of(fake_stripe, "customer.subscription.created"):
        post_event(client, event)
    # Stripe moves on while our webhook endpoint is down.
    fake_stripe.portal_action(subscription_id, "cancel_at_period_end")
    assert not Subscription.objects.get().cancel_at_period_end

    call_command("reconcile_subscriptions")

    out = capsys.readouterr().out
    assert "cancel_at_period_end False -> True" in out
    assert "1 repaired" in out
    assert stored_matches_stripe(fake_stripe, subscription_id)


@pytest.mark.postgresql  # PostgreSQL's row locks
@pytest.mark.django_db(transaction=True)
def test_same_event_delivered_50_times_concurrently_is_processed_once(fake_stripe, subscribed):
    _, subscription_id = subscribed
    event = events_of(fake_stripe, "customer.subscription.created")[0]
    statuses = all_at_once(50, lambda: post_event(Client(), event).status_code)

    assert statuses == [200] * 50
    assert StripeEvent.objects.filter(stripe_event_id=event["id"]).count() == 1
    assert StripeEvent.objects.get(stripe_event_id=event["id"]).attempts == 1
    assert Subscription.objects.count() == 1
    assert stored_matches_stripe(fake_stripe, subscription_id)
    print("\n50 concurrent deliveries: 50 × 200, 1 event row, processed once")


@pytest.mark.django_db
def test_a_repeat_of_a_processed_event_asks_stripe_nothing(
    client, fake_stripe, subscribed, django_assert_num_queries
):
    _, subscription_id = subscribed
    event = events_of(fake_stripe, "customer.subscription.created")[0]
    assert post_event(client, event).status_code == 200
    fake_stripe.fail_next("/v1/subscriptions", status=500)  # were Stripe asked, this would 503

    # The insert that finds the event stored, then its processed state: nothing else (the
    # test's own transaction turns the webhook's into a savepoint: 2 more statements).
    with django_assert_num_queries(2 + 2):
        response = post_event(client, event)

    assert (response.status_code, response.content) == (200, b"duplicate")
    assert StripeEvent.objects.get(stripe_event_id=event["id"]).attempts == 1
    assert stored_matches_stripe(fake_stripe, subscription_id)


@pytest.mark.django_db
def test_a_first_delivery_is_stored_and_synced_within_its_query_budget(
    client, fake_stripe, subscribed, django_assert_num_queries
):
    _, subscription_id = subscribed
    created = events_of(fake_stripe, "customer.subscription.created")[0]
    paid = events_of(fake_stripe, "invoice.paid")[0]
    assert post_event(client, created).status_code == 200

    # Stored as processed (1); in the processing's savepoint (2): the owner locked, the plan,
    # the subscription read and its sync time written (4), and nothing for the Studio, as the
    # subscription is as it was; the test's own transaction turns the webhook's into a savepoint
    # as well (2).
    with django_assert_num_queries(1 + 2 + 4 + 2):
        response = post_event(client, paid)

    assert (response.status_code, response.content) == (200, b"processed")
    stored = StripeEvent.objects.get(stripe_event_id=paid["id"])
    assert (stored.attempts, stored.error) == (1, "") and stored.processed_at is not None
    assert stored_matches_stripe(fake_stripe, subscription_id)


@pytest.mark.django_db
def test_the_synced_subscription_is_read_as_the_orm_reads_it(fake_stripe, subscribed):
    _, subscription_id = subscribed
    sync_subscription(subscription_id, fake_stripe.state.subscriptions[subscription_id]["customer"])
    orm = Subscription.objects.get(stripe_subscription_id=subscription_id)

    read = sync_statements.subscription_by_stripe_id(subscription_id)

    fields = [field.attname for field in Subscription._meta.concrete_fields]
    assert [getattr(read, name) for name in fields] == [getattr(orm, name) for name in fields]
    assert sync_statements.subscription_by_stripe_id("sub_unknown") is None


@pytest.mark.django_db
def test_access_is_signalled_only_when_a_sync_stored_something_new(fake_stripe, subscribed):
    profile, subscription_id = subscribed
    customer_id = fake_stripe.state.subscriptions[subscription_id]["customer"]
    signalled = []

    def note(sender, profile_id, **kwargs):
        signalled.append(profile_id)

    subscription_synced.connect(note)
    try:
        created = sync_subscription(subscription_id, customer_id)
        unchanged = sync_subscription(subscription_id, customer_id)
        fake_stripe.portal_action(subscription_id, "cancel_now")
        changed = sync_subscription(subscription_id, customer_id)
    finally:
        subscription_synced.disconnect(note)

    assert (created.created, unchanged.changes, bool(changed.changes)) == (True, {}, True)
    assert signalled == [profile.pk, profile.pk]


@pytest.mark.postgresql  # PostgreSQL's row locks
@pytest.mark.django_db(transaction=True)
def test_the_owner_stays_locked_while_stripe_is_asked(fake_stripe, subscribed, monkeypatch):
    profile, subscription_id = subscribed
    customer_id = fake_stripe.state.subscriptions[subscription_id]["customer"]
    retrieve = gateway.retrieve_subscription
    seen_from_elsewhere = []

    def try_to_lock_the_owner():
        try:
            with transaction.atomic():
                Profile.objects.select_for_update(nowait=True).filter(pk=profile.pk).exists()
            seen_from_elsewhere.append("free")
        except DatabaseError:
            seen_from_elsewhere.append("locked")

    def asking_stripe(subscription_id):
        all_at_once(1, try_to_lock_the_owner)  # another connection, while Stripe is asked
        return retrieve(subscription_id)

    monkeypatch.setattr(gateway, "retrieve_subscription", asking_stripe)
    sync_subscription(subscription_id, customer_id)
    all_at_once(1, try_to_lock_the_owner)  # and once the sync has committed

    assert seen_from_elsewhere == ["locked", "free"]
