"""What the owner's dashboard shows, gathered from each part of the house for the view."""

from accounts.profiles import profile_of
from billing.access import studio_access
from storefront_pages.dashboard import storefront_summary


def dashboard_context(user):
    """Everything the dashboard template needs: the profile and one entry per card."""
    profile = profile_of(user)
    context = {"profile": profile}
    context["storefront"] = storefront_summary(profile)
    if profile is not None:
        context["access"] = studio_access(profile)
        context["subscription"] = context["access"].subscription
    return context
