"""QR codes that take a customer at the shop counter straight to the storefront."""

import io

import segno
from django.utils.safestring import mark_safe

# High error correction keeps a scuffed or partly covered counter sticker readable.
ERROR_CORRECTION = "h"
FILE_SCALE = 10
PRINT_SCALE = 8


def storefront_qr(url):
    return segno.make_qr(url, error=ERROR_CORRECTION)


def qr_svg_file(url, title):
    """A standalone SVG file for download: sharp at any print size."""
    buffer = io.BytesIO()
    storefront_qr(url).save(
        buffer, kind="svg", scale=FILE_SCALE, title=title, desc=url, dark="#000000"
    )
    return buffer.getvalue()


def qr_svg_inline(url, title):
    """The same code as an ``<svg>`` element to place in a page (segno escapes the title)."""
    svg = storefront_qr(url).svg_inline(scale=PRINT_SCALE, title=title, dark="#000000")
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308
