"""Making a storefront public or private through Wagtail's own publish and unpublish actions.

Going through Wagtail's actions (not flipping ``live``) keeps revisions, the audit log,
scheduled publishing and the ``page_published``/``page_unpublished`` signals the single truth.
"""

import logging
from dataclasses import dataclass

from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.actions.unpublish_page import UnpublishPagePermissionError

from .models import StorefrontPage

logger = logging.getLogger(__name__)


class StorefrontNotAllowed(Exception):
    """The user may not change this storefront's public state."""


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


def storefront_for_profile(profile):
    if profile is None:
        return None
    return StorefrontPage.objects.filter(profile=profile).select_related("owner").first()


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


def publish_storefront(page, user):
    """Publish the latest draft of ``page`` as ``user``; answers whether it is live now.

    A draft with a future "go live" date is scheduled instead (``publish_scheduled`` makes it
    live at that time), exactly as the editor's Publish button does.
    """
    draft = page.get_latest_revision_as_object()
    try:
        revision = draft.save_revision(user=user, log_action=True)
        revision.publish(user=user)
    except PublishPagePermissionError as exc:
        logger.warning("User %s may not publish storefront %s", user.pk, page.pk)
        raise StorefrontNotAllowed(str(exc)) from exc
    page.refresh_from_db()
    logger.info("Storefront %s published by user %s (live: %s)", page.pk, user.pk, page.live)
    return page.live


def unpublish_storefront(page, user):
    """Take ``page`` off the public site as ``user``; the draft and history stay."""
    try:
        page.unpublish(user=user)
    except UnpublishPagePermissionError as exc:
        logger.warning("User %s may not unpublish storefront %s", user.pk, page.pk)
        raise StorefrontNotAllowed(str(exc)) from exc
    logger.info("Storefront %s unpublished by user %s", page.pk, user.pk)
