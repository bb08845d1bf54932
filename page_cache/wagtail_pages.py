"""Wagtail pages in the page cache: which pages may be cached, and their invalidation on change.

A page's tag is its tree path. Saving, deleting, publishing, unpublishing or moving a page
invalidates it and its parent (the parent lists its children: the directory lists storefronts).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_unpublished, post_page_move, pre_page_move

from .routing import RoutedInOneQueryMixin
from .store import cache_publicly, invalidate, page_tag


class CachedPublicPageMixin(RoutedInOneQueryMixin):
    """For Wagtail page models whose live pages are the same for every anonymous visitor.

    Cold (not yet cached), such a page is routed to in one query for the whole path and its
    view restrictions read with it (routing.py), not level by level.
    """

    def public_cache_tags(self):
        """What the page shows; a subclass adds tags for what it shows from elsewhere."""
        return (page_tag(self.path),)

    def public_cache_fresh_for(self, response):
        """Seconds until the rendered page goes out of date by itself (None: only on changes)."""
        return None

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.live:
            cache_publicly(
                response,
                *self.public_cache_tags(),
                fresh_for=self.public_cache_fresh_for(response),
            )
        return response


def parent_path(page):
    return page.path[: -Page.steplen] if page.depth > 1 else None


def frontend_urls(*pages):
    """The pages' public URLs, for purging a CDN (asked only when one is configured)."""
    from django.conf import settings

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return ()
    return [url for page in pages if page is not None and (url := page.get_full_url())]


def invalidate_page_and_parent(page):
    tags = [page_tag(page.path)]
    parent = parent_path(page)
    if parent:
        tags.append(page_tag(parent))
    urls = frontend_urls(page, page.get_parent()) if parent else frontend_urls(page)
    invalidate(*tags, urls=urls)


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.path:
        invalidate_page_and_parent(instance)


def page_moving(sender, instance, **kwargs):
    # Its copies are tagged with the path it is about to leave.
    invalidate(page_tag(instance.path))


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    invalidate(
        page_tag(instance.path),
        page_tag(parent_page_before.path),
        page_tag(parent_page_after.path),
    )


def connect_page_signals():
    post_save.connect(page_changed, dispatch_uid="page_cache.page_saved")
    post_delete.connect(page_changed, dispatch_uid="page_cache.page_deleted")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache.page_unpublished")
    pre_page_move.connect(page_moving, dispatch_uid="page_cache.page_moving")
    post_page_move.connect(page_moved, dispatch_uid="page_cache.page_moved")
