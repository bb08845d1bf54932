"""Public pages routed in one query answer exactly as Wagtail's level-by-level walk would."""

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from storefront_pages.models import StorefrontIndexPage
from storefront_pages.tests.factories import make_storefront

pytestmark = pytest.mark.django_db


@pytest.fixture
def storefront(db):
    return make_storefront("Harbour Coffee", live=True, headline="Roasted daily")


def test_a_live_storefront_and_the_directory_are_found(client, storefront):
    assert "Roasted daily" in client.get(storefront.url).content.decode()
    assert "Harbour Coffee" in client.get("/storefront/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/storefront/no-such-shop/", "/no-such-page/", "/storefront/harbour-coffee/extra/"],
)
def test_an_address_below_no_page_is_a_404(client, storefront, path):
    assert client.get(path).status_code == 404


def test_a_storefront_moved_to_a_new_address_answers_only_there(client, storefront):
    old_url = storefront.url
    storefront.slug = "harbour-roasters"
    storefront.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert "Roasted daily" in client.get("/storefront/harbour-roasters/").content.decode()


@pytest.mark.parametrize("restricted", ["directory", "storefront"])
def test_a_restriction_on_the_page_or_above_it_still_asks_visitors_to_log_in(
    client, storefront, restricted
):
    page = StorefrontIndexPage.objects.get() if restricted == "directory" else storefront
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(storefront.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_restriction_on_the_home_page_covers_the_home_page_too(client):
    home = Page.objects.get(depth=2)
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/").status_code == 302


def test_a_draft_storefront_is_a_404_for_visitors(client):
    draft = make_storefront("Quiet Bakery", live=False)
    assert client.get(f"/storefront/{draft.slug}/").status_code == 404


def test_a_storefront_on_a_second_site_gives_its_address_on_the_host_asked(
    client, storefront, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "shops.example"]
    Site.objects.create(hostname="shops.example", root_page=StorefrontIndexPage.objects.get())
    canonical = '<link rel="canonical" href="{}">'
    on_shops = client.get("/harbour-coffee/", HTTP_HOST="shops.example").content.decode()
    assert canonical.format("http://shops.example/harbour-coffee/") in on_shops
    on_hub = client.get("/storefront/harbour-coffee/").content.decode()
    assert canonical.format("http://testserver/storefront/harbour-coffee/") in on_hub
