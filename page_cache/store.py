"""Storing, finding and invalidating cached public pages, by tags that name what they show.

A page that may be cached says so with ``cache_publicly(response, *tags)``: each tag names
something the page shows (``page:<tree path>`` for a Wagtail page, ``plans`` for the plans).
A cached copy remembers the version of each of its tags; ``invalidate(tag)`` gives the tag a
new version, so every copy that showed it is stale at once, whatever its URL or query string.
Nothing per-request is ever stored: only anonymous responses without cookies are kept.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

TAGS_ATTRIBUTE = "public_page_cache_tags"
FRESH_FOR_ATTRIBUTE = "public_page_fresh_for"
# How long a copy may live in the cache when nothing invalidates it (it is invalidated on every
# change that shows; the limit only bounds memory).
DEFAULT_CACHE_SECONDS = 60 * 60
# How long a CDN may keep a page (Cache-Control s-maxage); frontend_cache purges it on changes.
DEFAULT_CDN_SECONDS = 5 * 60


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)


def cdn_seconds():
    return getattr(settings, "PAGE_CACHE_CDN_SECONDS", DEFAULT_CDN_SECONDS)


def cache_publicly(response, *tags, fresh_for=None):
    """Mark ``response`` as a public page that may be cached, showing what ``tags`` name.

    ``fresh_for``: seconds after which the page is wrong by itself, whatever changes (a
    storefront's "Open now" turns into "Closed now"); no cache keeps it longer.
    """
    setattr(response, TAGS_ATTRIBUTE, tuple(tags))
    setattr(response, FRESH_FOR_ATTRIBUTE, fresh_for)
    return response


def fresh_seconds(response, longest):
    """How long a cache may keep ``response``: ``longest``, or less if the page says so."""
    fresh_for = getattr(response, FRESH_FOR_ATTRIBUTE, None)
    return longest if fresh_for is None else max(1, min(longest, fresh_for))


def public_tags(response):
    return getattr(response, TAGS_ATTRIBUTE, None)


def page_tag(path):
    """The tag of the Wagtail page at tree ``path`` (not its URL: the tree path has no slug)."""
    return f"page:{path}"


def entry_key(request):
    # The local date is part of the key: storefronts highlight today's opening hours.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"public-page:{timezone.localdate().isoformat()}:{digest}"


def tag_key(tag):
    return f"public-page-tag:{tag}"


def invalidate(*tags, urls=()):
    """Every cached page showing one of ``tags`` is stale from now on; purge ``urls`` at a CDN.

    The tags get new versions now and again when the transaction commits: a visitor who renders
    the page between the two read the data from before the commit, and must not keep it.
    """
    bump_versions(tags)
    transaction.on_commit(lambda: bump_versions(tags))
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(sorted(set(urls)))
    logger.debug("Page cache invalidated: %s", ", ".join(tags))


def bump_versions(tags):
    cache.set_many({tag_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)


def current_versions(tags):
    """The version of each tag, giving a version to any that has none yet."""
    keys = [tag_key(tag) for tag in tags]
    versions = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in versions}
    if missing:
        # add(): if another process gave the tag a version meanwhile, theirs stands.
        for key, version in missing.items():
            if not cache.add(key, version, timeout=None):
                version = cache.get(key)
            versions[key] = version
    return versions


# The tags each address showed when this process last saw it, so that one cache read can fetch
# a stored page together with its tags' versions. Only a hint: a page whose tags changed since
# is checked with a second read. Emptied when it grows past this many addresses.
TAGS_SEEN_LIMIT = 10_000
tags_seen = {}


class Lookup:
    """One visitor's look in the cache: the stored page if still fresh, else how to store it.

    The tags' versions are read before the page is rendered, never after: a change that lands
    while the page renders leaves the stored copy stale at once instead of fresh with old data.
    The tags of an address are only known from an earlier render, so the first render of an
    address records its tags and the next one stores the page. A page this process has served
    before costs one cache read (``tags_seen``).
    """

    def __init__(self, request):
        self.key = entry_key(request)
        version_keys = [tag_key(tag) for tag in tags_seen.get(self.key, ())]
        found = cache.get_many([self.key, self.tags_key, *version_keys])
        self.entry = found.get(self.key)
        self.known_tags = self.entry["tags"] if self.entry else found.get(self.tags_key)
        self.versions_read = {key: found[key] for key in version_keys if key in found}
        self.versions_before_render = None

    @property
    def tags_key(self):
        return f"{self.key}:tags"

    def fresh_response(self):
        """The cached response, or None when there is none or it is stale."""
        if self.entry is None:
            return None
        versions = self.entry["versions"]
        if versions.keys() <= self.versions_read.keys():
            current = {key: self.versions_read[key] for key in versions}
        else:
            current = cache.get_many(list(versions))
            remember_tags(self.key, self.entry["tags"])
        if current != versions:
            return None
        response = HttpResponse(self.entry["content"], status=self.entry["status"])
        for name, value in self.entry["headers"]:
            response.headers[name] = value
        return response

    def before_render(self):
        if self.known_tags:
            self.versions_before_render = current_versions(self.known_tags)

    def store(self, response):
        """Keep ``response`` for the next anonymous visitor of the same address."""
        tags = public_tags(response)
        if self.versions_before_render is None or set(tags) != set(self.known_tags):
            cache.set(self.tags_key, tags, timeout=cache_seconds())
            return
        entry = {
            "tags": tags,
            "status": response.status_code,
            "headers": list(response.headers.items()),
            "content": response.content,
            "versions": self.versions_before_render,
        }
        cache.set(self.key, entry, timeout=fresh_seconds(response, cache_seconds()))
        remember_tags(self.key, tags)


def remember_tags(key, tags):
    if len(tags_seen) >= TAGS_SEEN_LIMIT:
        tags_seen.clear()
    tags_seen[key] = tags
