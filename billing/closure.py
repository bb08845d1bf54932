"""Ending an owner's billing with Stripe at once, before the Hub forgets them."""

import logging

from .gateway import cancel_subscription, expire_open_checkout_sessions, live_subscription_ids
from .models import BillingCustomer, Subscription

logger = logging.getLogger(__name__)


def stripe_customer_ids(profile):
    """Every Stripe customer the Hub knows for this owner (normally one)."""
    ids = set(
        BillingCustomer.objects.filter(profile=profile).values_list("stripe_customer_id", flat=True)
    )
    ids |= set(
        Subscription.objects.filter(profile=profile).values_list("stripe_customer_id", flat=True)
    )
    return sorted(ids)


def subscriptions_to_cancel(profile):
    """The owner's subscriptions still running in our copy: what deletion will end."""
    return list(
        Subscription.objects.filter(profile=profile)
        .exclude(status__in=[Subscription.Status.CANCELED, Subscription.Status.INCOMPLETE_EXPIRED])
        .select_related("plan")
    )


def close_billing(profile):
    """Cancel every live Stripe subscription of the owner now and expire their open Checkouts.

    Stripe is asked, not our copy, so a subscription the webhook has not told us about yet is
    ended too. Raises ``PaymentServiceError`` if Stripe cannot be reached; the caller then
    deletes nothing. Returns the ids of the subscriptions cancelled.
    """
    cancelled = []
    for customer_id in stripe_customer_ids(profile):
        expire_open_checkout_sessions(customer_id)
        for subscription_id in live_subscription_ids(customer_id):
            cancel_subscription(subscription_id)
            cancelled.append(subscription_id)
    logger.info("Closed billing of profile %s: cancelled %s", profile.pk, cancelled or "none")
    return cancelled
