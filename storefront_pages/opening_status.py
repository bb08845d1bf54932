"""Whether a storefront is open right now in its own time zone, and when that next changes.

Each day's hours run from ``opens`` to a later ``closes`` on the same day (the editor refuses
anything else), so the status only changes at those times. ``OpenStatus.changes_at`` is the next
such moment: a cache that keeps the rendered page must keep it no longer than that
(``seconds_until_change``), or the page would say "Open now" after closing time.
"""

import datetime
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIME_ZONE = "Europe/London"
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    # What customers read, e.g. "Open now · closes 18:00" or "Closed now · opens tomorrow 09:00".
    message: str
    # The next moment the status flips (aware), or None when the storefront never opens.
    changes_at: datetime.datetime | None

    def seconds_until_change(self, now):
        """Whole seconds from ``now`` until the status changes (None: it never does)."""
        if self.changes_at is None:
            return None
        return max(1, math.ceil((self.changes_at - now).total_seconds()))


def business_zone(name):
    """The storefront's time zone; London if the stored name is unknown to this machine."""
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


def _open_spans(opening_hours):
    """Weekday -> (opens, closes) for each day the storefront opens."""
    return {
        row.weekday: (row.opens, row.closes)
        for row in opening_hours
        if not row.closed and row.opens is not None and row.closes is not None
    }


def _day_label(day, today):
    if day == today:
        return "today"
    if day == today + datetime.timedelta(days=1):
        return "tomorrow"
    return DAY_NAMES[day.weekday()]


def open_status(opening_hours, zone_name, now):
    """The status at ``now`` (aware) for ``opening_hours`` kept in time zone ``zone_name``.

    None when no day has hours: then the page says nothing rather than "Closed".
    """
    spans = _open_spans(opening_hours)
    if not spans:
        return None
    zone = business_zone(zone_name)
    local_now = now.astimezone(zone)
    today = local_now.date()

    def at(day, time):
        return datetime.datetime.combine(day, time, tzinfo=zone)

    todays_span = spans.get(today.weekday())
    if todays_span and at(today, todays_span[0]) <= local_now < at(today, todays_span[1]):
        closes = todays_span[1]
        return OpenStatus(True, f"Open now · closes {closes:%H:%M}", at(today, closes))
    # The next opening within a week (today later on, or a coming day; a week on at most).
    for days_ahead in range(8):
        day = today + datetime.timedelta(days=days_ahead)
        span = spans.get(day.weekday())
        if span and at(day, span[0]) > local_now:
            message = f"Closed now · opens {_day_label(day, today)} {span[0]:%H:%M}"
            return OpenStatus(False, message, at(day, span[0]))
    raise AssertionError("a storefront with opening hours opens within a week")
