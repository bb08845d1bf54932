"""Bringing our copy of a Stripe subscription in line with Stripe's current state of it."""

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from . import gateway, sync_statements
from .models import Subscription
from .signals import subscription_synced

logger = logging.getLogger(__name__)

SYNCED_FIELDS = [
    "plan_id",
    "stripe_price_id",
    "status",
    "trial_end",
    "current_period_end",
    "cancel_at_period_end",
    "cancel_at",
    "started_at",
    "ended_at",
    "stripe_created_at",
]


class UnknownCustomer(Exception):
    """A Stripe customer that no owner of this Hub has: not ours to store."""


@dataclass
class SyncResult:
    subscription: Subscription
    created: bool
    changes: dict = field(default_factory=dict)  # field -> (before, after)


def from_unix(value):
    return datetime.fromtimestamp(value, tz=UTC) if value else None


def plan_for_price(price):
    """Our plan for a Stripe Price: by the price itself, else by its product.

    A plan whose price changed points at its new Price, while earlier subscribers stay on the
    old one; the product is the same, so they still belong to the plan.
    """
    if not price:
        return None
    candidates = sync_statements.plans_for(price["id"], price.get("product"))
    # The plan on this very price first, then the lowest id (a handful of rows at most).
    ranked = sorted(candidates, key=lambda plan: (plan[1] != price["id"], plan[0]))
    return ranked[0][0] if ranked else None


def stripe_state(remote):
    """The fields we keep, read from a Stripe subscription (API 2026-10-28: periods on items)."""
    items = remote["items"]["data"]
    item = items[0] if items else None
    price = item["price"] if item else None
    return {
        "stripe_price_id": price["id"] if price else "",
        "plan_id": plan_for_price(price),
        "status": remote["status"],
        "trial_end": from_unix(remote.get("trial_end")),
        "current_period_end": from_unix(item.get("current_period_end")) if item else None,
        "cancel_at_period_end": bool(remote.get("cancel_at_period_end")),
        "cancel_at": from_unix(remote.get("cancel_at")),
        "started_at": from_unix(remote.get("start_date")),
        "ended_at": from_unix(remote.get("ended_at")),
        "stripe_created_at": from_unix(remote.get("created")),
    }


def lock_owner_of(customer_id):
    """The id of the profile whose Stripe customer this is, its row locked; UnknownCustomer if
    no owner has it. One query: the profile found through its customer row."""
    profile_id = sync_statements.locked_owner_id(customer_id)
    if profile_id is None:
        raise UnknownCustomer(customer_id)
    return profile_id


def sync_subscription(subscription_id, customer_id, *, savepoint=True):
    """Store Stripe's current state of one subscription; safe to repeat and to run out of order.

    The owner's profile row is locked first and Stripe is asked *under that lock*, so when
    several syncs race, the last one to write is also the last one to have asked Stripe: the
    stored state always ends equal to Stripe's. ``savepoint=False`` is for a caller whose own
    atomic block rolls back on any failure from here (the webhook's): one savepoint less.
    """
    with transaction.atomic(savepoint=savepoint):
        profile_id = lock_owner_of(customer_id)
        remote = gateway.retrieve_subscription(subscription_id)
        if remote["customer"] != customer_id:
            raise UnknownCustomer(f"{subscription_id} belongs to {remote['customer']}")
        state = stripe_state(remote)
        existing = sync_statements.subscription_by_stripe_id(subscription_id)
        if existing is None:
            subscription = Subscription.objects.create(
                profile_id=profile_id,
                stripe_customer_id=customer_id,
                stripe_subscription_id=subscription_id,
                last_synced_at=timezone.now(),
                **state,
            )
            logger.info("Stored new subscription %s (%s)", subscription_id, state["status"])
            subscription_synced.send(Subscription, profile_id=profile_id)
            return SyncResult(subscription, created=True)
        changes = {
            name: (getattr(existing, name), value)
            for name, value in state.items()
            if getattr(existing, name) != value
        }
        synced_at = timezone.now()
        if changes:
            for name, value in state.items():
                setattr(existing, name, value)
            existing.last_synced_at = synced_at
            existing.save()
            logger.info("Subscription %s changed: %s", subscription_id, sorted(changes))
            subscription_synced.send(Subscription, profile_id=profile_id)
        else:
            # As Stripe had it already (most repeated events): only note when we last asked. No
            # model save, so no save signals (reference index) for a row that is as it was, and
            # no subscription_synced: nothing the access rule reads has changed (see signals.py).
            sync_statements.note_synced(existing, synced_at)
        return SyncResult(existing, created=False, changes=changes)
