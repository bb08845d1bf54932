"""Anonymous visitors get public pages from the cache; every change that shows invalidates them,
and nothing personal is ever cached."""

import datetime

import pytest
import time_machine
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from billing.tests.factories import PlanFactory
from page_cache.store import Lookup, invalidate, page_tag
from storefront_pages.models import OpeningHours, StorefrontIndexPage
from storefront_pages.publishing import publish_storefront, unpublish_storefront
from storefront_pages.tests.factories import make_image, make_storefront

pytestmark = pytest.mark.django_db

DIRECTORY = "/storefront/"
PLANS = "/billing/plans/"


def warm(client, url):
    """Visit ``url`` until it comes from the cache (the first render learns the page's tags)."""
    for _ in range(3):
        response = client.get(url)
        if response.get("X-Page-Cache") == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache")


def is_cached(client, url):
    return client.get(url).get("X-Page-Cache") == "hit"


@pytest.fixture
def live_storefront(db):
    return make_storefront("Harbour Coffee", live=True, headline="Roasted daily")


def test_a_cached_storefront_costs_no_database_query_and_says_what_a_cdn_may_do(
    client, live_storefront
):
    warm(client, live_storefront.url)
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Counted at the cursor: Django's query log is reset at each request's start.
    with connection.execute_wrapper(record):
        response = client.get(live_storefront.url)
    assert response.get("X-Page-Cache") == "hit"
    assert queries == []
    assert "Roasted daily" in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=300" in cache_control
    assert not response.cookies


def test_a_page_this_process_served_before_costs_one_cache_read(
    client, live_storefront, monkeypatch
):
    warm(client, live_storefront.url)
    reads, inside_get_many = [], []
    get, get_many = cache.get, cache.get_many

    def counted_get(*args, **kwargs):
        if not inside_get_many:  # local memory's get_many calls get per key
            reads.append(args)
        return get(*args, **kwargs)

    def counted_get_many(*args, **kwargs):
        reads.append(args)
        inside_get_many.append(True)
        try:
            return get_many(*args, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    assert client.get(live_storefront.url).get("X-Page-Cache") == "hit"
    assert len(reads) == 1, reads


def test_a_cached_page_is_stale_at_once_when_its_tag_changes_even_served_in_one_read(
    client, live_storefront
):
    warm(client, live_storefront.url)
    invalidate(page_tag(live_storefront.path))
    assert not is_cached(client, live_storefront.url)


def test_a_browser_that_has_the_page_gets_304(client, live_storefront):
    etag = warm(client, live_storefront.url)["ETag"]
    revalidated = client.get(live_storefront.url, headers={"if-none-match": etag})
    assert revalidated.status_code == 304


@pytest.mark.parametrize("url", ["/", DIRECTORY, PLANS])
def test_home_directory_and_plans_are_cached(client, live_storefront, url):
    PlanFactory(name="Starter", slug="starter")
    assert warm(client, url).status_code == 200


# --- Every change that shows on a page invalidates it at once ---


def test_publishing_a_storefront_shows_it_in_the_directory_at_once(client, live_storefront):
    warm(client, DIRECTORY)
    newcomer = make_storefront("Quayside Books", live=True)
    assert "Quayside Books" in client.get(DIRECTORY).content.decode()
    assert client.get(newcomer.url).status_code == 200


def test_unpublishing_takes_the_page_and_its_directory_card_away_at_once(client, live_storefront):
    warm(client, live_storefront.url)
    warm(client, DIRECTORY)
    unpublish_storefront(live_storefront, live_storefront.owner)
    assert client.get(live_storefront.url).status_code == 404
    assert "Harbour Coffee" not in client.get(DIRECTORY).content.decode()


def test_publishing_an_edit_shows_the_new_text_at_once(client, live_storefront):
    warm(client, live_storefront.url)
    draft = live_storefront.get_latest_revision_as_object()
    draft.headline = "Now with oat milk"
    draft.save_revision(user=draft.owner)
    # A saved draft is not public yet; the page may be re-rendered but still shows the live text.
    assert "Roasted daily" in client.get(live_storefront.url).content.decode()
    publish_storefront(draft, draft.owner)
    assert "Now with oat milk" in client.get(live_storefront.url).content.decode()


def test_editing_a_live_page_in_place_shows_at_once(client, live_storefront):
    warm(client, live_storefront.url)
    page = live_storefront.specific_class.objects.get(pk=live_storefront.pk)
    page.headline = "Changed by staff"
    page.save()
    assert "Changed by staff" in client.get(live_storefront.url).content.decode()


def test_a_renamed_storefront_leaves_the_directory_at_once(client, live_storefront):
    warm(client, DIRECTORY)
    draft = live_storefront.get_latest_revision_as_object()
    draft.title = "Harbour Roastery"
    publish_storefront(draft, draft.owner)
    html = client.get(DIRECTORY).content.decode()
    assert "Harbour Roastery" in html and "Harbour Coffee" not in html


def test_deleting_a_storefront_takes_it_away_at_once(client, live_storefront):
    warm(client, live_storefront.url)
    warm(client, DIRECTORY)
    Page.objects.get(pk=live_storefront.pk).delete()
    assert client.get(live_storefront.url).status_code == 404
    assert "Harbour Coffee" not in client.get(DIRECTORY).content.decode()


def test_a_profile_change_invalidates_the_owners_storefront(client, live_storefront):
    warm(client, live_storefront.url)
    profile = live_storefront.profile
    profile.contact_email = "new@harbour.example"
    profile.save()
    assert not is_cached(client, live_storefront.url)


def test_changing_or_deleting_a_storefront_image_invalidates_the_page(client, live_storefront):
    image = make_image(live_storefront.profile.storefront_access.collection, "Harbour logo")
    draft = live_storefront.get_latest_revision_as_object()
    draft.logo = image
    publish_storefront(draft, draft.owner)
    warm(client, live_storefront.url)
    image.title = "Harbour Coffee logo, blue"
    image.save()
    assert "Harbour Coffee logo, blue" in client.get(live_storefront.url).content.decode()
    warm(client, live_storefront.url)
    image.delete()
    assert "Harbour Coffee logo, blue" not in client.get(live_storefront.url).content.decode()


def test_a_plan_change_shows_on_home_and_plans_at_once(client, live_storefront):
    plan = PlanFactory(name="Starter", slug="starter", price_amount=900)
    warm(client, "/")
    warm(client, PLANS)
    plan.price_amount = 1200
    plan.save()
    assert "£12.00" in client.get("/").content.decode()
    assert "£12.00" in client.get(PLANS).content.decode()
    plan.delete()
    assert "Starter" not in client.get(PLANS).content.decode()


def test_editing_the_directory_page_shows_at_once(client, live_storefront):
    warm(client, DIRECTORY)
    directory = StorefrontIndexPage.objects.get()
    directory.intro = "Every shop in town"
    directory.save_revision().publish()
    assert "Every shop in town" in client.get(DIRECTORY).content.decode()


def test_todays_opening_hours_are_not_served_from_yesterdays_copy(client, live_storefront):
    warm(client, live_storefront.url)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow):
        assert not is_cached(client, live_storefront.url)


def test_a_change_during_rendering_leaves_the_stored_copy_stale(rf, live_storefront):
    request = rf.get(live_storefront.url)
    tags = (page_tag(live_storefront.path),)
    cache.set(Lookup(request).tags_key, tags)
    lookup = Lookup(request)
    lookup.before_render()
    rendered_with_old_data = live_storefront.serve(request).render()
    invalidate(*tags)  # the publish lands while the page renders
    lookup.store(rendered_with_old_data)
    assert Lookup(request).fresh_response() is None


def test_a_configured_cdn_is_purged_on_publish(client, settings, live_storefront, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cdn.invalid",
        }
    }
    purged = []
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend)
    draft = live_storefront.get_latest_revision_as_object()
    draft.headline = "Purge me"
    publish_storefront(draft, draft.owner)
    assert any(url.endswith(live_storefront.url) for url in purged)
    assert any(url.endswith(DIRECTORY) for url in purged)


# --- Nothing personal is ever cached ---


def test_a_signed_in_owner_is_never_served_or_stored(client, live_storefront):
    client.force_login(live_storefront.owner)
    # Storefronts carry no site menu; the home page shows the signed-in owner's "Log out".
    for url in (live_storefront.url, "/"):
        for _ in range(3):
            response = client.get(url)
            assert "X-Page-Cache" not in response
            assert "private" in response["Cache-Control"]
    assert "Log out" in client.get("/").content.decode()
    client.logout()
    for _ in range(3):
        assert "Log out" not in client.get("/").content.decode()


def test_signed_in_owners_see_their_checkout_buttons_not_the_cached_page(client, live_storefront):
    PlanFactory(name="Starter", slug="starter")
    anonymous = warm(client, PLANS).content.decode()
    assert "csrfmiddlewaretoken" not in anonymous
    client.force_login(live_storefront.owner)
    signed_in = client.get(PLANS).content.decode()
    assert "csrfmiddlewaretoken" in signed_in and "Choose Starter" in signed_in


def test_an_owners_draft_preview_is_never_cached(client):
    draft = make_storefront("Secret Draft Bakery")
    client.force_login(draft.owner)
    response = client.get(draft.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(draft.url).status_code == 404


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(client, live_storefront):
    warm(client, live_storefront.url)
    client.cookies["messages"] = "pending"
    assert "X-Page-Cache" not in client.get(live_storefront.url)


def test_a_response_that_sets_a_cookie_is_not_stored(client, live_storefront, monkeypatch):
    from storefront_pages.models import StorefrontPage

    original = StorefrontPage.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        messages.info(request, "Welcome back")  # stored in a cookie for an anonymous visitor
        response.set_cookie("greeting", "hello")
        return response

    monkeypatch.setattr(StorefrontPage, "serve", serve_with_cookie)
    for _ in range(3):
        assert client.get(live_storefront.url).get("X-Page-Cache") is None
        client.cookies.clear()


def test_other_query_strings_and_posts_bypass_the_cache(client, live_storefront):
    warm(client, live_storefront.url)
    assert "X-Page-Cache" not in client.get(live_storefront.url + "?preview=1")
    assert "X-Page-Cache" not in client.post(live_storefront.url)


def test_a_storefront_saying_open_now_is_cached_only_until_it_closes(client):
    page = make_storefront("Closing Soon Cafe", live=True)
    OpeningHours.objects.create(
        page=page, weekday=0, opens=datetime.time(9), closes=datetime.time(17)
    )
    publish_storefront(page, page.owner)
    # Monday 16:59 in London (GMT in November): "Open now · closes 17:00" for one more minute.
    with time_machine.travel(
        datetime.datetime(2026, 11, 30, 16, 59, tzinfo=datetime.UTC), tick=False
    ):
        response = warm(client, page.url)
        assert "Open now" in response.content.decode()
        assert "s-maxage=60" in response["Cache-Control"]
    with time_machine.travel(datetime.datetime(2026, 11, 30, 17, 0, 30, tzinfo=datetime.UTC)):
        after = client.get(page.url)
        assert "Closed now" in after.content.decode()
