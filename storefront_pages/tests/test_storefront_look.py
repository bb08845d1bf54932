"""The storefront as the business's own page: themes, brand colour, contact buttons, sharing."""

import datetime
import json
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from storefront_pages import brand_colours
from storefront_pages.models import OpeningHours, StorefrontLink, StorefrontPage
from storefront_pages.publishing import publish_storefront
from storefront_pages.themes import THEMES

from .factories import HARBOUR_COFFEE_DETAILS, make_image, make_storefront

pytestmark = pytest.mark.django_db

# schema.org's LocalBusiness properties (its own, Organization's, Place's and Thing's) that this
# site writes; anything else in the JSON-LD would be a typo search engines silently ignore.
LOCAL_BUSINESS_PROPERTIES = {
    "@context",
    "@type",
    "name",
    "url",
    "description",
    "logo",
    "image",
    "email",
    "telephone",
    "address",
    "openingHoursSpecification",
    "sameAs",
}
# Google's structured-data guide for LocalBusiness: required, then the recommended ones we can fill.
REQUIRED_PROPERTIES = {"name", "address"}
RECOMMENDED_PROPERTIES = {"url", "telephone", "openingHoursSpecification", "image"}


def dressed_storefront(name="Harbour Coffee", *, theme="classic", brand_colour="#1d4ed8"):
    """A live storefront with everything filled in: logo, cover, hours, buttons, social links."""
    page = make_storefront(
        name,
        **HARBOUR_COFFEE_DETAILS,
        theme=theme,
        brand_colour=brand_colour,
        instagram_url="https://www.instagram.com/harbourcoffee",
        tiktok_url="https://www.tiktok.com/@harbourcoffee",
        website_url="https://harbour.example",
    )
    collection = page.profile.storefront_access.collection
    page.logo = make_image(collection, f"{name} logo", size=(200, 200))
    page.cover_image = make_image(collection, f"{name} cover", size=(1600, 840))
    page.opening_hours = [
        OpeningHours(weekday=day, opens=datetime.time(8), closes=datetime.time(17, 30))
        for day in range(6)
    ] + [OpeningHours(weekday=6, closed=True)]
    page.links = [StorefrontLink(label="Buy a gift card", url="https://studio.example/gift")]
    page.save_revision(user=page.owner)
    publish_storefront(page, page.owner)
    return StorefrontPage.objects.get(pk=page.pk)


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


# Business first


def test_the_page_is_the_businesss_own_with_mintkit_only_in_the_footer(client):
    page = dressed_storefront()
    html = render(client, page)
    assert "<title>Harbour Coffee</title>" in html
    assert 'aria-label="Main"' not in html  # MintKit's navigation
    assert "Start free trial" not in html
    assert '<a href="/">Made with MintKit Hub</a>' in html


def test_the_seo_title_is_the_tab_title_when_set(client):
    page = dressed_storefront()
    page.seo_title = "Harbour Coffee, Whitby: coffee and cake"
    page.save_revision(user=page.owner)
    publish_storefront(page, page.owner)
    assert "<title>Harbour Coffee, Whitby: coffee and cake</title>" in render(client, page)


def test_customers_can_call_email_find_and_follow_the_business(client):
    html = render(client, dressed_storefront())
    assert 'href="tel:01632960123"' in html and "Call 01632 960123" in html
    assert 'href="mailto:hello@harbour.example"' in html
    assert (
        'href="https://www.openstreetmap.org/search?query=1+Quay+Street%2C+Whitby%2C+YO21+1AA"'
        in html
    )
    assert "<iframe" not in html  # a link to the map, no embedded map
    for url, name in [
        ("https://www.instagram.com/harbourcoffee", "Instagram"),
        ("https://www.tiktok.com/@harbourcoffee", "TikTok"),
        ("https://harbour.example", "Website"),
    ]:
        assert re.search(
            rf'<a href="{re.escape(url)}" rel="me noopener"><svg class="icon" aria-hidden="true"'
            rf'[^>]*>.*?</svg><span class="visually-hidden">Harbour Coffee on </span>{name}</a>',
            html,
        )
    assert "Facebook" not in html  # not filled in, not shown
    # The share button needs JavaScript (a static file, allowed by the CSP), so it starts hidden.
    assert re.search(r'<button class="[^"]*share-button" type="button" hidden', html)
    assert '<script src="/static/js/storefront-share.js"></script>' in html
    assert "<script>" not in html and " onclick=" not in html


def test_social_links_must_point_at_their_network():
    page = make_storefront("Link Checkers")
    page.instagram_url = "https://www.facebook.com/linkcheckers"
    page.x_url = "https://twitter.com/linkcheckers"
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert refused.value.message_dict["instagram_url"] == [
        "This is not a Instagram address: it should start with https://www.instagram.com/."
    ]
    assert "x_url" not in refused.value.message_dict  # twitter.com still works for X


# Themes and brand colour


def test_every_palette_colour_passes_aa_with_white_text():
    for colour, _name in brand_colours.PALETTE:
        assert brand_colours.contrast_ratio(colour, "#ffffff") >= 4.5, colour
        brand_colours.validate_brand_colour(colour)


def test_contrast_ratio_matches_wcag_reference_values():
    assert brand_colours.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert brand_colours.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert brand_colours.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_a_colour_too_light_for_white_text_is_refused_with_a_darker_one_to_try():
    with pytest.raises(ValidationError) as refused:
        brand_colours.validate_brand_colour("#ffcc00")
    message = refused.value.messages[0]
    suggestion = re.search(r"Try (#[0-9a-f]{6})", message).group(1)
    assert message.startswith(
        "Text on #ffcc00 would be hard to read: its contrast with white is 1.5:1"
    )
    assert brand_colours.contrast_ratio(suggestion, "#ffffff") >= 4.5
    brand_colours.validate_brand_colour(suggestion)
    with pytest.raises(ValidationError, match="six hexadecimal digits"):
        brand_colours.validate_brand_colour("red")


def editor_form(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return url, querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")


def test_the_editor_refuses_an_unreadable_colour_and_saves_a_readable_one(client):
    page = make_storefront("Colour Corner")
    client.force_login(page.owner)
    url, data = editor_form(client, page)
    assert data["theme"] == "classic" and data["brand_colour"] == "#0b6e4f"
    assert data["time_zone"] == "Europe/London"
    data["brand_colour"] = "#FFCC00"
    data["theme"] = "bold"
    before = StorefrontPage.objects.get(pk=page.pk).latest_revision_id
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Text on #ffcc00 would be hard to read" in response.content.decode()
    assert StorefrontPage.objects.get(pk=page.pk).latest_revision_id == before

    data["brand_colour"] = "#6D28D9"
    data["time_zone"] = "Europe/Dublin"
    assert client.post(url, data).status_code == 302
    draft = StorefrontPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert (draft.theme, draft.brand_colour, draft.time_zone) == (
        "bold",
        "#6d28d9",
        "Europe/Dublin",
    )


def test_the_editor_shows_each_theme_with_a_preview_picture(client):
    page = make_storefront("Preview Parlour")
    client.force_login(page.owner)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Look &amp; links" in html
    for value, label in THEMES:
        assert f'src="/static/images/theme-previews/{value}.svg"' in html
        assert f'value="{value}"' in html and f"<strong>{label}</strong>" in html
    assert "/static/css/theme-picker.css" in html
    assert '<datalist id="id_brand_colour-palette"><option value="#0b6e4f">Mint</option>' in html


def content_of(html):
    """What a customer reads and can use on the page, whatever the layout."""
    main = html[html.index('<main id="main"') :]
    text = " ".join(re.sub(r"<[^>]+>", " ", main).split())
    links = sorted(set(re.findall(r'href="([^"]+)"', main)))
    images = sorted(set(re.findall(r'<img [^>]*alt="([^"]*)"', main)))
    return text, links, images


def test_every_theme_renders_the_same_content_in_its_own_layout(client):
    page = dressed_storefront()
    rendered = {}
    for theme, _label in THEMES:
        page.theme = theme
        page.save_revision(user=page.owner)
        publish_storefront(page, page.owner)
        html = render(client, page)
        assert re.search(rf'<body class="[^"]*theme-{theme} brand-1d4ed8"', html)
        rendered[theme] = content_of(html)
    classic = rendered["classic"]
    assert "Speciality coffee by the harbour" in classic[0] and "Buy a gift card" in classic[0]
    assert classic[2] == ["Harbour Coffee cover", "Harbour Coffee logo"]
    assert all(content == classic for content in rendered.values())


def test_the_brand_colour_is_served_as_css_under_a_strict_csp(client):
    html = render(client, dressed_storefront(brand_colour="#9d174d"))
    assert '<link rel="stylesheet" href="/brand-colours/9d174d.css">' in html
    assert "<style" not in html and " style=" not in html
    response = client.get("/brand-colours/9d174d.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert ".brand-9d174d{--brand:#9d174d;" in response.content.decode()


@pytest.mark.parametrize(
    "key",
    ["9D174D", "9d174", "1d4ed8.0b6e4f", "0b6e4f.0b6e4f", "zzzzzz", ".".join(["0b6e4f"] * 25)],
)
def test_the_colour_css_address_names_only_canonical_colours(client, key):
    assert client.get(f"/brand-colours/{key}.css").status_code == 404


def test_directory_and_search_cards_wear_each_storefronts_logo_and_colour(client):
    dressed_storefront("Harbour Coffee", brand_colour="#9d174d")
    dressed_storefront("Harbour Books", brand_colour="#115e67")
    for url in ("/storefront/", "/search/?q=harbour"):
        html = client.get(url).content.decode()
        assert '<link rel="stylesheet" href="/brand-colours/115e67.9d174d.css">' in html, url
        assert 'class="card h-100 storefront-card brand-9d174d"' in html, url
        assert 'alt="Harbour Books logo"' in html, url


# What customers look for, and sharing


def test_the_page_says_open_now_in_the_businesss_time_zone(client):
    page = dressed_storefront()
    # Monday 23 November 2026, 10:00 in London: open; Sunday: closed, opens tomorrow.
    with time_machine.travel(
        datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False
    ):
        assert "Open now · closes 17:30" in render(client, page)
    with time_machine.travel(
        datetime.datetime(2026, 11, 29, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        html = render(client, page)
    assert "Closed now · opens tomorrow 08:00" in html
    assert re.search(r'class="is-today" aria-current="date">\s*<th scope="row">Sunday', html)
    # Sunday 23:30 in London is already Monday 08:30 in Tokyo: open, and Monday is "today".
    page.time_zone = "Asia/Tokyo"
    page.save_revision(user=page.owner)
    publish_storefront(page, page.owner)
    with time_machine.travel(
        datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC), tick=False
    ):
        html = render(client, page)
    assert "Open now · closes 17:30" in html
    assert re.search(r'class="is-today" aria-current="date">\s*<th scope="row">Monday', html)


def test_a_cache_of_the_page_can_ask_when_open_now_goes_stale():
    page = dressed_storefront()
    now = datetime.datetime(2026, 11, 23, 17, 0, tzinfo=datetime.UTC)  # 17:00 in London
    status = page.open_status_at(now)
    assert status.message == "Open now · closes 17:30"
    assert status.seconds_until_change(now) == 30 * 60


def test_json_ld_has_localbusiness_required_and_recommended_properties(client):
    data = json_ld(render(client, dressed_storefront()))
    assert data["@context"] == "https://schema.org" and data["@type"] == "LocalBusiness"
    assert set(data) <= LOCAL_BUSINESS_PROPERTIES
    assert REQUIRED_PROPERTIES | RECOMMENDED_PROPERTIES <= set(data)
    assert data["address"]["@type"] == "PostalAddress"
    assert data["telephone"] == "01632 960123"
    assert len(data["openingHoursSpecification"]) == 7
    assert len(data["image"]) == 2
    assert all(url.startswith("http://testserver/") for url in data["image"])
    assert data["sameAs"] == [
        "https://www.instagram.com/harbourcoffee",
        "https://www.tiktok.com/@harbourcoffee",
        "https://harbour.example",
    ]


def test_shared_links_show_the_cover_else_the_logo(client):
    page = dressed_storefront()
    html = render(client, page)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert re.search(r"/Harbour-Coffee-cover[^/]*\.fill-1200x630-c50\.", og_image)
    assert 'content="1200"' in html and 'name="twitter:card" content="summary_large_image"' in html
    # X falls back to the og: tags, so the card's image is stated once.
    assert 'name="twitter:image"' not in html and 'name="twitter:image:alt"' in html
    page.cover_image = None
    page.save_revision(user=page.owner)
    publish_storefront(page, page.owner)
    html = render(client, page)
    assert re.search(r'<meta property="og:image" content="[^"]+logo[^"]*fill-600x600', html)
    assert 'name="twitter:card" content="summary"' in html


def test_demo_has_two_storefronts_in_different_themes_with_logo_and_cover():
    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)  # still idempotent with images
    pages = list(StorefrontPage.objects.order_by("pk"))
    drafts = [page.get_latest_revision_as_object() for page in pages]
    assert len({draft.theme for draft in drafts}) == 2
    assert all(draft.logo and draft.cover_image for draft in drafts)
    assert all(draft.cover_image.width >= 1200 for draft in drafts)
