"""Receiving Stripe's signed events: store each once, then bring the subscription up to date."""

import logging
from datetime import UTC, datetime
from functools import partial

from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from .gateway import PaymentServiceError
from .models import StripeEvent
from .notifications import send_subscription_email
from .sync import UnknownCustomer, sync_subscription

logger = logging.getLogger(__name__)

# Events that say "this subscription changed": each is answered by re-reading it from Stripe.
SUBSCRIPTION_EVENTS = {
    "checkout.session.completed",
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "customer.subscription.paused",
    "customer.subscription.resumed",
    "customer.subscription.trial_will_end",
    "invoice.paid",
    "invoice.payment_failed",
}
EMAILS = {
    "invoice.payment_failed": "payment_failed",
    "customer.subscription.trial_will_end": "trial_will_end",
}


class Outcome:
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    FAILED = "failed"  # for now (Stripe or the database unreachable): Stripe should retry
    UNPROCESSABLE = "unprocessable"  # never can be: stored as failed, answered 400


# Failures that pass: Stripe or our database could not be reached. Anything else raised while
# processing a verified event comes from its content, and would fail the same way every time.
TRANSIENT_FAILURES = (PaymentServiceError, OperationalError, InterfaceError)


class UnprocessableEvent(Exception):
    """A verified event whose content we can never act on (malformed ids, odd shapes)."""


def _stripe_id(value, what):
    if isinstance(value, dict):  # an expanded object
        value = value.get("id")
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 255:
        raise UnprocessableEvent(f"{what} is not a Stripe id: {str(value)[:80]!r}")
    return value


def subscription_reference(event_type, obj):
    """(subscription id, customer id) an event is about, or None when it is about none."""
    if event_type == "checkout.session.completed":
        if obj.get("mode") != "subscription":
            return None
        subscription = obj.get("subscription")
    elif event_type.startswith("invoice."):
        parent = obj.get("parent") or {}
        details = parent.get("subscription_details") if isinstance(parent, dict) else None
        if details is not None and not isinstance(details, dict):
            raise UnprocessableEvent("invoice parent.subscription_details is not an object")
        subscription = (details or {}).get("subscription")
    else:
        subscription = obj.get("id")
    subscription = _stripe_id(subscription, "subscription")
    customer = _stripe_id(obj.get("customer"), "customer")
    if not subscription or not customer:
        return None
    return subscription, customer


def record(event):
    """Store the event once by id; a repeated delivery leaves the stored row as it is.

    One ``INSERT ... ON CONFLICT DO NOTHING``, so a repeat costs no failed statement; while a
    concurrent first delivery has not committed its row, a repeat's insert waits for it.
    """
    StripeEvent.objects.bulk_create(
        [
            StripeEvent(
                stripe_event_id=event["id"],
                type=event["type"],
                stripe_created_at=datetime.fromtimestamp(event["created"], tz=UTC),
                payload=event,
            )
        ],
        ignore_conflicts=True,
    )


def receive(event):
    """Store a verified event once, then act on it exactly once; returns an Outcome.

    However many deliveries arrive at the same time: the event row is locked for the whole of
    its processing, so concurrent deliveries of the same id wait, then find it processed. Stored
    and processed in one transaction (one commit per delivery). A failure is written on the row:
    FAILED (Stripe or the database unreachable) makes the webhook answer 503 so Stripe delivers
    it again later; UNPROCESSABLE (the event itself can never be acted on) answers 400.
    """
    event_id = event["id"]
    with transaction.atomic():
        record(event)
        stored = StripeEvent.objects.select_for_update().get(stripe_event_id=event_id)
        if stored.processed_at:
            return Outcome.DUPLICATE
        stored.attempts += 1
        reference = None
        try:
            with transaction.atomic():
                if stored.type in SUBSCRIPTION_EVENTS:
                    reference = subscription_reference(
                        stored.type, stored.payload["data"]["object"]
                    )
                if reference:
                    apply(stored, *reference)
        except UnknownCustomer as exc:
            logger.warning("Stripe event %s is for a customer we don't know: %s", event_id, exc)
            stored.error = f"not ours: unknown customer ({exc})"
        except TRANSIENT_FAILURES as exc:
            logger.exception("Processing Stripe event %s (%s) failed", event_id, stored.type)
            stored.error = f"{type(exc).__name__}: {exc}"
            stored.save(update_fields=["attempts", "error"])
            return Outcome.FAILED
        except Exception as exc:  # noqa: BLE001 — the event's content: retrying cannot help
            logger.error(
                "Stripe event %s (%s) can never be processed, answering 400: %s: %s",
                event_id,
                stored.type,
                type(exc).__name__,
                exc,
            )
            stored.error = f"unprocessable: {type(exc).__name__}: {exc}"[:2000]
            stored.save(update_fields=["attempts", "error"])
            return Outcome.UNPROCESSABLE
        else:
            stored.error = ""
        stored.processed_at = timezone.now()
        stored.save(update_fields=["attempts", "error", "processed_at"])
        return Outcome.PROCESSED if reference else Outcome.IGNORED


def apply(stored, subscription_id, customer_id):
    # receive()'s inner atomic block is the savepoint a failure here rolls back to.
    result = sync_subscription(subscription_id, customer_id, savepoint=False)
    kind = EMAILS.get(stored.type)
    if kind:
        transaction.on_commit(
            partial(
                send_subscription_email.enqueue,
                result.subscription.pk,
                kind,
                stored.stripe_event_id,
            )
        )
