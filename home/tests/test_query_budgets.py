"""Query budgets: public pages (page cache empty) and the staff Businesses list run the same
number of queries with 3 and with 200 storefronts, within a fixed budget."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from billing.tests.factories import PlanFactory
from storefront_pages.models import StorefrontPage
from storefront_pages.tests.test_public_page import full_storefront
from storefront_pages.tests.test_storefront_look import dressed_storefront

pytestmark = pytest.mark.django_db

# The most queries each may run, whatever the number of storefronts. Cold: every cache empty,
# so Wagtail's site roots and the renditions are read from the database too.
BUDGETS = {
    # Site, the path with the storefront and its images, their renditions, opening hours,
    # buttons (page_cache/routing.py).
    "storefront": 5,
    "storefront with logo and cover": 5,
    # Site, the path with the directory, restrictions, count, the cards, their logos and
    # covers and the renditions of each, site roots.
    "directory": 10,
    # Site, home page, restrictions, plans.
    "home": 4,
    "plans": 1,
    # Site, restrictions, count, results, their logos and covers and the renditions of each,
    # site roots. On PostgreSQL the count is made by the results' own query, one fewer.
    "search": 9,
    # Session, user, Wagtail's user profile, counts, locale, the explorer's pages, the rows,
    # their subscriptions, and the site roots the storefront links are made from (page.url).
    "staff Businesses list": 12,
}


def query_count(client, url):
    client.get(url)  # renditions are generated once, then reused
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_to(total):
    """Seeded storefronts (the benchmark's, no images) until ``total`` are live; then two full
    ones with logos and covers, so the directory's first page and the search show renditions."""
    seeded = total - StorefrontPage.objects.live().count() - 2
    if seeded > 0:
        call_command("seed_storefronts", count=seeded, stdout=io.StringIO())
    dressed_storefront(f"Shop {StorefrontPage.objects.count() + 1}")
    dressed_storefront(f"Shop {StorefrontPage.objects.count() + 1}")


def test_query_budgets_are_the_same_with_3_and_200_storefronts(client, capsys):
    PlanFactory(name="Starter", slug="starter")
    PlanFactory(name="Pro", slug="pro")
    measured = full_storefront("Measured Shop")
    pictured = dressed_storefront("Pictured Shop")
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))
    pages = {
        "storefront": (client, measured.url),
        "storefront with logo and cover": (client, pictured.url),
        "directory": (client, "/storefront/"),
        "home": (client, "/"),
        "plans": (client, "/billing/plans/"),
        "search": (client, "/search/?q=harbour"),
        "staff Businesses list": (staff, "/admin/accounts/profile/"),
    }
    grow_to(3)
    with_three = {name: query_count(*visit) for name, visit in pages.items()}
    grow_to(200)
    with_many = {name: query_count(*visit) for name, visit in pages.items()}
    with capsys.disabled():
        print(f"\nQueries: {with_three} with 3 storefronts, {with_many} with 200")
    assert with_three == with_many
    assert {name: min(count, BUDGETS[name]) for name, count in with_many.items()} == with_many
