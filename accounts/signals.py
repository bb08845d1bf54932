"""Every sign-up path ends with a profile, whichever form (or none) it went through."""

from allauth.account.signals import user_signed_up
from django.dispatch import Signal, receiver

from .profiles import ensure_profile


@receiver(user_signed_up, dispatch_uid="accounts.ensure_profile_on_sign_up")
def profile_on_sign_up(sender, request, user, **kwargs):
    ensure_profile(user)


# Sent by home.deletion.delete_owner inside its transaction, after Stripe has ended the owner's
# billing and before any row goes, with ``profile``: receivers (the Studio's access webhooks)
# still see the profile and everything hanging off it. Queue work with transaction.on_commit.
owner_will_be_deleted = Signal()
