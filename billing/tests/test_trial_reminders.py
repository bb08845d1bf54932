"""Trial reminders: 3 days and 1 day before the trial ends, once each, never to subscribers."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import ProfileFactory
from billing.trial_reminders import send_trial_reminders

from .factories import PlanFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def owner(name, ends_in):
    return ProfileFactory(business_name=name, trial_ends_at=timezone.now() + ends_in)


def test_reminders_go_once_each_across_two_runs(mailoutbox):
    PlanFactory(name="Studio Monthly", price_amount=1900)
    owner("Lee's Gym & Spa", timedelta(days=2, hours=12))
    owner("Tomorrow Tailors", timedelta(hours=20))
    owner("Far Off Florist", timedelta(days=9))
    owner("Ended Engravers", -timedelta(days=1))
    subscribed = owner("Paid Up Pottery", timedelta(days=2))
    SubscriptionFactory(profile=subscribed, trialing=True)

    out = StringIO()
    call_command("send_trial_reminders", stdout=out)
    call_command("send_trial_reminders", stdout=out)

    assert "Sent 2 trial reminder(s)." in out.getvalue()
    assert "Sent 0 trial reminder(s)." in out.getvalue()
    assert sorted(message.subject for message in mailoutbox) == [
        "MintKit Hub: your free trial ends in 1 day",
        "MintKit Hub: your free trial ends in 3 days",
    ]
    three_days = next(m for m in mailoutbox if "3 days" in m.subject)
    assert three_days.body.startswith("Hello Lee's Gym & Spa,")
    assert "Studio Monthly: £19.00 a month" in three_days.body
    assert "http://127.0.0.1:8000/billing/plans/" in three_days.body


def test_the_one_day_reminder_follows_the_three_day_one(mailoutbox):
    profile = owner("Lee's Gym & Spa", timedelta(days=2, hours=12))
    send_trial_reminders()
    send_trial_reminders(now=timezone.now() + timedelta(days=2))
    send_trial_reminders(now=timezone.now() + timedelta(days=2, hours=1))
    assert [m.subject for m in mailoutbox] == [
        "MintKit Hub: your free trial ends in 3 days",
        "MintKit Hub: your free trial ends in 1 day",
    ]
    assert all(m.to == [profile.user.email] for m in mailoutbox)
