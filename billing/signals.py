"""Signals billing sends so that apps above it can react without billing importing them."""

from django.dispatch import Signal

# Sent inside the sync's transaction, with the owner's profile row locked, after a subscription
# was stored new or changed: ``profile_id`` may now have a different Studio access. Not sent when
# a sync found the subscription as Stripe has it: the access rule (billing.access) reads only the
# owner's subscriptions, their sign-up trial end and the time, and such a sync changed none of
# them. The trial end is announced when a profile is saved, and time passing by the scheduled
# send_studio_webhooks command (studio.access_webhooks.announce_ended_access).
subscription_synced = Signal()
