"""Logos and cover photos for the demo storefronts, drawn with Pillow when the demo is seeded.

Drawn rather than shipped, so the repository holds no binary images and no licences to track.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model


def _hex_to_rgb(colour):
    return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))


def _as_image_file(picture, name):
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return ImageFile(buffer, name=name)


def draw_logo(initials, colour, size=400):
    """A square logo: the business's initials in white on its brand colour."""
    picture = Image.new("RGB", (size, size), _hex_to_rgb(colour))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((24, 24, size - 24, size - 24), outline="white", width=10)
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    return picture


def draw_cover(colour, accent, size=(1600, 840)):
    """A wide cover: soft diagonal bands from the brand colour to a pale accent."""
    width, height = size
    picture = Image.new("RGB", size, _hex_to_rgb(accent))
    draw = ImageDraw.Draw(picture)
    base = _hex_to_rgb(colour)
    for band in range(8):
        mix = band / 8
        fill = tuple(round(c + (255 - c) * mix) for c in base)
        offset = band * width // 8
        draw.polygon(
            [
                (offset, 0),
                (offset + width // 3, 0),
                (offset, height),
                (offset - width // 3, height),
            ],
            fill=fill,
        )
    return picture


def demo_image(collection, title, description, picture):
    """The demo image called ``title`` in ``collection``, saved once."""
    image_model = get_image_model()
    existing = image_model.objects.filter(collection=collection, title=title).first()
    if existing:
        return existing
    image = image_model(title=title, description=description, collection=collection)
    image.file = _as_image_file(picture, f"{title.lower().replace(' ', '-')}.png")
    image.save()
    return image
