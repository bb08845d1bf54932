"""What the owner's dashboard shows, gathered from each part of the house for the view."""

from accounts.models import Profile


def owner_profile_or_none(user):
    """The signed-in user's business profile; staff accounts may have none."""
    try:
        return Profile.objects.select_related("user").get(user=user)
    except Profile.DoesNotExist:
        return None


def dashboard_context(user):
    """Everything the dashboard template needs: the profile and one entry per card."""
    profile = owner_profile_or_none(user)
    context = {"profile": profile}
    return context
