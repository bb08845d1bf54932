"""Full-text search over the storefronts the public can see on one site."""

import re

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
