"""The staff figures on a seeded set of owners, with the expected values worked out by hand."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import STAFF_GROUP_NAME, ensure_role
from accounts.tests.factories import ProfileFactory, UserFactory
from billing.tests.factories import PlanFactory, SubscriptionFactory
from home.business_figures import business_figures
from storefront_pages.tests.factories import make_storefront

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture
def seeded():
    """Eight owners; the comments give each one's state and what it adds to each figure."""
    now = timezone.now()
    monthly = PlanFactory(slug="monthly", price_amount=1900, interval="month", currency="gbp")
    yearly = PlanFactory(slug="yearly", price_amount=12000, interval="year", currency="gbp")
    euro = PlanFactory(slug="euro", price_amount=1000, interval="month", currency="eur")

    def owner(name, trial_ended_days_ago, **subscription):
        profile = ProfileFactory(business_name=name, trial_ends_at=now - trial_ended_days_ago * DAY)
        if subscription:
            SubscriptionFactory(profile=profile, **subscription)
        return profile

    # Alder: in the sign-up trial, live storefront.
    make_storefront("Alder Arts", live=True)
    # Birch: trial ended 10 days ago, never subscribed (30- and 90-day cohorts, not paid).
    owner("Birch Barbers", 10)
    # Cedar: trial ended 20 days ago, active monthly £19 (both cohorts, paid; MRR £19).
    owner("Cedar Cafe", 20, plan=monthly, status="active", started_at=now - 25 * DAY)
    # Dogwood: trial ended 60 days ago, active yearly £120 (90-day cohort, paid; MRR £10).
    owner("Dogwood Deli", 60, plan=yearly, status="active", started_at=now - 300 * DAY)
    # Elm: trial ended 5 days ago, in the plan's free period (both cohorts, not paid).
    owner("Elm Electrics", 5, plan=monthly, status="trialing", started_at=now - 3 * DAY)
    # Fir: payment overdue, running 30 days ago.
    owner("Fir Fitness", 100, plan=monthly, status="past_due", started_at=now - 90 * DAY)
    # Gorse: cancelled 10 days ago after 200 days: running 30 days ago, churned since.
    gorse = owner(
        "Gorse Gifts",
        150,
        plan=monthly,
        status="canceled",
        started_at=now - 200 * DAY,
        ended_at=now - 10 * DAY,
    )
    gorse.created_at = now - 200 * DAY  # signed up before the chart's 12 weeks
    gorse.save()
    # Hazel: active monthly €10, running 30 days ago (MRR €10).
    owner("Hazel Hats", 200, plan=euro, status="active", started_at=now - 100 * DAY)
    return now


def values(figures):
    return {figure.label: figure.value for figure in figures}


def test_figures_match_the_hand_count(seeded):
    figures = business_figures(now=seeded)
    assert values(figures["states"]) == {
        "Sign-up trial": "1",
        "Trial ended, no plan": "1",
        "Plan's free period": "1",
        "Active": "3",
        "Payment overdue": "1",
        "Cancelled": "1",
        "Other (unpaid, incomplete, paused)": "0",
    }
    assert values(figures["revenue"]) == {
        "MRR (EUR)": "€10.00",
        "MRR (GBP)": "£29.00",  # £19 + £120 / 12
        "Trial → paid, last 30 days": "33% (1 of 3)",  # Birch, Cedar, Elm: Cedar paid
        "Trial → paid, last 90 days": "50% (2 of 4)",  # + Dogwood, paid
        "Churn, last 30 days": "25% (1 of 4)",  # Dogwood, Fir, Gorse, Hazel: Gorse ended
        "Live storefronts": "1",
    }
    bars = figures["sign_ups"]
    assert len(bars) == 12
    assert bars[-1].count == 7 and sum(bar.count for bar in bars) == 7
    assert bars[-1].height == 80 and bars[0].height == 0


def listed(client, url):
    html = client.get(url).content.decode()
    # Whole business names: a bare "Fir" also turns up inside the page's random tokens.
    businesses = [
        "Alder Arts",
        "Birch Barbers",
        "Cedar Cafe",
        "Dogwood Deli",
        "Elm Electrics",
        "Fir Fitness",
        "Gorse Gifts",
        "Hazel Hats",
    ]
    return {business.split()[0] for business in businesses if business in html}


def test_each_figure_opens_the_businesses_behind_it(client, seeded):
    user = UserFactory(username="staff-member")
    user.groups.add(ensure_role(STAFF_GROUP_NAME))
    client.force_login(user)
    figures = business_figures(now=seeded)
    by_label = {f.label: f.url for f in figures["states"] + figures["revenue"]}
    assert listed(client, by_label["Active"]) == {"Cedar", "Dogwood", "Hazel"}
    assert listed(client, by_label["Trial ended, no plan"]) == {"Birch"}
    assert listed(client, by_label["Trial → paid, last 30 days"]) == {"Birch", "Cedar", "Elm"}
    assert listed(client, by_label["Live storefronts"]) == {"Alder"}
    assert listed(client, figures["sign_ups"][-1].url) == set(
        ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Hazel"]
    )


def test_the_panel_is_on_the_admin_home_for_staff_only(client, seeded):
    member = UserFactory(username="staff-member")
    member.groups.add(ensure_role(STAFF_GROUP_NAME))
    client.force_login(member)
    home = client.get("/admin/").content.decode()
    assert "How the business is doing" in home
    assert "<svg" in home and "Week of" in home
    assert "/admin/accounts/profile/?state=active" in home
    assert "css/business_figures.css" in home
    owner_page = make_storefront("Owner Only Opticians")
    client.force_login(owner_page.owner)
    assert "How the business is doing" not in client.get("/admin/").content.decode()


def test_csv_export_applies_the_current_filters(client, seeded):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.get("/admin/accounts/profile/?state=active&export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    body = body or response.content.decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("Business Name,Email,Contact Email")
    assert sorted(line.split(",")[0] for line in lines[1:]) == [
        "Cedar Cafe",
        "Dogwood Deli",
        "Hazel Hats",
    ]


def test_the_figures_cost_a_fixed_number_of_queries(seeded, django_assert_max_num_queries):
    # One query per figure group, whatever the number of owners.
    with django_assert_max_num_queries(7):
        business_figures()
    ProfileFactory.create_batch(5)
    with django_assert_max_num_queries(7):
        business_figures()
