"""Reminding owners, 3 days and 1 day before their sign-up trial ends, to choose a plan.

Run by ``manage.py send_trial_reminders`` on a schedule (hourly is plenty). Each reminder is
sent once: its TrialReminder row is written, under a unique constraint, before the email is
queued. An owner who already has a running subscription gets none.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import Profile
from accounts.owner_emails import send_owner_email

from .models import Subscription, SubscriptionPlan, TrialReminder

logger = logging.getLogger(__name__)

REMINDER_DAYS = (3, 1)
RUNNING = [Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE]


def due_reminders(days_before, now):
    """Owners whose trial ends within ``days_before`` days (and not within the next, shorter
    reminder's window), not subscribed, not yet reminded at this step."""
    shorter = [days for days in REMINDER_DAYS if days < days_before]
    window_start = now + timedelta(days=max(shorter, default=0))
    return (
        Profile.objects.filter(
            trial_ends_at__gt=window_start,
            trial_ends_at__lte=now + timedelta(days=days_before),
        )
        .exclude(Exists(Subscription.objects.filter(profile=OuterRef("pk"), status__in=RUNNING)))
        .exclude(
            Exists(TrialReminder.objects.filter(profile=OuterRef("pk"), days_before=days_before))
        )
        .select_related("user")
    )


def send_trial_reminders(now=None):
    """Send every reminder that is due; returns how many were sent."""
    now = now or timezone.now()
    plans = list(SubscriptionPlan.objects.filter(active=True))
    sent = 0
    for days_before in REMINDER_DAYS:
        for profile in due_reminders(days_before, now):
            try:
                with transaction.atomic():
                    TrialReminder.objects.create(profile=profile, days_before=days_before)
                    send_owner_email(
                        profile,
                        "billing/email/trial_reminder",
                        f"MintKit Hub: your free trial ends in {days_before} "
                        f"day{'s' if days_before > 1 else ''}",
                        {"trial_ends_at": profile.trial_ends_at, "plans": plans},
                    )
            except IntegrityError:
                continue  # another run sent it a moment ago
            sent += 1
    logger.info("Sent %s trial reminder(s)", sent)
    return sent
