"""Emails to owners about their subscription, sent off the request path through Django tasks."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from .models import Subscription

logger = logging.getLogger(__name__)

SUBJECTS = {
    "payment_failed": "Your MintKit Hub payment didn't go through",
    "trial_will_end": "Your MintKit Hub free period ends soon",
}


@task()
def send_subscription_email(subscription_id, kind):
    """Tell the owner of ``subscription_id`` about ``kind`` (a key of SUBJECTS)."""
    subscription = Subscription.objects.select_related("profile__user", "plan").get(
        pk=subscription_id
    )
    profile = subscription.profile
    context = {
        "profile": profile,
        "subscription": subscription,
        "dashboard_url": f"{settings.SITE_URL}/dashboard/",
    }
    body = render_to_string(f"billing/email/{kind}.txt", context)
    send_mail(
        SUBJECTS[kind],
        body,
        settings.DEFAULT_FROM_EMAIL,
        [profile.contact_email or profile.user.email],
    )
    logger.info("Sent %s email for subscription %s", kind, subscription.stripe_subscription_id)
