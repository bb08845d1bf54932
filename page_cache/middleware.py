"""Serves anonymous GETs of public pages from the shared cache, before sessions or the database.

It sits just after WhiteNoise: a cached page costs one cache read (two the first time a process
serves it) and no database query. A request takes part only when it carries no session cookie
and no messages cookie (so never a signed-in user, an owner's draft preview or a page that
would show a message), asks for one of ``PAGE_CACHE_PATHS`` with at most a ``page`` parameter,
and is a GET or HEAD. A response is kept
only when its page marked itself public (``store.cache_publicly``), it is a 200 and it sets no
cookie (so no CSRF token, session or message was put in it). Public pages shown to anyone else
are marked ``private`` so no CDN or proxy keeps them either.
"""

import re

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from .store import Lookup, cdn_seconds, fresh_seconds, public_tags

MESSAGES_COOKIE_NAME = "messages"  # django.contrib.messages' cookie storage
ALLOWED_PARAMETERS = {"page"}  # the directory's pagination; any other query string is not cached


def may_use_cache(request, paths):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE_NAME not in request.COOKIES
        and set(request.GET) <= ALLOWED_PARAMETERS
        and any(path.match(request.path_info) for path in paths)
    )


def may_store(response):
    if public_tags(response) is None or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def mark_public(response):
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=fresh_seconds(response, cdn_seconds())
    )
    set_response_etag(response)


def mark_private(response):
    patch_cache_control(response, private=True, no_cache=True)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = [re.compile(pattern) for pattern in settings.PAGE_CACHE_PATHS]

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True) or not may_use_cache(
            request, self.paths
        ):
            response = self.get_response(request)
            if public_tags(response) is not None:
                mark_private(response)
            return response

        lookup = Lookup(request)
        cached = lookup.fresh_response()
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=cached.get("ETag"), response=cached)

        lookup.before_render()
        response = self.get_response(request)
        if not may_store(response):
            if public_tags(response) is not None:
                mark_private(response)
            return response
        mark_public(response)
        lookup.store(response)
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
