"""What the owner's dashboard says about their storefront: its state, and what is scheduled."""

from dataclasses import dataclass

from .models import StorefrontPage
from .provisioning import storefront_for_profile

# The states the dashboard names, each with its own words and buttons (templates/storefront_pages/
# includes/dashboard_card.html).
LIVE = "live"
LIVE_WITH_CHANGES = "live_with_changes"
DRAFT = "draft"
SCHEDULED = "scheduled"


@dataclass
class StorefrontSummary:
    """What the dashboard says about an owner's storefront."""

    page: StorefrontPage | None
    live_since: object = None
    go_live_at: object = None
    expire_at: object = None

    @property
    def exists(self):
        return self.page is not None

    @property
    def is_live(self):
        return self.page is not None and self.page.live

    @property
    def state(self):
        """Live, live with unpublished changes, draft (never or no longer public), or scheduled."""
        if self.page is None:
            return None
        if self.go_live_at is not None:
            return SCHEDULED
        if self.page.live:
            return LIVE_WITH_CHANGES if self.page.has_unpublished_changes else LIVE
        return DRAFT


def storefront_summary(profile):
    """The owner's storefront (if any), whether it is public, since when, and what is scheduled."""
    page = storefront_for_profile(profile)
    if page is None:
        return StorefrontSummary(page=None)
    scheduled = page.scheduled_revision
    return StorefrontSummary(
        page=page,
        live_since=page.last_published_at if page.live else None,
        go_live_at=scheduled.approved_go_live_at if scheduled else None,
        expire_at=page.expire_at if page.live else None,
    )
