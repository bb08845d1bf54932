"""Creating the business profile that comes with a sign-up, exactly once."""

from django.db import transaction
from django.utils import timezone

from .models import Profile, trial_end_from


@transaction.atomic
def ensure_profile(user, business_name=""):
    """Give ``user`` a profile with a fresh sign-up trial, or return the one they have.

    Safe to call any number of times (signal redeliveries, several sign-up paths): the
    first call creates, later calls change nothing.
    """
    now = timezone.now()
    profile, _ = Profile.objects.get_or_create(
        user=user,
        defaults={
            "business_name": business_name.strip() or user.email.split("@")[0],
            "contact_email": user.email,
            "created_at": now,
            "trial_ends_at": trial_end_from(now),
        },
    )
    return profile


def profile_of(user):
    """The user's business profile, or None: visitors and staff accounts have none."""
    if user is None or not user.is_authenticated:
        return None
    return Profile.objects.select_related("user").filter(user_id=user.pk).first()


def display_name(user):
    """How allauth names a user in messages ("Signed in as …"): by email, never a username."""
    return user.email
