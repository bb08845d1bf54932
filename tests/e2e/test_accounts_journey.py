"""A visitor becomes an owner: sign up, dashboard, log out, log in; every page accessible."""

import re
import uuid

from playwright.sync_api import expect

from .journeys import log_in, serious_accessibility_violations, sign_up


def test_visitor_signs_up_lands_on_dashboard_logs_out_and_back_in(journey):
    j = journey()
    page = j.page
    email = f"owner-{uuid.uuid4().hex[:8]}@example.com"

    sign_up(page, email, "Sunrise Yoga Studio")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Sunrise Yoga Studio")
    j.snap("signed up, on dashboard")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    j.snap("logged out")

    log_in(page, email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_test_id("business-name")).to_have_text("Sunrise Yoga Studio")
    j.snap("logged back in")


def test_core_pages_have_no_serious_accessibility_violations(journey):
    j = journey()
    page = j.page
    for path in ["/", "/accounts/signup/", "/accounts/login/"]:
        page.goto(path)
        assert serious_accessibility_violations(page) == [], path
        j.snap(f"axe {path}")

    sign_up(page, f"axe-{uuid.uuid4().hex[:8]}@example.com", "Axe Checked Bakery")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    assert serious_accessibility_violations(page) == [], "/dashboard/"
    j.snap("axe dashboard")


def test_restricted_pages_send_anonymous_visitors_to_log_in(journey):
    page = journey().page
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/$"))
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))


def test_an_owner_without_a_storefront_opening_the_admin_lands_on_the_dashboard(journey):
    j = journey()
    page = j.page
    sign_up(page, f"no-shop-{uuid.uuid4().hex[:8]}@example.com", "Not Yet Florist")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("You don't have a storefront yet.")).to_be_visible()
    j.snap("admin sends an owner without a storefront to the dashboard")
    # Any other admin address is simply not there for them: no loop, no log-in page.
    response = page.goto("/admin/pages/")
    assert response.status == 404
