"""Signals billing sends so that apps above it can react without billing importing them."""

from django.dispatch import Signal

# Sent inside the sync's transaction, with the owner's profile row locked, after a subscription
# was stored (changed or not): ``profile_id`` may now have a different Studio access.
subscription_synced = Signal()
