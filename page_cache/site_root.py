"""Finding a public page's site, and routing below its root page, without compiling queries."""

from functools import cache

from django.db import connections, router
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from raw_sql.reads import ModelReader, SelectList, fetch_rows

from .routing import routed_page_classes, routes_its_own_way

# Wagtail's order of preference between the sites a request could belong to
# (wagtail.models.sites.get_site_for_hostname).
HOSTNAME_AND_PORT, HOSTNAME_AND_DEFAULT, DEFAULT, HOSTNAME = range(4)


class RouteBelowSiteRootMiddleware:
    """For a request Wagtail serves: finds its site in one query written once per process
    (``site_for_request``), and saves Wagtail's read of the site's root page in its specific
    form (``.specific``) for a page below it, when the root's class routes by
    ``route_below``: that uses only the root's ``Page`` fields, already read with the site.
    Its own fields stay deferred (Wagtail's ``specific_deferred``), read if anything asks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve:
            return None
        # Wagtail keeps the request's site here (Site.find_for_request).
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        if not path.strip("/"):
            return None
        root = request._wagtail_site.root_page if request._wagtail_site else None
        if root is not None and root.specific_class in routed_page_classes():
            if not routes_its_own_way(root):
                root.specific = root.specific_deferred
        return None


def site_for_request(request):
    """``Site.find_for_request(request)``: the same site, with its root page, or None."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    # A forwarded port is only a header: one that is not a number matches no site's.
    port = int(port) if port.isdigit() else None
    connection = connections[router.db_for_read(Site)]
    statement = site_statement(connection.alias)
    sites = []
    for row in fetch_rows(connection, statement.sql, [hostname]):
        site = statement.site.read(row, connection)
        Site._meta.get_field("root_page").set_cached_value(
            site, statement.root_page.read(row, connection)
        )
        sites.append(site)
    if not sites:
        return None
    sites.sort(key=lambda site: preference(site, hostname, port))
    best = preference(sites[0], hostname, port)
    if len(sites) == 1 or best in (HOSTNAME_AND_PORT, HOSTNAME_AND_DEFAULT):
        return sites[0]
    if best == DEFAULT:
        # The default site has another hostname: a single site with this hostname wins.
        return sites[len(sites) == 2]
    # Several sites on this hostname, none on this port, and no default: Wagtail finds none.
    return None


def preference(site, hostname, port):
    if site.hostname == hostname and site.port == port:
        return HOSTNAME_AND_PORT
    if site.hostname == hostname and site.is_default_site:
        return HOSTNAME_AND_DEFAULT
    if site.is_default_site:
        return DEFAULT
    return HOSTNAME


class SiteStatement:
    """The sites a hostname could belong to (its own and the default), with their root pages."""

    def __init__(self, connection):
        quote = connection.ops.quote_name
        select = SelectList(connection)
        self.site = ModelReader(Site, {Site: "site"}, select)
        self.root_page = ModelReader(Page, {Page: "root"}, select)
        site_column = {name: f"{quote('site')}.{quote(name)}" for name in ("hostname", "id")}
        self.sql = (
            # Names from the models' metadata, quoted; the hostname is a parameter.
            f"SELECT {select.sql()} FROM {quote(Site._meta.db_table)} {quote('site')} "  # noqa: S608
            f"INNER JOIN {quote(Page._meta.db_table)} {quote('root')} "
            f"ON {quote('root')}.{quote('id')} = {quote('site')}.{quote('root_page_id')} "
            f"WHERE {site_column['hostname']} = %s OR {quote('site')}.{quote('is_default_site')} "
            f"ORDER BY {site_column['id']}"
        )


@cache
def site_statement(database):
    return SiteStatement(connections[database])
