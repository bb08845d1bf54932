"""The staff "Businesses" view and the billing views in the Wagtail admin, and the Support role."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from accounts.roles import SUPPORT_GROUP_NAME, ensure_role
from accounts.tests.factories import ProfileFactory, UserFactory
from billing.tests.factories import SubscriptionFactory
from storefront_pages.tests.factories import make_storefront
from studio.models import AccessWebhook, MintKitAccess

pytestmark = pytest.mark.django_db
BUSINESSES = "/admin/accounts/profile/"


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def support_client(client):
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_role(SUPPORT_GROUP_NAME))
    client.force_login(user)
    return client


def business(name, *, trial=False, status=None, launched=False):
    now = timezone.now()
    ends = now + timedelta(days=3) if trial else now - timedelta(days=3)
    profile = ProfileFactory(business_name=name, trial_ends_at=ends)
    if status:
        SubscriptionFactory(profile=profile, status=status)
    if launched:
        MintKitAccess.objects.create(profile=profile, last_accessed_at=now, launch_count=1)
    return profile


def names_listed(client, query=""):
    html = client.get(f"{BUSINESSES}{query}").content.decode()
    return {
        name
        for name in ["Anvil Gym", "Bramble Tutors", "Cobalt Salon", "Dune Yoga"]
        if name in html
    }


@pytest.fixture
def businesses():
    return [
        business("Anvil Gym", trial=True),
        business("Bramble Tutors", status="active", launched=True),
        business("Cobalt Salon", status="past_due"),
        business("Dune Yoga", status="canceled"),
    ]


def test_businesses_list_shows_each_column(staff_client, businesses):
    html = staff_client.get(BUSINESSES).content.decode()
    assert "Bramble Tutors" in html
    assert businesses[1].user.email in html
    assert "Yes: Your" in html  # access with its reason
    assert "No: Your subscription is cancelled" in html
    assert "Payment overdue" in html
    assert "never" in html


def test_businesses_list_links_each_row_and_sorts_by_its_columns(staff_client, businesses):
    html = staff_client.get(BUSINESSES).content.decode()
    anvil = businesses[0].pk
    # The name opens the business for editing; the row's buttons inspect and edit it.
    assert f'<a href="{BUSINESSES}edit/{anvil}/" title="Edit this profile">Anvil Gym</a>' in html
    button = 'class="button button-secondary button-small"'
    assert f'href="{BUSINESSES}inspect/{anvil}/" {button}' in html
    assert f'href="{BUSINESSES}edit/{anvil}/" {button}' in html
    # Sorted by name; the name and email headers sort (the name reversed, or by email then name).
    assert 'href="?o=-0"' in html and 'href="?o=1.0"' in html


def test_support_sees_rows_linked_to_inspect_and_no_edit_button(support_client, businesses):
    html = support_client.get(BUSINESSES).content.decode()
    anvil = businesses[0].pk
    link = f'<a href="{BUSINESSES}inspect/{anvil}/" title="Inspect this profile">Anvil Gym</a>'
    assert link in html
    assert f"{BUSINESSES}edit/" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?access=yes", {"Anvil Gym", "Bramble Tutors", "Cobalt Salon"}),
        ("?access=no", {"Dune Yoga"}),
        ("?subscription_status=active", {"Bramble Tutors"}),
        ("?subscription_status=past_due", {"Cobalt Salon"}),
        ("?subscription_status=none", {"Anvil Gym"}),
        ("?storefront=none", {"Anvil Gym", "Bramble Tutors", "Cobalt Salon", "Dune Yoga"}),
        ("?storefront=live", set()),
        ("?storefront=draft", set()),
        ("?q=bramble", {"Bramble Tutors"}),
    ],
)
def test_businesses_filters_and_search(staff_client, businesses, query, expected):
    assert names_listed(staff_client, query) == expected


def test_search_by_email(staff_client, businesses):
    assert names_listed(staff_client, f"?q={businesses[2].user.email}") == {"Cobalt Salon"}


def count_list_queries(client):
    client.get(BUSINESSES)  # warm caches (site root paths, permissions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BUSINESSES)
    assert response.status_code == 200
    return len(queries)


def test_businesses_list_query_count_does_not_grow_with_rows(staff_client):
    for i in range(3):
        business(f"Small {i}", status="active", launched=True)
    few = count_list_queries(staff_client)
    for i in range(57):
        business(f"Many {i}", status="trialing" if i % 2 else None, launched=bool(i % 3))
    many = count_list_queries(staff_client)
    print(f"\nBusinesses list: {few} queries for 3 profiles, {many} for 60")
    assert few == many


def test_businesses_list_reads_the_site_roots_once_for_all_storefront_links(staff_client):
    for i in range(4):
        make_storefront(f"Listed {i}", live=True)
    with mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths) as read:
        response = staff_client.get(BUSINESSES)
    assert response.status_code == 200
    assert response.content.count(b'href="/storefront/listed-') == 4
    # Once for the rows (each link would otherwise read them from the cache again), at most
    # once more for the rest of the admin page.
    assert read.call_count <= 2


@pytest.mark.parametrize(
    ("query", "counts", "heading"),
    [("", 1, "4 profiles"), ("?access=no", 2, "1 out of 4"), ("?q=bramble", 2, "1 out of 4")],
)
def test_businesses_list_counts_what_it_shows_once(
    staff_client, businesses, query, counts, heading
):
    """modeladmin asks for every business's count, the list's and the paginator's: one COUNT
    when nothing narrows the list, two when a filter or search does."""
    with CaptureQueriesContext(connection) as queries:
        html = staff_client.get(BUSINESSES + query).content.decode()
    assert sum("COUNT(" in query["sql"] for query in queries) == counts
    # Only the page's rows are read: a count taken by reading every row would not show here.
    rows = [
        query["sql"] for query in queries if 'FROM "accounts_profile" INNER JOIN' in query["sql"]
    ]
    assert rows and all("LIMIT" in sql for sql in rows if "COUNT(" not in sql)
    assert heading in " ".join(html.split())


def test_business_inspect_view_shows_access(staff_client, businesses):
    html = staff_client.get(f"{BUSINESSES}inspect/{businesses[1].pk}/").content.decode()
    assert "Studio access now" in html
    assert "Your Plan" in html or "subscription is active" in html


def test_billing_views_list_for_staff(staff_client, businesses):
    assert staff_client.get("/admin/billing/subscriptionplan/").status_code == 200
    assert "Payment overdue" in staff_client.get("/admin/billing/subscription/").content.decode()
    assert staff_client.get("/admin/billing/stripeevent/").status_code == 200


def test_subscriptions_and_events_are_read_only_even_for_staff(staff_client, businesses):
    subscription = businesses[1].subscriptions.get()
    assert (
        staff_client.get(f"/admin/billing/subscription/edit/{subscription.pk}/").status_code == 403
    )
    assert staff_client.get("/admin/billing/subscription/create/").status_code == 403


def test_support_can_view_everything(support_client, businesses):
    assert support_client.get(BUSINESSES).status_code == 200
    assert support_client.get(f"{BUSINESSES}inspect/{businesses[0].pk}/").status_code == 200
    assert support_client.get("/admin/billing/subscription/").status_code == 200
    assert support_client.get("/admin/billing/subscriptionplan/").status_code == 200
    assert support_client.get("/admin/billing/stripeevent/").status_code == 200


def test_support_cannot_change_anything(support_client, businesses):
    profile = businesses[0]
    plan = businesses[1].subscriptions.get().plan
    forbidden = [
        f"{BUSINESSES}edit/{profile.pk}/",
        f"{BUSINESSES}delete/{profile.pk}/",
        f"/admin/billing/subscriptionplan/edit/{plan.pk}/",
        f"/admin/billing/subscriptionplan/delete/{plan.pk}/",
        "/admin/billing/subscriptionplan/create/",
    ]
    for url in forbidden:
        assert support_client.get(url).status_code == 403, url
        assert support_client.post(url, {"business_name": "x"}).status_code == 403, url
    profile.refresh_from_db()
    assert profile.business_name == "Anvil Gym"


def test_owners_cannot_see_the_businesses_view(client, businesses):
    client.force_login(businesses[0].user)
    response = client.get(BUSINESSES)
    assert response.status_code == 404


def test_staff_and_support_see_studio_webhook_deliveries_and_change_nothing():
    staff_client, support_client = Client(), Client()
    staff_client.force_login(UserFactory(is_staff=True, is_superuser=True))
    support = UserFactory(is_staff=True)
    support.groups.add(ensure_role(SUPPORT_GROUP_NAME))
    support_client.force_login(support)

    webhook = AccessWebhook.objects.create(
        event_id="evt_admin_view",
        type="access.revoked",
        sub="3f2b6c1e-8d4a-4f0e-9a57-2c1d0b9e7a64",
        body="{}",
        created_at=timezone.now(),
        attempts=2,
        last_error="HTTP 503 from the Studio",
        next_attempt_at=timezone.now(),
    )
    listing = "/admin/studio/accesswebhook/"
    for viewer in (staff_client, support_client):
        html = viewer.get(listing).content.decode()
        assert "evt_admin_view" in html and "HTTP 503 from the Studio" in html
        assert viewer.get(f"{listing}inspect/{webhook.pk}/").status_code == 200
        assert viewer.get(f"{listing}edit/{webhook.pk}/").status_code == 403
        assert viewer.get(f"{listing}delete/{webhook.pk}/").status_code == 403
        assert viewer.get(f"{listing}create/").status_code == 403
