"""Every sign-up path ends with a profile, whichever form (or none) it went through."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from .profiles import ensure_profile


@receiver(user_signed_up, dispatch_uid="accounts.ensure_profile_on_sign_up")
def profile_on_sign_up(sender, request, user, **kwargs):
    ensure_profile(user)
