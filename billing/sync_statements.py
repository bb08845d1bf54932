"""The subscription sync's reads and its "unchanged" write, as SQL written once per database.

Every processed Stripe event runs these four statements. Built as querysets, Django compiled
each anew per event, and compiling cost more than the database did: about 2.5 ms of the ~4.5 ms
CPU a sync took in bin/bench's webhook burst (lock 0.7, plan 0.7, subscription read and update
~1), measured in-process. Here they are written from the models' metadata once per database,
and the subscription comes back through ``raw_sql.reads.ModelReader``, as the ORM would
have made it. New and changed subscriptions are still saved through the ORM (save signals).
"""

import functools

from django.db import connections, router

from accounts.models import Profile
from raw_sql.reads import ModelReader, SelectList, fetch_rows

from .models import BillingCustomer, Subscription, SubscriptionPlan


class SyncStatements:
    """The four statements' SQL on one database, and the reader of a subscription row."""

    def __init__(self, connection):
        quote = connection.ops.quote_name
        profile, customer = Profile._meta, BillingCustomer._meta
        plan, subscription = SubscriptionPlan._meta, Subscription._meta
        customer_profile = customer.get_field("profile").column
        # What select_for_update(of=("self",)) adds on this database (SQLite: nothing, its
        # transactions lock the whole database).
        lock = ""
        if connection.features.has_select_for_update_of:
            lock = f" FOR UPDATE OF {quote('profile')}"
        elif connection.features.has_select_for_update:
            lock = " FOR UPDATE"
        # Names below all come from the models' metadata, quoted; values are parameters.
        self.lock_owner = (
            f"SELECT {quote('profile')}.{quote(profile.pk.column)} "  # noqa: S608
            f"FROM {quote(profile.db_table)} {quote('profile')} "
            f"INNER JOIN {quote(customer.db_table)} {quote('customer')} "
            f"ON {quote('profile')}.{quote(profile.pk.column)} = "
            f"{quote('customer')}.{quote(customer_profile)} "
            f"WHERE {quote('customer')}.{quote(customer.get_field('stripe_customer_id').column)} "
            f"= %s{lock}"
        )
        plans = (
            f"SELECT {quote(plan.pk.column)}, {quote(plan.get_field('stripe_price_id').column)} "  # noqa: S608
            f"FROM {quote(plan.db_table)} "
            f"WHERE {quote(plan.get_field('stripe_price_id').column)} = %s"
        )
        self.plans_by_price = plans
        self.plans_by_price_or_product = (
            f"{plans} OR {quote(plan.get_field('stripe_product_id').column)} = %s"
        )
        select = SelectList(connection)
        self.subscription = ModelReader(Subscription, {Subscription: "subscription"}, select)
        self.subscription_by_stripe_id = (
            f"SELECT {select.sql()} FROM {quote(subscription.db_table)} "  # noqa: S608
            f"{quote('subscription')} WHERE {quote('subscription')}."
            f"{quote(subscription.get_field('stripe_subscription_id').column)} = %s"
        )
        self.synced_at_field = subscription.get_field("last_synced_at")
        self.note_synced = (
            f"UPDATE {quote(subscription.db_table)} "  # noqa: S608
            f"SET {quote(self.synced_at_field.column)} = %s "
            f"WHERE {quote(subscription.pk.column)} = %s"
        )


@functools.cache
def statements_for(database):
    return SyncStatements(connections[database])


def _connection(model, *, write):
    database = router.db_for_write(model) if write else router.db_for_read(model)
    return connections[database]


def locked_owner_id(customer_id):
    """The id of the profile whose Stripe customer this is, its row locked (inside the caller's
    transaction); None when no owner has it."""
    connection = _connection(Profile, write=True)
    rows = fetch_rows(connection, statements_for(connection.alias).lock_owner, [customer_id])
    return rows[0][0] if rows else None


def plans_for(price_id, product_id):
    """(id, Stripe price id) of each plan on this price or, given one, this product."""
    connection = _connection(SubscriptionPlan, write=False)
    statements = statements_for(connection.alias)
    if product_id:
        return fetch_rows(connection, statements.plans_by_price_or_product, [price_id, product_id])
    return fetch_rows(connection, statements.plans_by_price, [price_id])


def subscription_by_stripe_id(subscription_id):
    """Our Subscription with this Stripe id, or None."""
    connection = _connection(Subscription, write=False)
    statements = statements_for(connection.alias)
    rows = fetch_rows(connection, statements.subscription_by_stripe_id, [subscription_id])
    return statements.subscription.read(rows[0], connection) if rows else None


def note_synced(subscription, synced_at):
    """Only ``last_synced_at`` changes: one UPDATE, no model save (so no save signals)."""
    connection = _connection(Subscription, write=True)
    statements = statements_for(connection.alias)
    value = statements.synced_at_field.get_db_prep_save(synced_at, connection)
    with connection.cursor() as cursor:
        cursor.execute(statements.note_synced, [value, subscription.pk])
    subscription.last_synced_at = synced_at
