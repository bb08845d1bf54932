"""The one access rule, for every subscription status with and without the sign-up trial."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.tests.factories import ProfileFactory
from billing.access import Reason, studio_access
from billing.models import Subscription

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db
Status = Subscription.Status

EXPECTED = {
    # status: (allowed, reason) when the sign-up trial is over
    Status.TRIALING: (True, Reason.SUBSCRIPTION),
    Status.ACTIVE: (True, Reason.SUBSCRIPTION),
    Status.PAST_DUE: (True, Reason.PAST_DUE_GRACE),
    Status.CANCELED: (False, Reason.NONE),
    Status.UNPAID: (False, Reason.NONE),
    Status.INCOMPLETE: (False, Reason.NONE),
    Status.INCOMPLETE_EXPIRED: (False, Reason.NONE),
    Status.PAUSED: (False, Reason.NONE),
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("trial_active", [True, False])
def test_access_for_every_status_and_trial(status, trial_active):
    profile = ProfileFactory(trial_ended=not trial_active)
    subscription = SubscriptionFactory(profile=profile, status=status)

    access = studio_access(profile)

    allowed, reason = EXPECTED[status]
    if trial_active and reason != Reason.SUBSCRIPTION:
        allowed, reason = True, Reason.SIGNUP_TRIAL
    assert (access.allowed, access.reason) == (allowed, reason)
    assert access.subscription == subscription
    assert access.explanation


@pytest.mark.parametrize("trial_active", [True, False])
def test_access_without_any_subscription(trial_active):
    profile = ProfileFactory(trial_ended=not trial_active)
    access = studio_access(profile)
    assert access.allowed is trial_active
    assert access.reason == (Reason.SIGNUP_TRIAL if trial_active else Reason.NONE)
    assert access.until == (profile.trial_ends_at if trial_active else None)


def test_until_is_period_end_or_cancellation_date():
    profile = ProfileFactory(trial_ended=True)
    period_end = timezone.now() + timedelta(days=20)
    subscription = SubscriptionFactory(
        profile=profile, status=Status.ACTIVE, current_period_end=period_end
    )
    assert studio_access(profile).until == period_end

    subscription.cancel_at_period_end = True
    subscription.cancel_at = period_end - timedelta(days=1)
    subscription.save()
    assert studio_access(profile).until == period_end - timedelta(days=1)


def test_an_active_subscription_wins_over_an_older_canceled_one():
    profile = ProfileFactory(trial_ended=True)
    SubscriptionFactory(profile=profile, canceled=True)
    active = SubscriptionFactory(profile=profile, status=Status.ACTIVE)
    access = studio_access(profile)
    assert access.allowed and access.subscription == active


def test_sign_up_trial_boundaries_with_frozen_time():
    with time_machine.travel("2026-03-01 09:00:00+00:00", tick=False):
        profile = ProfileFactory(
            created_at=timezone.now(), trial_ends_at=timezone.now() + timedelta(days=14)
        )
    with time_machine.travel("2026-03-15 08:59:59+00:00", tick=False):
        assert studio_access(profile).allowed
        assert profile.trial_days_left() == 1
    with time_machine.travel("2026-03-15 09:00:00+00:00", tick=False):
        assert not studio_access(profile).allowed
        assert profile.trial_days_left() == 0


@pytest.mark.parametrize("status", [None, *list(Status)])
@pytest.mark.parametrize("trial_active", [True, False])
def test_database_filter_agrees_with_the_rule(status, trial_active):
    from accounts.models import Profile
    from billing.access import has_access_filter

    profile = ProfileFactory(trial_ended=not trial_active)
    if status:
        SubscriptionFactory(profile=profile, status=status)
    filtered = Profile.objects.filter(has_access_filter()).filter(pk=profile.pk).exists()
    assert filtered is studio_access(profile).allowed
