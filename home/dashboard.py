"""What the owner's dashboard shows, gathered in one place for the view."""

from accounts.models import Profile


def owner_profile_or_none(user):
    """The signed-in user's business profile; staff accounts may have none."""
    try:
        return Profile.objects.select_related("user").get(user=user)
    except Profile.DoesNotExist:
        return None
