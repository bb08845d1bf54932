"""Routing a request below a public Wagtail page in one query, instead of two per tree level.

Wagtail's ``Page.route`` walks the path a level at a time: each level reads the child by its
slug, then its specific row (``/storefront/bloom/`` is four queries below the home page), and
serving then reads every ancestor again to find view restrictions (two more). Here one query
reads the whole path by ``url_path`` (kept in step with slugs by Wagtail), each page on it
annotated with whether it carries a view restriction and joined to the rows of the page
classes that route this way (``RoutedInOneQueryMixin``), so the page found is already specific,
with what its class selects along (``routed_select_related``).

Before routing, Wagtail reads the site's root page in its specific form; when that class routes
this way, ``site_root.RouteBelowSiteRootMiddleware`` leaves its own fields unread for a path
below it.

The result is Wagtail's own: the walk stops, and hands over to the page's own ``route``, at
the first page whose class routes differently (a draft storefront, a routable page) or when a
level is missing, where Wagtail's walk raises its 404.
"""

from functools import cache

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction, get_page_models


def route_below(page, request, path_components):
    """Wagtail's ``page.route(request, path_components)`` for a non-empty path, in one query
    (and what the page found prefetches, ``prefetch_routed``).

    None when the path's first level is not found: the caller leaves it to Wagtail's walk.
    """
    url_paths = [
        page.url_path + "".join(f"{component}/" for component in path_components[:length])
        for length in range(1, len(path_components) + 1)
    ]
    steps = range(Page.steplen, len(page.path) + 1, Page.steplen)
    ancestor_paths = [page.path[:end] for end in steps]
    # The slug narrows the search through its index (url_path has none).
    below_page = Q(slug__in=path_components, path__startswith=page.path, depth__gt=page.depth)
    pages = (
        Page.objects.filter(Q(path__in=ancestor_paths) | (Q(url_path__in=url_paths) & below_page))
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .select_related(*routed_relations())
        .order_by("depth")
    )
    restrictions_unknown = False
    descendants = {}
    for found in pages:
        # An alias shares its source's restrictions: leave those to Wagtail's own check.
        restrictions_unknown |= found.restricted or found.alias_of_id is not None
        if found.depth > page.depth:
            descendants[found.url_path] = found

    current, remaining = page, list(path_components)
    while remaining:
        child = descendants.get(current.url_path + f"{remaining[0]}/")
        if child is None or child.depth != current.depth + 1:
            break
        if not child.path.startswith(current.path):
            break
        child._cached_parent_obj = current
        current, remaining = child, remaining[1:]
        if remaining and routes_its_own_way(current):
            break
    if current is page:
        return None

    specific = read_specific(current)
    result = specific.route(request, remaining)
    if result.page is specific and not restrictions_unknown and not remaining:
        # Read with the path: nothing on it is restricted (CachedPublicPageMixin).
        specific.known_view_restrictions = PageViewRestriction.objects.none()
    return result


def read_specific(page):
    """``page.specific``: for a class routed this way, its row read along with the path."""
    page_class = page.specific_class
    accessor = routed_accessors().get(page_class)
    if accessor is None:
        return page.specific
    specific = getattr(page, accessor)
    specific._cached_parent_obj = page._cached_parent_obj
    specific.prefetch_routed()
    return specific


@cache
def routed_accessors():
    """Page classes routed this way, directly below ``Page``: the attribute of a ``Page`` that
    holds the page's row of that class (a reverse one-to-one, so it can be joined)."""
    accessors = {}
    for page_class in get_page_models():
        link = page_class._meta.parents.get(Page)
        if link is not None and issubclass(page_class, RoutedInOneQueryMixin):
            accessors[page_class] = link.remote_field.get_accessor_name()
    return accessors


def routed_relations():
    relations = []
    for page_class, accessor in routed_accessors().items():
        relations.append(accessor)
        relations.extend(f"{accessor}__{name}" for name in page_class.routed_select_related)
    return relations


def routes_its_own_way(page):
    page_class = page.specific_class
    return page_class is None or page_class.route not in (Page.route, RoutedInOneQueryMixin.route)


class RoutedInOneQueryMixin:
    """For Wagtail page models: requests below the page are routed by ``route_below``."""

    known_view_restrictions = None
    # Relations the page shows, joined when it is routed to.
    routed_select_related = ()

    def prefetch_routed(self):
        """Read together, once routed to, what the page shows from other tables."""

    def route(self, request, path_components):
        if path_components:
            result = route_below(self, request, path_components)
            if result is not None:
                return result
        return super().route(request, path_components)

    def get_view_restrictions(self):
        if self.known_view_restrictions is not None:
            return self.known_view_restrictions
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def may_be_restricted(page):
    """Whether ``page`` or an ancestor carries a view restriction or is an alias, in one query
    (Wagtail reads the ancestors, then their restrictions: two)."""
    steps = range(Page.steplen, len(page.path) + 1, Page.steplen)
    on_path = Page.objects.filter(path__in=[page.path[:end] for end in steps])
    return on_path.filter(
        Q(alias_of__isnull=False) | Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
    ).exists()
