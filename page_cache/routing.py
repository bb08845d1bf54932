"""Routing a request below a public Wagtail page in one query, instead of two per tree level.

Wagtail's ``Page.route`` walks the path a level at a time: each level reads the child by its
slug, then its specific row (``/storefront/bloom/`` is four queries below the home page), and
serving then reads every ancestor again to find view restrictions (two more). Here one query
reads the whole path by ``url_path`` (kept in step with slugs by Wagtail), each page on it
annotated with whether it carries a view restriction and joined to the rows of the page
classes that route this way (``RoutedInOneQueryMixin``), so the page found is already specific,
with what its class selects along (``routed_select_related``). The query's SQL is written
once per process for each depth (raw_sql/reads.py): compiling it per request cost more than
running it.

Before routing, Wagtail reads the site's root page in its specific form; when that class routes
this way, ``site_root.RouteBelowSiteRootMiddleware`` leaves its own fields unread for a path
below it.

The result is Wagtail's own: the walk stops, and hands over to the page's own ``route``, at
the first page whose class routes differently (a draft storefront, a routable page) or when a
level is missing, where Wagtail's walk raises its 404.
"""

from functools import cache, lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction, get_page_models

from raw_sql.reads import ModelReader, SelectList, fetch_rows


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
    connection = connections[router.db_for_read(Page)]
    statement = routing_statement(connection.alias, len(ancestor_paths), len(path_components))
    # Tree paths are base-36 digits: nothing in them needs escaping for LIKE.
    params = [*ancestor_paths, *url_paths, *path_components, f"{page.path}%", page.depth]
    restrictions_unknown = False
    descendants = {}
    for row in fetch_rows(connection, statement.sql, params):
        # An alias shares its source's restrictions: leave those to Wagtail's own check.
        restrictions_unknown |= bool(row[statement.restricted])
        restrictions_unknown |= row[statement.alias_of] is not None
        if row[statement.depth] > page.depth:
            found = statement.read_page(row, connection)
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

    specific = current if type(current) is current.specific_class else current.specific
    if isinstance(specific, RoutedInOneQueryMixin):
        specific.prefetch_routed()
    result = specific.route(request, remaining)
    if result.page is specific and not restrictions_unknown and not remaining:
        # Read with the path: nothing on it is restricted (CachedPublicPageMixin).
        specific.known_unrestricted = True
    return result


class RoutingStatement:
    """The query for a path ``levels`` deep below a root ``ancestors`` deep, and its readers.

    It reads the root's ancestors (for their view restrictions) and the pages whose URL paths
    the request's path could be, each annotated with whether it carries a view restriction
    and joined to the rows of the page classes that route this way and what they select
    along, ordered by depth.
    """

    def __init__(self, connection, ancestors, levels):
        select = SelectList(connection)
        quote = connection.ops.quote_name
        page_table = Page._meta.db_table
        restriction = PageViewRestriction._meta
        self.page = ModelReader(Page, {Page: "page"}, select)
        self.depth = select.column("page", "depth")
        self.alias_of = select.column("page", Page._meta.get_field("alias_of").column)
        self.restricted = select.expression(
            # Names from the models' metadata, quoted; every value is a parameter.
            f"EXISTS (SELECT 1 FROM {quote(restriction.db_table)} "  # noqa: S608
            f"WHERE {quote(restriction.get_field('page').column)} = {quote('page')}.{quote('id')})"
        )
        joins = []
        self.specific = {}
        for number, page_class in enumerate(routed_page_classes(), start=1):
            table_alias = f"routed{number}"
            link = page_class._meta.parents[Page]
            joins.append(
                f"LEFT OUTER JOIN {quote(page_class._meta.db_table)} {quote(table_alias)} "
                f"ON {quote(table_alias)}.{quote(link.column)} = {quote('page')}.{quote('id')}"
            )
            reader = ModelReader(page_class, {Page: "page", page_class: table_alias}, select)
            related = []
            for name in page_class.routed_select_related:
                field = page_class._meta.get_field(name)
                related_alias = f"{table_alias}_{name}"
                target = field.related_model
                joins.append(
                    f"LEFT OUTER JOIN {quote(target._meta.db_table)} {quote(related_alias)} "
                    f"ON {quote(related_alias)}.{quote(field.target_field.column)} = "
                    f"{quote(table_alias)}.{quote(field.column)}"
                )
                related.append((field, ModelReader(target, {target: related_alias}, select)))
            self.specific[page_class] = (reader, related)

        def placeholders(count):
            return ", ".join(["%s"] * count)

        column = {name: f"{quote('page')}.{quote(name)}" for name in ("path", "url_path", "slug")}
        self.sql = (
            f"SELECT {select.sql()} FROM {quote(page_table)} {quote('page')} {' '.join(joins)} "  # noqa: S608
            f"WHERE {column['path']} IN ({placeholders(ancestors)}) OR ("
            f"{column['url_path']} IN ({placeholders(levels)}) "
            # The slug narrows the search through its index (url_path has none).
            f"AND {column['slug']} IN ({placeholders(levels)}) "
            f"AND {column['path']} LIKE %s AND {quote('page')}.{quote('depth')} > %s) "
            f"ORDER BY {quote('page')}.{quote('depth')}"
        )

    def read_page(self, row, connection):
        """The row's page: of its own class, with what it selects along, when that class routes
        this way; a plain ``Page`` otherwise."""
        page = self.page.read(row, connection)
        page_class = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if page_class not in self.specific:
            return page
        reader, related = self.specific[page_class]
        specific = reader.read(row, connection)
        for field, related_reader in related:
            field.set_cached_value(specific, related_reader.read(row, connection))
        return specific


# One statement per depth asked for: a few in use, so a bounded number kept (any visitor can
# ask for a path of any depth).
@lru_cache(maxsize=16)
def routing_statement(database, ancestors, levels):
    return RoutingStatement(connections[database], ancestors, levels)


@cache
def routed_page_classes():
    """Page classes routed this way, directly below ``Page`` (so their rows can be joined)."""
    return tuple(
        page_class
        for page_class in get_page_models()
        if Page in page_class._meta.parents and issubclass(page_class, RoutedInOneQueryMixin)
    )


def routes_its_own_way(page):
    page_class = page.specific_class
    return page_class is None or page_class.route not in (Page.route, RoutedInOneQueryMixin.route)


class RoutedInOneQueryMixin:
    """For Wagtail page models: requests below the page are routed by ``route_below``."""

    # Set on the page a request was routed to when the route showed nothing above or on it
    # is restricted.
    known_unrestricted = False
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
        if self.known_unrestricted:
            # Only Wagtail's check before serving asks a routed page, and only iterates: an
            # empty queryset would still be compiled on the way to finding it empty.
            return ()
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
