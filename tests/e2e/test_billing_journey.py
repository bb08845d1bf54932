"""The paid journey in a browser: plan, stand-in checkout, success, dashboard, portal, cancel."""

import re
import uuid

from playwright.sync_api import expect

from .journeys import serious_accessibility_violations, sign_up


def test_owner_subscribes_then_cancels_at_period_end(journey, hub):
    j = journey()
    page = j.page
    sign_up(page, f"pay-{uuid.uuid4().hex[:8]}@example.com", "Paid Up Pilates")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    page.get_by_role("link", name="Choose a plan").click()
    expect(page.get_by_role("heading", name="Starter")).to_be_visible()
    assert serious_accessibility_violations(page) == [], "/billing/plans/"
    j.snap("plans")
    page.get_by_role("button", name="Choose Starter").click()

    # Stripe's hosted checkout (the offline stand-in).
    expect(page).to_have_url(re.compile(r"/checkout/cs_test_"))
    expect(page.get_by_text("no real money", exact=False).first).to_be_visible()
    j.snap("stand-in checkout")
    page.get_by_role("button", name="Pay with test card").click()

    expect(page).to_have_url(re.compile(r"/billing/success/\?session_id=cs_test_"))
    expect(page.get_by_test_id("free-period")).to_contain_text("nothing to pay until then")
    assert serious_accessibility_violations(page) == [], "/billing/success/"
    j.snap("success with free period")

    page.get_by_role("link", name="Go to your dashboard").click()
    expect(page.get_by_test_id("subscription-plan")).to_have_text("Starter")
    expect(page.get_by_test_id("subscription-status")).to_have_text("Free period")
    j.snap("dashboard subscribed")

    page.get_by_role("button", name="Manage subscription").click()
    expect(page.get_by_role("heading", name="Manage your subscription")).to_be_visible()
    page.get_by_role("button", name="Cancel at period end").click()
    expect(page.get_by_text("Yes, it ends on", exact=False)).to_be_visible()
    j.snap("portal cancelled at period end")
    page.get_by_role("link", name="Return to MintKit Hub").click()

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_test_id("subscription-ends")).not_to_be_empty()
    expect(page.get_by_text("Your subscription is set to end on", exact=False)).to_be_visible()
    j.snap("dashboard shows end date")

    page.get_by_role("link", name="Studio", exact=True).click()
    expect(page.get_by_role("button", name="Open MintKit Studio")).to_be_visible()
    assert serious_accessibility_violations(page) == [], "/studio/"
    j.snap("studio as subscriber")
