"""Routing below the site's root page without reading the root page's own fields."""

from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from .routing import routed_accessors, routes_its_own_way


class RouteBelowSiteRootMiddleware:
    """Saves Wagtail's read of the site's root page in its specific form (``.specific``) for a
    request to a page below it, when the root's class routes by ``route_below``: that
    uses only the root's ``Page`` fields, already read with the site. Its own fields stay
    deferred (Wagtail's ``specific_deferred``), read if anything asks for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        if not path.strip("/"):
            return None
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        if root is not None and root.specific_class in routed_accessors():
            if not routes_its_own_way(root):
                root.specific = root.specific_deferred
        return None
