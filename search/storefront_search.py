"""Full-text search over the storefronts the public can see on one site."""

import re

from django.core.paginator import Page, Paginator

from storefront_pages.models import StorefrontPage, with_card_images

MAX_QUERY_LENGTH = 200


# Anything but letters and digits is a separator: quotes, %, *, brackets and colons are query
# syntax to SQLite's full-text search (a lone " made it fail), and no storefront is found by them.
NOT_A_WORD = re.compile(r"[\W_]+")


def clean_query(raw):
    """The visitor's words, trimmed and bounded so a huge query cannot tie up the database."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_storefronts(query, site):
    """Live, public storefronts on ``site`` matching ``query``, best matches first.

    Drafts, unpublished and privacy-restricted storefronts, and other sites' pages, are filtered
    out before searching, so they can never appear in results.
    """
    terms = " ".join(NOT_A_WORD.sub(" ", query or "").split())
    if not terms:
        return StorefrontPage.objects.none()
    visible = StorefrontPage.objects.live().public()
    if site is not None:
        visible = visible.in_site(site)
    return with_card_images(visible).search(terms, operator="and")


# Far more pages than 10,000 storefronts make; any further page is past the last.
LAST_PAGE_COUNTED_WITH_RESULTS = 10_000


def results_page(results, page_number, per_page):
    """Page ``page_number`` of ``results``, out-of-range numbers answered as Django's ``get_page``.

    On PostgreSQL the page's own query counts every match (search.database_backend), so one query
    shows "page 2 of 125" where Django's paginator runs a COUNT and then the page. Other backends,
    and a number past the last page, take Django's way.
    """
    paginator = Paginator(results, per_page)
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        number = 1
    # A page past any index this size could fill (the fuzzer asks for page 922337203685477582,
    # an offset no database can take) is answered as Django answers it: counted first.
    if 1 <= number <= LAST_PAGE_COUNTED_WITH_RESULTS and hasattr(results, "matches_count"):
        start = (number - 1) * per_page
        page_of_results = results[start : start + per_page]
        items = list(page_of_results)
        if items or number == 1:
            # The cached_property set: known without a query (an empty first page: no match).
            paginator.count = page_of_results.matches_count or 0
            return Page(items, number, paginator)
    return paginator.get_page(page_number)
