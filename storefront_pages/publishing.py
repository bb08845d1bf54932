"""Making a storefront public or private, and its draft changes live or gone, through Wagtail.

Going through Wagtail's actions (not flipping ``live``) keeps revisions, the audit log,
scheduled publishing and the ``page_published``/``page_unpublished`` signals the single truth.
"""

import logging

from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.actions.unpublish_page import UnpublishPagePermissionError

from .models import StorefrontPage

logger = logging.getLogger(__name__)


class StorefrontNotAllowed(Exception):
    """The user may not change this storefront's public state."""


class NoChangesToDiscard(Exception):
    """The storefront is not live, or its draft is the live version: there is nothing to undo."""


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


def discard_storefront_changes(page, user):
    """Throw away the draft of a live ``page``: the editor shows the live version again.

    The live version is the page's own row (Wagtail keeps drafts only in revisions), so saving
    it as the newest revision makes it the draft again; the log records it as a revert.
    """
    live = StorefrontPage.objects.get(pk=page.pk)
    if not live.live or not live.has_unpublished_changes:
        raise NoChangesToDiscard
    if not live.permissions_for_user(user).can_edit():
        logger.warning("User %s may not discard changes to storefront %s", user.pk, page.pk)
        raise StorefrontNotAllowed("You may not change this storefront.")
    live.save_revision(
        user=user,
        changed=False,
        clean=False,
        log_action=True,
        previous_revision=live.live_revision,
    )
    StorefrontPage.objects.filter(pk=live.pk).update(has_unpublished_changes=False)
    logger.info("Storefront %s: draft changes discarded by user %s", page.pk, user.pk)


def unpublish_storefront(page, user):
    """Take ``page`` off the public site as ``user``; the draft and history stay."""
    try:
        page.unpublish(user=user)
    except UnpublishPagePermissionError as exc:
        logger.warning("User %s may not unpublish storefront %s", user.pk, page.pk)
        raise StorefrontNotAllowed(str(exc)) from exc
    logger.info("Storefront %s unpublished by user %s", page.pk, user.pk)
