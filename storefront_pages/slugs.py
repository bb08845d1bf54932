"""Storefront web addresses: suggesting one from a business name and refusing unusable ones."""

from django.utils.text import slugify

# Words that name (or may one day name) the site's own sections; a storefront called "admin"
# would confuse customers and collide with future routes under /storefront/.
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "admin",
        "api",
        "billing",
        "dashboard",
        "django-admin",
        "documents",
        "edit",
        "healthz",
        "login",
        "logout",
        "media",
        "new",
        "robots-txt",
        "search",
        "sitemap",
        "static",
        "storefront",
        "storefronts",
        "studio",
    }
)
MAX_SLUG_LENGTH = 60


def reserved_slug_message(slug):
    return (
        f"“{slug}” is reserved for MintKit Hub’s own pages. Please choose a different web address."
    )


def taken_slug_message(slug):
    return f"Another storefront already uses “{slug}”. Please choose a different web address."


def is_reserved(slug):
    return slug in RESERVED_SLUGS


def suggest_slug(name, is_taken):
    """A free web address based on ``name``: ``bloom-blade``, else ``bloom-blade-2`` and so on.

    ``is_taken(slug)`` answers whether a candidate is already used.
    """
    base = slugify(name)[:MAX_SLUG_LENGTH].strip("-") or "storefront"
    candidate = base
    number = 1
    while is_reserved(candidate) or is_taken(candidate):
        number += 1
        suffix = f"-{number}"
        candidate = f"{base[: MAX_SLUG_LENGTH - len(suffix)]}{suffix}"
    return candidate
