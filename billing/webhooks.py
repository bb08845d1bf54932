"""Receiving Stripe's signed events: store each once, then bring the subscription up to date."""

import logging
from datetime import UTC, datetime
from functools import partial

from django.db import InterfaceError, OperationalError, connection, transaction
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


RECORD_SQL = """
    INSERT INTO billing_stripeevent
        (stripe_event_id, type, stripe_created_at, payload, received_at, processed_at, attempts,
         error)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT (stripe_event_id) DO NOTHING
    RETURNING id
"""


def record(event, now):
    """Store the event once by id, as processed ``now``; False when it was stored already.

    One ``INSERT ... ON CONFLICT DO NOTHING RETURNING``: a new row stays locked by this
    transaction until it commits, so a concurrent delivery of the same id waits at its own
    insert, then finds the row stored. Written as SQL because the ORM cannot tell from an insert
    that ignores conflicts whether it stored the row, and its ``bulk_create`` then reading the
    row back cost a seventh of a delivery's CPU in bin/bench's webhook burst.
    """
    values = {  # in RECORD_SQL's column order
        "stripe_event_id": event["id"],
        "type": event["type"],
        "stripe_created_at": datetime.fromtimestamp(event["created"], tz=UTC),
        "payload": event,
        "received_at": now,
        "processed_at": now,
        "attempts": 1,
        "error": "",
    }
    fields = [StripeEvent._meta.get_field(name) for name in values]
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(RECORD_SQL, params)
        return cursor.fetchone() is not None


STATE_SQL = "SELECT processed_at, attempts FROM billing_stripeevent WHERE stripe_event_id = %s"


def stored_state(event_id):
    """(processed_at, attempts) of a stored event, its row locked until the transaction ends.

    Written as SQL for the same reason as RECORD_SQL: each repeated delivery (most of a burst's
    duplicates) paid more for the ORM compiling this one query than for the query itself.
    """
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL + lock, [event_id])
        (row,) = cursor.fetchall()
    return row


def receive(event):
    """Store a verified event once, then act on it exactly once; returns an Outcome.

    However many deliveries arrive at the same time: the event row is locked for the whole of
    its processing, so concurrent deliveries of the same id wait, then find it processed. Stored
    and processed in one transaction (one commit per delivery). The first delivery stores the
    row as processed, so a success costs no second write of it; a failure is written on the row
    (unprocessed again): FAILED (Stripe or the database unreachable) makes the webhook answer 503
    so Stripe delivers it again later; UNPROCESSABLE (the event can never be acted on) 400.
    """
    event_id = event["id"]
    now = timezone.now()
    with transaction.atomic():
        if record(event, now):
            attempts = 1
        else:
            processed_at, attempts = stored_state(event_id)
            if processed_at:
                return Outcome.DUPLICATE
            attempts += 1
        outcome, error = process(event)
        if attempts > 1 or error:
            failed = outcome in (Outcome.FAILED, Outcome.UNPROCESSABLE)
            StripeEvent.objects.filter(stripe_event_id=event_id).update(
                attempts=attempts, error=error, processed_at=None if failed else now
            )
        return outcome


def process(event):
    """Act on a stored event: (Outcome, the error to note on its row, or "")."""
    event_id, event_type = event["id"], event["type"]
    reference = None
    try:
        with transaction.atomic():  # a failure rolls back what processing wrote, not the row
            if event_type in SUBSCRIPTION_EVENTS:
                reference = subscription_reference(event_type, event["data"]["object"])
            if reference:
                apply(event, *reference)
    except UnknownCustomer as exc:
        logger.warning("Stripe event %s is for a customer we don't know: %s", event_id, exc)
        return Outcome.PROCESSED, f"not ours: unknown customer ({exc})"
    except TRANSIENT_FAILURES as exc:
        logger.exception("Processing Stripe event %s (%s) failed", event_id, event_type)
        return Outcome.FAILED, f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # noqa: BLE001 — the event's content: retrying cannot help
        logger.error(
            "Stripe event %s (%s) can never be processed, answering 400: %s: %s",
            event_id,
            event_type,
            type(exc).__name__,
            exc,
        )
        return Outcome.UNPROCESSABLE, f"unprocessable: {type(exc).__name__}: {exc}"[:2000]
    return (Outcome.PROCESSED if reference else Outcome.IGNORED), ""


def apply(event, subscription_id, customer_id):
    # process()'s atomic block is the savepoint a failure here rolls back to.
    result = sync_subscription(subscription_id, customer_id, savepoint=False)
    kind = EMAILS.get(event["type"])
    if kind:
        transaction.on_commit(
            partial(
                send_subscription_email.enqueue,
                result.subscription.pk,
                kind,
                event["id"],
            )
        )
