"""Profiles follow their accounts (sign-up, email change); the signal an owner's deletion sends."""

from allauth.account.signals import email_changed, user_signed_up
from django.db import transaction
from django.dispatch import Signal, receiver

from .models import Profile
from .owner_emails import send_welcome_email
from .profiles import ensure_profile


@receiver(user_signed_up, dispatch_uid="accounts.ensure_profile_on_sign_up")
def profile_on_sign_up(sender, request, user, **kwargs):
    profile = ensure_profile(user)
    transaction.on_commit(lambda: send_welcome_email.enqueue(profile.pk))


@receiver(email_changed, dispatch_uid="accounts.contact_email_follows_primary")
def contact_email_follows_primary(
    sender, request, user, from_email_address, to_email_address, **kw
):
    """A contact email that was the old sign-in address moves with it; one the owner set to
    something else on purpose stays."""
    if from_email_address is None:
        return
    Profile.objects.filter(user=user, contact_email__iexact=from_email_address.email).update(
        contact_email=to_email_address.email
    )


# Sent by home.deletion.delete_owner inside its transaction, after Stripe has ended the owner's
# billing and before any row goes, with ``profile``: receivers (the Studio's access webhooks)
# still see the profile and everything hanging off it. Queue work with transaction.on_commit.
owner_will_be_deleted = Signal()
