"""schema.org ``LocalBusiness`` data for a storefront, so search engines can show it richly."""

import json

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Site

from .social_links import social_links

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
LOGO_FILTER = "fill-160x160"
# The same renditions the page's Open Graph tags use, so crawlers fetch each image once.
COVER_SHARE_FILTER = "fill-1200x630-c50"
LOGO_SHARE_FILTER = "fill-600x600"
# Characters that could end the <script> element early or start an HTML comment.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def plain_description(page, length=300):
    """The page's description as plain text: the headline, else the rich text without tags."""
    text = strip_tags(page.description or "").strip() or page.headline
    return Truncator(" ".join(text.split())).chars(length)


def opening_hours_specification(opening_hours):
    specification = []
    for row in opening_hours:
        specification.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
                # schema.org marks a day closed with opens and closes both at midnight.
                "opens": row.opens_iso,
                "closes": row.closes_iso,
            }
        )
    return specification


def canonical_url(page, request):
    """The page's public address as seen from this request's host."""
    return request.build_absolute_uri(path_on_request_site(page, request) or page.get_url(request))


def path_on_request_site(page, request):
    """The page's path on the site serving ``request`` (Wagtail's ``page.get_url(request)``
    for a page on that site), or None when the page is not on it.

    Wagtail finds it from every site's root path, one query when Django's cache is empty;
    the request's site, with its root page, is already read to route the request. Wagtail
    prefers the request's site too; this site keeps Wagtail's URL defaults (no
    ``WAGTAIL_I18N_ENABLED``, ``WAGTAIL_APPEND_SLASH`` on), so its path is the same.
    """
    site = Site.find_for_request(request)
    if site is None or not page.url_path.startswith(site.root_page.url_path):
        return None
    return reverse("wagtail_serve", args=(page.url_path[len(site.root_page.url_path) :],))


def local_business(page, request, opening_hours):
    """The JSON-LD object for ``page``, with only the fields the owner has filled in."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": page.title,
        "url": canonical_url(page, request),
    }
    description = plain_description(page)
    if description:
        data["description"] = description
    if page.logo:
        data["logo"] = request.build_absolute_uri(page.logo.get_rendition(LOGO_FILTER).url)
    images = [
        request.build_absolute_uri(image.get_rendition(spec).url)
        for image, spec in ((page.cover_image, COVER_SHARE_FILTER), (page.logo, LOGO_SHARE_FILTER))
        if image
    ]
    if images:
        data["image"] = images
    if page.contact_email:
        data["email"] = page.contact_email
    if page.phone:
        data["telephone"] = page.phone
    if page.address_lines:
        address = {"@type": "PostalAddress", "addressCountry": "GB"}
        if page.street_address:
            address["streetAddress"] = page.street_address
        if page.town:
            address["addressLocality"] = page.town
        if page.postcode:
            address["postalCode"] = page.postcode
        data["address"] = address
    hours = opening_hours_specification(opening_hours)
    if hours:
        data["openingHoursSpecification"] = hours
    same_as = [link["url"] for link in social_links(page)]
    if same_as:
        data["sameAs"] = same_as
    return data


def as_script_json(data):
    """``data`` as JSON safe to place inside a ``<script type="application/ld+json">``."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))  # noqa: S308
