"""Public search, the sitemap and robots.txt show live, public storefronts of this site only."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from storefront_pages.models import StorefrontPage
from storefront_pages.publishing import unpublish_storefront
from storefront_pages.tests.factories import make_storefront

pytestmark = pytest.mark.django_db


@pytest.fixture
def storefronts():
    """Live, draft, unpublished, private and other-site storefronts, all about 'pottery'."""
    live = make_storefront("Live Pottery Studio", live=True, headline="Handmade pottery")
    draft = make_storefront("Draft Pottery Barn", headline="Pottery classes")
    unpublished = make_storefront("Gone Pottery Shed", live=True, headline="Pottery")
    unpublish_storefront(unpublished, unpublished.owner)
    private = make_storefront("Private Pottery Club", live=True, headline="Pottery")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    other_site = other_site_storefront()
    return {
        "live": live,
        "hidden": [draft, unpublished, private, other_site],
    }


def other_site_storefront():
    """A live storefront under a second site's root, as a multi-site install could have."""
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Other site", slug="other-site"))
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    page = make_storefront("Other Site Pottery", live=True, headline="Pottery elsewhere")
    page = StorefrontPage.objects.get(pk=page.pk)
    page.move(other_home, pos="last-child")
    return StorefrontPage.objects.get(pk=page.pk)


def search(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params})


def test_search_finds_live_storefronts_by_name_headline_and_description(client):
    page = make_storefront(
        "Kiln & Co",
        live=True,
        headline="Stoneware mugs",
        description="<p>Glazed in our own <b>wood-fired</b> kiln.</p>",
    )
    for query in ("Kiln", "stoneware", "wood-fired"):
        html = search(client, query).content.decode()
        assert page.title.replace("&", "&amp;") in html, query


def test_search_never_shows_drafts_unpublished_private_or_other_sites(client, storefronts):
    html = search(client, "pottery").content.decode()
    assert storefronts["live"].title in html
    for page in storefronts["hidden"]:
        assert page.title not in html


def test_search_has_a_friendly_empty_state(client):
    html = search(client, "zzzz-nothing").content.decode()
    assert "No storefronts match “zzzz-nothing”" in html
    assert "browse every storefront" in html


def test_search_without_a_query_invites_one(client):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert "Type a business name" in response.content.decode()


def test_search_is_paginated_and_keeps_the_query(client):
    for number in range(12):
        make_storefront(f"Candle Maker {number}", live=True)
    first = search(client, "candle").content.decode()
    assert "12 storefronts found" in first
    assert "?q=candle&amp;page=2" in first
    second = search(client, "candle", page=2).content.decode()
    assert "Page 2 of 2" in second


def test_sitemap_lists_live_storefronts_only(client, storefronts):
    xml = client.get("/sitemap.xml").content.decode()
    live_path = storefronts["live"].get_url_parts()[2]
    assert f"<loc>http://127.0.0.1:8000{live_path}</loc>" in xml
    assert "<loc>http://127.0.0.1:8000/storefront/</loc>" in xml
    assert "<loc>http://127.0.0.1:8000/</loc>" in xml
    for page in storefronts["hidden"]:
        assert f"/{page.slug}/" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_private_areas_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /dashboard/" in text


@pytest.mark.parametrize("query", ['"', 'bloom"', "100%", "bloom*", "(salon", "title:bloom", "a'b"])
def test_query_syntax_characters_are_searched_as_words_not_parsed(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("9", "Page 2 of 2"),
        ("0", "Page 2 of 2"),
        ("two", "Page 1 of 2"),
        ("922337203685477582", "Page 2 of 2"),
    ],
)
def test_a_page_number_out_of_range_shows_a_page_as_django_does(client, page, shown):
    for number in range(12):
        make_storefront(f"Candle Maker {number}", live=True)
    content = search(client, "candle", page=page).content.decode()
    assert "12 storefronts found" in content
    assert shown in content
