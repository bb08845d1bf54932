"""The one access rule: may this owner use the MintKit Studio now, why, and until when."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Subscription

Status = Subscription.Status
# CONTRACT.md: these Stripe statuses give access; past_due keeps it during Stripe's retries.
SUBSCRIPTION_ACCESS = {Status.TRIALING, Status.ACTIVE}
GRACE = {Status.PAST_DUE}


class Reason:
    SIGNUP_TRIAL = "signup_trial"
    SUBSCRIPTION = "subscription"
    PAST_DUE_GRACE = "past_due_grace"
    NONE = "none"


@dataclass(frozen=True)
class StudioAccess:
    allowed: bool
    reason: str
    until: datetime | None
    subscription: Subscription | None = None

    @property
    def explanation(self):
        """The reason in words an owner understands."""
        if self.reason == Reason.SUBSCRIPTION:
            plan = self.subscription.plan.name if self.subscription.plan else "your plan"
            if self.subscription.status == Status.TRIALING:
                return f"You are in the free period of {plan}."
            return f"Your {plan} subscription is active."
        if self.reason == Reason.SIGNUP_TRIAL:
            return "You are on your free trial."
        if self.reason == Reason.PAST_DUE_GRACE:
            return (
                "Your last payment failed. You keep access while Stripe retries; "
                "please update your payment details."
            )
        if self.subscription is not None:
            return (
                f"Your subscription is {self.subscription.get_status_display().lower()}, "
                "so the Studio is closed. Choose a plan to open it again."
            )
        return "Your free trial has ended. Choose a plan to keep using the Studio."


def current_subscription(profile):
    """The subscription that matters now: one giving access if any, else the newest.

    Reads ``profile.subscriptions.all()`` so that lists can prefetch ``subscriptions__plan``.
    """
    subscriptions = list(profile.subscriptions.all())
    for wanted in (SUBSCRIPTION_ACCESS, GRACE):
        for subscription in subscriptions:
            if subscription.status in wanted:
                return subscription
    return subscriptions[0] if subscriptions else None


def studio_access(profile, now=None):
    """Decide whether ``profile`` may use the Studio at ``now`` (default: this moment)."""
    now = now or timezone.now()
    subscription = current_subscription(profile)
    if subscription is not None and subscription.status in SUBSCRIPTION_ACCESS:
        until = subscription.ends_at or subscription.current_period_end or subscription.trial_end
        return StudioAccess(True, Reason.SUBSCRIPTION, until, subscription)
    if profile.trial_ends_at and now < profile.trial_ends_at:
        return StudioAccess(True, Reason.SIGNUP_TRIAL, profile.trial_ends_at, subscription)
    if subscription is not None and subscription.status in GRACE:
        until = subscription.current_period_end
        return StudioAccess(True, Reason.PAST_DUE_GRACE, until, subscription)
    return StudioAccess(False, Reason.NONE, None, subscription)


def has_access_filter(now=None):
    """The rule above as a database filter over profiles, for staff lists and their filters.

    Kept beside ``studio_access`` so that the two can only change together; a test checks that
    they agree for every status and trial state.
    """
    now = now or timezone.now()
    subscription_gives_access = Exists(
        Subscription.objects.filter(profile=OuterRef("pk"), status__in=SUBSCRIPTION_ACCESS | GRACE)
    )
    return Q(trial_ends_at__gt=now) | Q(subscription_gives_access)
