"""Template tags for a storefront's look: the stylesheet that defines its brand colours."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from storefront_pages.brand_colours import stylesheet_key

register = template.Library()


@register.simple_tag
def brand_colours_stylesheet(storefronts):
    """A ``<link>`` to the CSS for the brand colours of ``storefronts`` (one page or a list)."""
    if hasattr(storefronts, "brand_colour"):
        storefronts = [storefronts]
    colours = [storefront.brand_colour for storefront in storefronts]
    if not colours:
        return ""
    url = reverse("brand_colours_css", args=[stylesheet_key(colours)])
    return format_html('<link rel="stylesheet" href="{}">', url)
