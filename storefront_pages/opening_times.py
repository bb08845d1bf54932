"""Opening and closing times as people type them: 9, 9am, 5.30pm, 17:30 all mean what they say.

Wagtail's time picker reads "5.30pm" as 05:30 without a word, and the owner then meets "closing
time must be after opening time". Here a time is read the way it is written, and anything that
cannot be read is refused with an example of what works.
"""

import datetime
import re

from django import forms
from django.db import models

UNREADABLE_TIME_MESSAGE = (
    "We couldn’t read “%(value)s” as a time. Write it like 9, 9am, 5.30pm or 17:30."
)

TIME_PATTERN = re.compile(
    r"""^
    (?P<hour>\d{1,2})
    (?:[:.h](?P<minute>\d{2})(?::\d{2})?)?   # 9:30, 9.30, 9h30 (seconds from stored values)
    \s*(?P<half>a\.?m\.?|p\.?m\.?|a|p)?      # am/pm, a.m./p.m.
    $""",
    re.VERBOSE,
)
# 930, 0930, 1730: hours and minutes run together.
COMPACT_PATTERN = re.compile(r"^(?P<hour>\d{1,2})(?P<minute>\d{2})\s*(?P<half>am|pm)?$")
WORDS = {"noon": datetime.time(12, 0), "midday": datetime.time(12, 0)}


def parse_opening_time(text):
    """The time ``text`` names, or ``None`` when it names none.

    Without am/pm the hour is on the 24-hour clock ("5.30" is 05:30, "17:30" is half past five
    in the afternoon); with it, 12am is midnight and 12pm noon.
    """
    text = " ".join(str(text).strip().lower().split())
    if text in WORDS:
        return WORDS[text]
    match = TIME_PATTERN.match(text) or COMPACT_PATTERN.match(text)
    if match is None:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    half = (match["half"] or "").replace(".", "")[:1]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class OpeningTimeInput(forms.TimeInput):
    """A plain text box (no picker to rewrite what was typed), showing times as 09:00."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "e.g. 9am", "autocomplete": "off", "size": 8, **(attrs or {})},
            format="%H:%M",
        )


class OpeningTimeFormField(forms.TimeField):
    widget = OpeningTimeInput
    default_error_messages = {"invalid": UNREADABLE_TIME_MESSAGE}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        parsed = parse_opening_time(value)
        if parsed is None:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return parsed


class OpeningTimeField(models.TimeField):
    """A time of day whose admin form field reads times the way people write them."""

    def formfield(self, **kwargs):
        # Wagtail passes its picker widget for every TimeField; this field has its own.
        kwargs.update(form_class=OpeningTimeFormField, widget=OpeningTimeInput)
        return super().formfield(**kwargs)
