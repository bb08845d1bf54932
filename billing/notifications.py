"""Emails to owners about their subscription, sent off the request path through Django tasks.

Each goes to the account's current primary address (what the owner signs in with), as plain
text and HTML, with the amount, the dates and the next step the situation needs.
"""

import logging

from django_tasks import task

from accounts.owner_emails import send_owner_email

from .models import StripeEvent, Subscription, format_money
from .sync import from_unix

logger = logging.getLogger(__name__)

SUBJECTS = {
    "payment_failed": "MintKit Hub: your payment didn't go through",
    "trial_will_end": "MintKit Hub: your free period ends soon",
}


def invoice_facts(event_id):
    """Amount due and next attempt of the invoice a Stripe event is about, if any."""
    event = StripeEvent.objects.filter(stripe_event_id=event_id).first() if event_id else None
    invoice = (event.payload.get("data") or {}).get("object") or {} if event else {}
    if invoice.get("object") != "invoice":
        return {}
    return {
        "amount_due": format_money(
            invoice.get("amount_due") or 0, invoice.get("currency") or "gbp"
        ),
        "next_attempt": from_unix(invoice.get("next_payment_attempt")),
    }


@task()
def send_subscription_email(subscription_id, kind, event_id=None):
    """Tell the owner of ``subscription_id`` about ``kind`` (a key of SUBJECTS)."""
    subscription = Subscription.objects.select_related("profile__user", "plan").get(
        pk=subscription_id
    )
    plan = subscription.plan
    context = {
        "subscription": subscription,
        "price": f"{plan.price_display} a {plan.interval_display}" if plan else None,
        **invoice_facts(event_id),
    }
    send_owner_email(subscription.profile, f"billing/email/{kind}", SUBJECTS[kind], context)
    logger.info("Sent %s email for subscription %s", kind, subscription.stripe_subscription_id)
