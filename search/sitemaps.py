"""The sitemap: Wagtail's (live, public pages of the requested site) at the public address.

It stays in search rather than beside one page type: it lists every public page (the home page,
the directory and each storefront), and search is the app for how visitors and crawlers find
pages, above storefront_pages in the import order. robots.txt (search/views.py) points at it.
"""

from urllib.parse import urlsplit

from wagtail.contrib.sitemaps import Sitemap

from accounts.public_site import absolute_url


def public_location(location):
    """``location`` re-based on ``SITE_URL``: the site's stored hostname may be a placeholder."""
    parts = urlsplit(location)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return absolute_url(path)


class PublicSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        # Wagtail builds each entry from the Site record's hostname; CONTRACT.md says sitemaps
        # use SITE_URL, the address the public actually reaches.
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = public_location(url_info["location"])
        return urls
