"""Refuses requests carrying NUL characters with a 400 before they reach a view or the database."""

import logging

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# PostgreSQL cannot store or even compare a string holding NUL (psycopg2 raises ValueError), and
# no browser form or link ever sends one: it is always a probe. Other control characters are
# left to the forms, which already refuse or keep them as text.
NUL = "\x00"


def _has_nul(querydict):
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in querydict.lists()
    )


def refuse(request, where):
    logger.warning(
        "Refused a request with a NUL character in its %s: %s", where, request.path[:200]
    )
    return HttpResponseBadRequest(render_to_string("400.html"))


class RefuseNulCharactersMiddleware:
    """400 for a NUL in the path, query, cookies or form fields (signed JSON APIs check theirs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            return refuse(request, "path")
        if _has_nul(request.GET):
            return refuse(request, "query")
        if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
            return refuse(request, "cookies")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Views that read their raw body (the webhooks, the Studio's API) are CSRF-exempt: reading
        # request.POST here would make their request.body unreadable.
        if getattr(view_func, "csrf_exempt", False) or request.method != "POST":
            return None
        if _has_nul(request.POST) or any(NUL in name for name in request.FILES):
            return refuse(request, "form")
        return None
