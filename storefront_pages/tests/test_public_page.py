"""The public storefront page: live means public, drafts only for their owner and staff."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from storefront_pages.models import OpeningHours, StorefrontLink
from storefront_pages.publishing import publish_storefront, unpublish_storefront

from .factories import HARBOUR_COFFEE_DETAILS, make_image, make_storefront

pytestmark = pytest.mark.django_db

BANNER = "Not public — only you can see this"


def full_storefront(name="Harbour Coffee", *, live=True):
    page = make_storefront(
        name,
        **HARBOUR_COFFEE_DETAILS,
    )
    page.logo = make_image(page.profile.storefront_access.collection, f"{name} logo")
    page.opening_hours = [
        OpeningHours(weekday=0, opens=datetime.time(8), closes=datetime.time(17, 30)),
        OpeningHours(weekday=6, closed=True),
    ]
    page.links = [StorefrontLink(label="Buy a gift card", url="https://studio.example/gift")]
    page.save_revision(user=page.owner)
    if live:
        publish_storefront(page, page.owner)
    page.refresh_from_db()
    return page


def test_publish_makes_the_page_public_and_unpublish_makes_it_404(client):
    page = full_storefront(live=False)
    assert client.get(page.url).status_code == 404
    publish_storefront(page, page.owner)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Speciality coffee by the harbour" in html
    assert "Buy a gift card" in html
    assert BANNER not in html
    unpublish_storefront(page, page.owner)
    assert client.get(page.url).status_code == 404


def test_owner_and_staff_see_the_draft_with_a_banner_and_no_caching(client, staff_user):
    page = full_storefront(live=False)
    for viewer in (page.owner, staff_user):
        client.force_login(viewer)
        response = client.get(page.url)
        assert response.status_code == 200
        assert BANNER in response.content.decode()
        assert "Speciality coffee by the harbour" in response.content.decode()
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control


def test_another_owner_gets_404_for_a_draft(client):
    page = full_storefront(live=False)
    other = make_storefront("Other Owner Opticians")
    client.force_login(other.owner)
    assert client.get(page.url).status_code == 404


def test_owner_previews_their_latest_draft_after_unpublishing(client):
    page = full_storefront()
    unpublish_storefront(page, page.owner)
    page.headline = "New draft headline"
    # The draft's buttons are its revision's, not the rows the page was last published with.
    page.links = [StorefrontLink(label="Book a tasting", url="https://studio.example/book")]
    page.save_revision(user=page.owner)
    client.force_login(page.owner)
    html = client.get(page.url).content.decode()
    assert "New draft headline" in html
    assert "Book a tasting" in html and "Buy a gift card" not in html
    assert BANNER in html


def test_scheduled_expiry_unpublishes_the_page(client):
    page = full_storefront()
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    publish_storefront(page, page.owner)
    assert client.get(page.url).status_code == 200
    with time_travel(hours=2):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404


def test_scheduled_go_live_publishes_the_page(client):
    page = full_storefront(live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision(user=page.owner)
    assert publish_storefront(page, page.owner) is False
    assert client.get(page.url).status_code == 404
    with time_travel(hours=2):
        call_command("publish_scheduled")
    assert client.get(page.url).status_code == 200


def time_travel(hours):
    import time_machine

    return time_machine.travel(timezone.now() + datetime.timedelta(hours=hours), tick=False)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_json_ld_describes_the_local_business(client):
    page = full_storefront()
    data = json_ld(client.get(page.url).content.decode())
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Harbour Coffee"
    assert data["description"] == "Beans roasted daily."
    assert data["url"] == f"http://testserver{page.url}"
    assert data["logo"].startswith("http://testserver/")
    assert data["email"] == "hello@harbour.example"
    assert data["telephone"] == "01632 960123"
    assert data["address"]["streetAddress"] == "1 Quay Street"
    assert data["address"]["addressLocality"] == "Whitby"
    assert data["address"]["postalCode"] == "YO21 1AA"
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "08:00",
            "closes": "17:30",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Sunday",
            "opens": "00:00",
            "closes": "00:00",
        },
    ]


def test_json_ld_cannot_be_broken_out_of_by_owner_text(client):
    page = make_storefront("Script </script><b>Shop")
    publish_storefront(page, page.owner)
    html = client.get(page.url).content.decode()
    assert json_ld(html)["name"] == "Script </script><b>Shop"


def test_page_has_seo_and_social_tags_contact_links_and_marks_today(client):
    page = full_storefront()
    with time_travel(hours=0):
        html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in html
    assert 'property="og:title" content="Harbour Coffee"' in html
    assert 'name="twitter:card"' in html
    assert 'href="mailto:hello@harbour.example"' in html
    assert 'href="tel:01632960123"' in html
    assert 'alt="Harbour Coffee logo"' in html
    today = timezone.localdate().strftime("%A")
    assert re.search(rf'class="is-today" aria-current="date">\s*<th scope="row">{today}', html)


def test_opening_hours_refuse_closing_before_opening():
    row = OpeningHours(weekday=1, opens=datetime.time(17), closes=datetime.time(9))
    with pytest.raises(ValidationError) as refused:
        row.clean()
    assert "after the opening time" in str(refused.value)


def test_opening_hours_need_both_times_unless_closed():
    with pytest.raises(ValidationError):
        OpeningHours(weekday=1, opens=datetime.time(9)).clean()
    closed = OpeningHours(weekday=1, closed=True, opens=datetime.time(9))
    closed.clean()
    assert closed.opens is None


def test_links_accept_only_web_addresses():
    link = StorefrontLink(label="Bad", url="javascript:alert(1)", page_id=1, sort_order=0)
    with pytest.raises(ValidationError):
        link.full_clean(exclude=["page"])
    link.url = "ftp://files.example/"
    with pytest.raises(ValidationError):
        link.full_clean(exclude=["page"])
