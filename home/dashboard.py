"""What the owner's dashboard shows, gathered from each part of the house for the view."""

from accounts.models import Profile
from billing.access import studio_access
from storefront_pages.publishing import storefront_summary


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
    context["storefront"] = storefront_summary(profile)
    if profile is not None:
        context["access"] = studio_access(profile)
        context["subscription"] = context["access"].subscription
    return context
