"""Access-change webhooks: one per real change, signed, retried with backoff, from every cause."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks import default_task_backend

from accounts.tests.factories import ProfileFactory
from billing import gateway
from billing.checkout import ensure_customer
from billing.tests.factories import PlanFactory
from billing.tests.signing import post_event
from studio.access_webhooks import RETRY_FOR, announce_ended_access
from studio.models import AccessWebhook, MintKitAccess

from .signed import exchange, launch_code

pytestmark = pytest.mark.django_db


def known_to_the_studio(profile):
    """Launch the Studio as ``profile`` and let the Studio exchange the code, as it would."""
    browser = Client()
    browser.force_login(profile.user)
    assert exchange(Client(), launch_code(browser)).status_code == 200
    return MintKitAccess.objects.get(profile=profile)


class Hub:
    """Delivers the Stripe stand-in's new events to the Hub's webhook, committing each."""

    def __init__(self, fake_stripe, capture):
        self.fake_stripe = fake_stripe
        self.capture = capture
        self.sent = 0

    def deliver_new_events(self):
        events = self.fake_stripe.state.events[self.sent :]
        self.sent = len(self.fake_stripe.state.events)
        for event in events:
            with self.capture(execute=True):
                assert post_event(Client(), event).status_code == 200

    def subscribe(self, profile):
        plan = PlanFactory(slug="salon", name="Salon", free_period_days=0)
        call_command("sync_stripe_plans", stdout=StringIO())
        plan.refresh_from_db()
        session = gateway.create_checkout_session(
            customer_id=ensure_customer(profile),
            price_id=plan.stripe_price_id,
            profile_id=profile.pk,
            plan_slug=plan.slug,
            trial_days=0,
            success_url="http://127.0.0.1:8000/billing/success/?session_id={CHECKOUT_SESSION_ID}",
            cancel_url="http://127.0.0.1:8000/billing/cancel/",
        )
        self.fake_stripe.complete_checkout(session.id)
        self.deliver_new_events()
        return self.fake_stripe.state.checkout_sessions[session.id]["subscription"]

    def portal(self, subscription_id, action):
        self.fake_stripe.portal_action(subscription_id, action)
        self.deliver_new_events()


@pytest.fixture
def hub(fake_stripe, django_capture_on_commit_callbacks):
    return Hub(fake_stripe, django_capture_on_commit_callbacks)


def received(receiver):
    return [(item["type"], item["summary"], item["verification"]) for item in receiver.webhooks]


def test_one_webhook_per_real_change_of_access_through_a_stripe_lifecycle(hub, studio_receiver):
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=3))
    record = known_to_the_studio(profile)
    assert record.known_reason == "signup_trial"

    subscription_id = hub.subscribe(profile)
    changes = received(studio_receiver)
    assert [(kind, check) for kind, _, check in changes] == [("access.changed", "verified")]
    assert changes[0][1].startswith("access subscription until ")

    # Stripe's events again, and a reconcile: nothing changed, so nothing is sent.
    hub.sent = 0
    hub.deliver_new_events()
    call_command("reconcile_subscriptions", stdout=StringIO())
    assert len(studio_receiver.webhooks) == 1

    profile.trial_ends_at = timezone.now() - timedelta(days=1)
    profile.save()
    hub.portal(subscription_id, "fail_payment")
    hub.portal(subscription_id, "retry_payment")
    hub.portal(subscription_id, "cancel_now")

    kinds = [(kind, summary.split(" until")[0]) for kind, summary, _ in received(studio_receiver)]
    assert kinds == [
        ("access.changed", "access subscription"),
        ("access.changed", "access past_due_grace"),
        ("access.changed", "access subscription"),
        ("access.revoked", "access none (no access)"),
    ]
    assert all(check == "verified" for *_, check in received(studio_receiver))
    assert set(AccessWebhook.objects.values_list("state", flat=True)) == {"delivered"}


def test_the_webhook_body_is_the_contracts(hub, studio_receiver):
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=3))
    record = known_to_the_studio(profile)
    hub.subscribe(profile)

    webhook = AccessWebhook.objects.get()
    body = json.loads(webhook.body)
    assert set(body) == {"id", "type", "created", "data"}
    assert body["id"] == webhook.event_id and body["id"].startswith("evt_")
    assert body["type"] == "access.changed"
    assert abs(body["created"] - timezone.now().timestamp()) < 60
    assert body["data"] == {
        "sub": str(record.external_id),
        "allowed": True,
        "reason": "subscription",
        "until": body["data"]["until"],
    }
    assert isinstance(body["data"]["until"], int)
    # Nothing personal travels in a webhook.
    assert profile.business_name not in webhook.body
    assert profile.contact_email not in webhook.body


def test_no_webhook_for_an_owner_the_studio_does_not_know(hub, studio_receiver):
    profile = ProfileFactory(trial_ended=True)
    hub.subscribe(profile)
    assert not AccessWebhook.objects.exists()
    assert studio_receiver.webhooks == []


def test_no_webhook_url_means_none_sent(settings, django_capture_on_commit_callbacks):
    settings.MINTKIT_STUDIO_WEBHOOK_URL = None
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=1))
    known_to_the_studio(profile)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        call_command("send_studio_webhooks", stdout=StringIO())
    assert not AccessWebhook.objects.exists()


def test_the_scheduled_command_announces_a_trial_end_once(
    studio_receiver, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=1))
    ongoing = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=5))
    record = known_to_the_studio(profile)
    known_to_the_studio(ongoing)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_studio_webhooks", stdout=StringIO())
    assert studio_receiver.webhooks == []

    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                call_command("send_studio_webhooks", stdout=StringIO())

    assert received(studio_receiver) == [("access.revoked", "access none (no access)", "verified")]
    assert AccessWebhook.objects.get().sub == record.external_id


def test_account_deletion_sends_access_revoked_after_the_rows_are_gone(
    studio_receiver, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=3))
    record = known_to_the_studio(profile)
    stranger = ProfileFactory()

    with django_capture_on_commit_callbacks(execute=True):
        profile.user.delete()
        stranger.user.delete()

    assert not MintKitAccess.objects.exists()
    webhook = AccessWebhook.objects.get()
    assert webhook.state == "delivered"
    assert json.loads(webhook.body)["data"] == {
        "sub": str(record.external_id),
        "allowed": False,
        "reason": "account_deleted",
        "until": None,
    }
    assert received(studio_receiver) == [
        ("access.revoked", "access account_deleted (no access)", "verified")
    ]


def owner_whose_trial_ends_soon():
    """An owner the Studio knows whose trial ends in a minute: (profile, a moment after)."""
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(minutes=1))
    known_to_the_studio(profile)
    return profile, profile.trial_ends_at + timedelta(seconds=1)


@pytest.fixture
def refused_revocation(studio_receiver, django_capture_on_commit_callbacks):
    """A trial ends while the Studio refuses webhooks: (profile, start, clock), time stopped.

    The scheduled command has noticed the end, and the revocation's first delivery failed.
    """
    profile, start = owner_whose_trial_ends_soon()
    studio_receiver.refuse_webhooks = True
    with time_machine.travel(start, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_studio_webhooks", stdout=StringIO())
        yield profile, start, clock


def test_a_failed_delivery_is_retried_with_backoff_then_delivered(
    studio_receiver, refused_revocation
):
    _, start, clock = refused_revocation
    webhook = AccessWebhook.objects.get()
    assert (webhook.state, webhook.attempts) == ("pending", 1)
    assert webhook.last_error == "HTTP 503 from the Studio"
    assert webhook.next_attempt_at == start + timedelta(minutes=1)

    # Not due yet: the command leaves it alone.
    call_command("send_studio_webhooks", stdout=StringIO())
    webhook.refresh_from_db()
    assert webhook.attempts == 1

    clock.move_to(start + timedelta(minutes=1))
    call_command("send_studio_webhooks", stdout=StringIO())
    webhook.refresh_from_db()
    assert (webhook.state, webhook.attempts) == ("pending", 2)
    assert webhook.next_attempt_at == start + timedelta(minutes=4)  # then 3 minutes later

    studio_receiver.refuse_webhooks = False
    clock.move_to(start + timedelta(minutes=4))
    call_command("send_studio_webhooks", stdout=StringIO())
    webhook.refresh_from_db()
    assert (webhook.state, webhook.attempts, webhook.last_error) == ("delivered", 3, "")
    assert received(studio_receiver) == [("access.revoked", "access none (no access)", "verified")]


def test_delivery_gives_up_after_three_days(refused_revocation):
    _, start, clock = refused_revocation
    webhook = AccessWebhook.objects.get()
    gaps = []
    while webhook.state == "pending":
        gaps.append(webhook.next_attempt_at - webhook.last_attempt_at)
        clock.move_to(webhook.next_attempt_at)
        call_command("send_studio_webhooks", stdout=StringIO())
        webhook.refresh_from_db()
    assert webhook.state == "failed"
    assert webhook.last_attempt_at == start + RETRY_FOR
    assert gaps[:4] == [timedelta(minutes=m) for m in (1, 3, 9, 27)]
    assert max(gaps) == timedelta(hours=12)
    assert webhook.attempts == len(gaps) + 1 < 20


def test_a_newer_event_supersedes_an_undelivered_older_one(
    studio_receiver, django_capture_on_commit_callbacks, refused_revocation
):
    profile, start, clock = refused_revocation
    with django_capture_on_commit_callbacks(execute=True):
        # Staff extend the trial in the admin: saving the profile announces it.
        profile.trial_ends_at = start + timedelta(days=7)
        profile.save()
    studio_receiver.refuse_webhooks = False
    clock.move_to(start + timedelta(minutes=1))
    call_command("send_studio_webhooks", stdout=StringIO())

    revoked, granted = AccessWebhook.objects.order_by("pk")
    assert (revoked.type, revoked.state) == ("access.revoked", "superseded")
    assert (granted.type, granted.state) == ("access.granted", "delivered")
    assert [kind for kind, *_ in received(studio_receiver)] == ["access.granted"]


def test_a_backend_that_can_wait_gets_the_retry_as_a_deferred_task(
    settings, studio_receiver, django_capture_on_commit_callbacks
):
    _, start = owner_whose_trial_ends_soon()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    studio_receiver.refuse_webhooks = True
    with time_machine.travel(start):
        with django_capture_on_commit_callbacks(execute=True):
            announce_ended_access()
        webhook = AccessWebhook.objects.get()
        queued = default_task_backend.results
        assert [result.task.run_after for result in queued] == [None]  # the first try, at once
        queued[0].task.call(*queued[0].args)
    webhook.refresh_from_db()
    assert webhook.attempts == 1
    assert [result.task.run_after for result in queued][1:] == [webhook.next_attempt_at]


def test_staff_ending_a_trial_early_revokes_access_at_once(
    studio_receiver, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=3))
    known_to_the_studio(profile)
    with django_capture_on_commit_callbacks(execute=True):
        profile.business_name = "Renamed"  # not access: nothing to tell
        profile.save()
        profile.trial_ends_at = timezone.now() - timedelta(minutes=1)
        profile.save()
    assert received(studio_receiver) == [("access.revoked", "access none (no access)", "verified")]


def test_a_sign_up_trial_ending_after_unchanged_syncs_is_announced_by_the_schedule(
    hub, studio_receiver, django_capture_on_commit_callbacks
):
    # A sync that finds the subscription as Stripe has it says nothing to the Studio (billing's
    # subscription_synced is not sent): time passing is the scheduled command's to announce.
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=3))
    known_to_the_studio(profile)
    subscription_id = hub.subscribe(profile)
    hub.portal(subscription_id, "cancel_now")
    told = received(studio_receiver)
    assert [summary.split(" until")[0] for _, summary, _ in told][-1] == "access signup_trial"

    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("reconcile_subscriptions", stdout=StringIO())
        assert received(studio_receiver) == told
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                call_command("send_studio_webhooks", stdout=StringIO())

    assert received(studio_receiver)[len(told) :] == [
        ("access.revoked", "access none (no access)", "verified")
    ]
