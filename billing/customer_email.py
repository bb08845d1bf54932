"""Keeping the Stripe customer's email equal to the owner's primary email after they change it."""

import logging

from allauth.account.signals import email_changed
from django.db import transaction
from django.dispatch import receiver
from django_tasks import task

from .gateway import update_customer_email
from .models import BillingCustomer

logger = logging.getLogger(__name__)


@task()
def send_email_to_stripe(profile_id):
    """Give the owner's Stripe customer their current primary email (retried by the worker)."""
    customer = BillingCustomer.objects.select_related("profile__user").get(profile_id=profile_id)
    update_customer_email(customer.stripe_customer_id, customer.profile.user.email)
    logger.info("Stripe customer %s now has the owner's new email", customer.stripe_customer_id)


@receiver(email_changed, dispatch_uid="billing.customer_email_follows_primary")
def customer_email_follows_primary(sender, request, user, to_email_address, **kwargs):
    customer = BillingCustomer.objects.filter(profile__user=user).first()
    if customer is not None:
        transaction.on_commit(lambda: send_email_to_stripe.enqueue(customer.profile_id))
