"""A storefront's brand colour: the accessible palette, the WCAG contrast rule, and its CSS.

The page puts white text on the brand colour (buttons, the hero band) and the brand colour on
white (links, headings), so one rule covers both: the colour's contrast with white must reach
WCAG AA for normal text, 4.5:1. A colour that fails is refused with a darker shade of it to try.

Under the site's Content Security Policy (``style-src 'self'``) a colour cannot be written into the
page as an inline style, so each colour becomes a class in a tiny stylesheet served by
``brand_colours_css`` at an address that names the colours: it never changes, so it is cached for
a year, shared by every storefront with the same colour, and needs no invalidation.
"""

import re

from django.core.exceptions import ValidationError

MINIMUM_CONTRAST = 4.5
WHITE = "#ffffff"
DEFAULT_BRAND_COLOUR = "#0b6e4f"

# Each passes MINIMUM_CONTRAST against white (checked by the tests).
PALETTE = [
    ("#0b6e4f", "Mint"),
    ("#1d4ed8", "Blue"),
    ("#6d28d9", "Violet"),
    ("#9d174d", "Berry"),
    ("#b42318", "Red"),
    ("#8a4b08", "Bronze"),
    ("#115e67", "Teal"),
    ("#1f2937", "Charcoal"),
]

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
# The most colours one stylesheet address may name: a directory or search page's worth of cards.
MAX_COLOURS_PER_STYLESHEET = 24


def normalise(colour):
    """``colour`` as lower-case ``#rrggbb``, accepting ``#RGB`` and a missing ``#``; else None."""
    text = (colour or "").strip().lower()
    if not text.startswith("#"):
        text = f"#{text}"
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        text = "#" + "".join(character * 2 for character in text[1:])
    return text if HEX_COLOUR.fullmatch(text) else None


def _channels(colour):
    return [int(colour[index : index + 2], 16) for index in (1, 3, 5)]


def relative_luminance(colour):
    """WCAG 2.x relative luminance of a ``#rrggbb`` colour, from 0 (black) to 1 (white)."""
    linear = []
    for channel in _channels(colour):
        value = channel / 255
        linear.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    """WCAG contrast ratio between two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shade(colour, factor):
    """``colour`` with each channel scaled by ``factor`` (below 1 darkens, keeping its hue)."""
    return "#" + "".join(f"{round(channel * factor):02x}" for channel in _channels(colour))


def readable_shade(colour):
    """The lightest shade of ``colour`` white text passes AA on (``colour`` itself if it passes)."""
    factor = 1.0
    candidate = colour
    while contrast_ratio(candidate, WHITE) < MINIMUM_CONTRAST:
        factor -= 0.02
        candidate = shade(colour, factor)
    return candidate


def validate_brand_colour(value):
    """Refuse a colour that is not ``#rrggbb`` or that white text would be hard to read on."""
    colour = normalise(value)
    if colour is None:
        raise ValidationError(
            "Enter a colour as # and six hexadecimal digits, e.g. #0b6e4f, "
            "or pick one from the palette.",
            code="invalid_colour",
        )
    ratio = contrast_ratio(colour, WHITE)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            "Text on %(colour)s would be hard to read: its contrast with white is %(ratio).1f:1 "
            "and needs to be at least 4.5:1. Try %(suggestion)s, a darker shade of the same "
            "colour, or pick one from the palette.",
            code="low_contrast",
            params={"colour": colour, "ratio": ratio, "suggestion": readable_shade(colour)},
        )


def css_class(colour):
    """The class that gives an element ``colour`` as its brand colour, e.g. ``brand-0b6e4f``."""
    return f"brand-{(normalise(colour) or DEFAULT_BRAND_COLOUR)[1:]}"


def stylesheet_key(colours):
    """The stylesheet address part naming ``colours``: sorted, distinct, e.g. ``0b6e4f.1d4ed8``."""
    distinct = sorted({(normalise(colour) or DEFAULT_BRAND_COLOUR)[1:] for colour in colours})
    return ".".join(distinct[:MAX_COLOURS_PER_STYLESHEET])


def colours_from_key(key):
    """The colours a stylesheet address names, or None if it names anything else."""
    parts = key.split(".")
    if not 1 <= len(parts) <= MAX_COLOURS_PER_STYLESHEET or parts != sorted(set(parts)):
        return None
    # Only the canonical spelling (lower-case rrggbb) is served, so each colour has one address.
    if not all(HEX_COLOUR.fullmatch(f"#{part}") for part in parts):
        return None
    return [f"#{part}" for part in parts]


def stylesheet(colours):
    """CSS defining each colour's class: the colour, a darker hover shade and a pale tint."""
    rules = []
    for colour in colours:
        rules.append(
            f".{css_class(colour)}{{--brand:{colour};--brand-dark:{shade(colour, 0.8)};"
            f"--brand-tint:{tint(colour)}}}"
        )
    return "\n".join(rules) + "\n"


def tint(colour, amount=0.9):
    """``colour`` mixed with white (``amount`` of white), for pale backgrounds under dark text."""
    return "#" + "".join(
        f"{round(channel + (255 - channel) * amount):02x}" for channel in _channels(colour)
    )
