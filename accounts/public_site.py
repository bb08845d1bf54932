"""Absolute addresses on the public site (``SITE_URL``): the one place they are made.

Links that leave the request (emails, Stripe's return addresses, sitemaps, QR codes) must name
the address the public reaches, never the host a request happened to use (``127.0.0.1:8600``
behind a proxy or in development).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def absolute_url(path):
    """``path`` (starting with "/") on the public site."""
    return f"{settings.SITE_URL}{path}"


def absolute_reverse(viewname, *args, **kwargs):
    """``reverse(viewname, ...)`` on the public site."""
    return absolute_url(reverse(viewname, *args, **kwargs))


def on_public_site(url):
    """``url`` on the public address rather than the host the request came in on."""
    bits = urlsplit(url)
    return absolute_url(f"{bits.path}{'?' + bits.query if bits.query else ''}")
