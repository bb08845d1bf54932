"""The “Open now · closes 18:00” line: the business’s time zone, midnight and closed days."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from storefront_pages.models import OpeningHours
from storefront_pages.opening_status import open_status

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
# A week in November 2026 (GMT, no summer time): Monday 23rd to Sunday 29th.
MONDAY = datetime.date(2026, 11, 23)


def at(day_offset, hour, minute=0, second=0, zone=LONDON):
    return datetime.datetime.combine(
        MONDAY + datetime.timedelta(days=day_offset),
        datetime.time(hour, minute, second),
        tzinfo=zone,
    )


def hours(*rows):
    """OpeningHours rows: (weekday, "09:00", "18:00") or (weekday, None) for a closed day."""
    made = []
    for weekday, *times in rows:
        if times == [None]:
            made.append(OpeningHours(weekday=weekday, closed=True))
        else:
            opens, closes = (datetime.time.fromisoformat(text) for text in times)
            made.append(OpeningHours(weekday=weekday, opens=opens, closes=closes))
    return made


# Monday to Friday 09:00–18:00, Saturday 10:00–16:00, Sunday closed; no row for Wednesday.
SHOP = hours(
    (0, "09:00", "18:00"),
    (1, "09:00", "18:00"),
    (3, "09:00", "18:00"),
    (4, "09:00", "18:00"),
    (5, "10:00", "16:00"),
    (6, None),
)


@pytest.mark.parametrize(
    ("now", "message", "changes_at"),
    [
        pytest.param(at(0, 10), "Open now · closes 18:00", at(0, 18), id="open"),
        pytest.param(at(0, 9), "Open now · closes 18:00", at(0, 18), id="at-opening-time"),
        pytest.param(at(0, 18), "Closed now · opens tomorrow 09:00", at(1, 9), id="at-closing"),
        pytest.param(at(0, 7), "Closed now · opens today 09:00", at(0, 9), id="before-opening"),
        pytest.param(
            at(0, 23, 59, 59), "Closed now · opens tomorrow 09:00", at(1, 9), id="before-midnight"
        ),
        pytest.param(at(1, 0), "Closed now · opens today 09:00", at(1, 9), id="at-midnight"),
        pytest.param(
            at(1, 19), "Closed now · opens Thursday 09:00", at(3, 9), id="day-with-no-hours-next"
        ),
        pytest.param(
            at(2, 12), "Closed now · opens tomorrow 09:00", at(3, 9), id="on-a-day-with-no-hours"
        ),
        pytest.param(at(5, 17), "Closed now · opens Monday 09:00", at(7, 9), id="saturday-evening"),
        pytest.param(at(6, 12), "Closed now · opens tomorrow 09:00", at(7, 9), id="sunday-closed"),
    ],
)
def test_status_in_london(now, message, changes_at):
    status = open_status(SHOP, "Europe/London", now)
    assert status.message == message
    assert status.is_open == message.startswith("Open")
    assert status.changes_at == changes_at


def test_only_open_one_day_a_week_opens_next_week_after_closing():
    status = open_status(hours((0, "09:00", "12:00")), "Europe/London", at(0, 13))
    assert status.message == "Closed now · opens Monday 09:00"
    assert status.changes_at == at(7, 9)


def test_status_is_computed_in_the_business_time_zone_not_the_servers():
    new_york = ZoneInfo("America/New_York")
    # 13:30 UTC is 08:30 in New York (EST): a London shop with these hours would be open.
    now = datetime.datetime(2026, 11, 23, 13, 30, tzinfo=UTC)
    assert open_status(SHOP, "Europe/London", now).is_open
    status = open_status(SHOP, "America/New_York", now)
    assert status.message == "Closed now · opens today 09:00"
    assert status.changes_at == at(0, 9, zone=new_york)
    # Monday 23:30 UTC is already Tuesday 08:30 in Tokyo: "today" is the business's today.
    late = datetime.datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert open_status(SHOP, "Asia/Tokyo", late).message == "Closed now · opens today 09:00"


def test_summer_time_follows_the_business_clock():
    # 08:30 UTC on a June Monday is 09:30 British Summer Time.
    june_monday = datetime.datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
    assert open_status(SHOP, "Europe/London", june_monday).message == "Open now · closes 18:00"


def test_no_hours_or_only_closed_days_say_nothing():
    assert open_status([], "Europe/London", at(0, 10)) is None
    assert open_status(hours((6, None)), "Europe/London", at(0, 10)) is None


def test_an_unknown_stored_zone_falls_back_to_london():
    assert open_status(SHOP, "Mars/Olympus_Mons", at(0, 10)).message == "Open now · closes 18:00"


def test_seconds_until_change_bounds_how_long_a_cached_page_stays_right():
    now = at(0, 17, 59, 30)
    status = open_status(SHOP, "Europe/London", now)
    assert status.seconds_until_change(now) == 30
    assert (
        status.seconds_until_change(at(0, 18)) == 1
    )  # never zero: "cache for no time" is no-cache
