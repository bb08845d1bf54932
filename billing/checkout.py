"""Starting a Stripe Checkout, confirming its result, and opening the Billing Portal."""

import logging
from dataclasses import dataclass

from django.db import transaction

from accounts.models import Profile
from accounts.public_site import absolute_reverse

from . import gateway
from .models import BillingCustomer, Subscription
from .sync import sync_subscription

logger = logging.getLogger(__name__)

# A subscription in any of these is still the owner's: a second one would bill them twice.
LIVE_STATUSES = {
    Subscription.Status.TRIALING,
    Subscription.Status.ACTIVE,
    Subscription.Status.PAST_DUE,
    Subscription.Status.UNPAID,
    Subscription.Status.PAUSED,
}


class CheckoutRefused(Exception):
    """The owner cannot do this; ``user_message`` says why in plain words."""

    @property
    def user_message(self):
        return str(self)


@dataclass
class CheckoutStart:
    redirect_url: str
    already_subscribed: bool = False


def ensure_customer(profile):
    """The owner's one Stripe customer, created on first use.

    The profile row is locked while we look and create, so two submits at once (a double
    click, two tabs) wait for each other and the second finds the first one's customer.
    """
    with transaction.atomic():
        Profile.objects.select_for_update().get(pk=profile.pk)
        existing = BillingCustomer.objects.filter(profile=profile).first()
        if existing:
            return existing.stripe_customer_id
        customer = gateway.create_customer(
            email=profile.user.email,  # the primary address, kept in step: customer_email.py
            name=profile.business_name,
            profile_id=profile.pk,
        )
        BillingCustomer.objects.create(profile=profile, stripe_customer_id=customer.id)
        logger.info("Created Stripe customer %s for profile %s", customer.id, profile.pk)
        return customer.id


def offers_free_period(profile):
    """A plan's free period is for an owner's first subscription only, not for every return."""
    return profile is None or not profile.subscriptions.exists()


def start_checkout(profile, plan):
    """Where to send the owner to subscribe to ``plan``: Stripe Checkout, or the portal."""
    if not plan.active or not plan.stripe_price_id:
        raise CheckoutRefused("This plan can't be bought right now. Please choose another plan.")
    # Committed on its own: a Checkout that fails below must not forget a customer Stripe keeps.
    customer_id = ensure_customer(profile)
    # One checkout start at a time per owner (two tabs, a double click wait for each other).
    with transaction.atomic():
        Profile.objects.select_for_update().get(pk=profile.pk)
        if profile.subscriptions.filter(status__in=LIVE_STATUSES).exists():
            return CheckoutStart(portal_url(profile), already_subscribed=True)
        # An owner has one payable Checkout at most: an older tab's session is expired, so two
        # tabs can never both be paid into two subscriptions.
        gateway.expire_open_checkout_sessions(customer_id)
        session = gateway.create_checkout_session(
            customer_id=customer_id,
            price_id=plan.stripe_price_id,
            profile_id=profile.pk,
            plan_slug=plan.slug,
            trial_days=plan.free_period_days if offers_free_period(profile) else 0,
            success_url=absolute_reverse("billing_success") + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=absolute_reverse("billing_cancel"),
        )
    logger.info("Checkout session %s started for profile %s", session.id, profile.pk)
    return CheckoutStart(session.url)


def confirm_checkout(profile, session_id):
    """Check a finished Checkout belongs to ``profile`` and store its subscription now.

    Returns the stored Subscription, or None while Stripe has not completed the session.
    """
    session = gateway.retrieve_checkout_session(session_id)
    customer = BillingCustomer.objects.filter(profile=profile).first()
    if (
        session.client_reference_id != str(profile.pk)
        or customer is None
        or session.customer != customer.stripe_customer_id
    ):
        logger.warning("Profile %s opened someone else's checkout %s", profile.pk, session_id)
        raise CheckoutRefused("We couldn't find that checkout on your account.")
    if session.status != "complete" or not session.subscription:
        return None
    return sync_subscription(session.subscription, session.customer).subscription


def portal_url(profile):
    customer = BillingCustomer.objects.filter(profile=profile).first()
    if customer is None:
        raise CheckoutRefused("You don't have a subscription to manage yet. Choose a plan first.")
    session = gateway.create_portal_session(
        customer_id=customer.stripe_customer_id, return_url=absolute_reverse("dashboard")
    )
    return session.url
