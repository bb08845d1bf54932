"""An owner deletes their account; a Staff member who is not a superuser manages a plan."""

import re
import uuid

from playwright.sync_api import expect

from .journeys import PASSWORD, log_in, serious_accessibility_violations, sign_up


def test_owner_deletes_their_account_and_everything_goes(journey, hub):
    j = journey()
    page = j.page
    email = f"leaving-{uuid.uuid4().hex[:8]}@example.com"
    long_name = "Lee's" + "GymAndSpa" * 12 + "&Co"  # 116 characters, no spaces
    sign_up(page, email, long_name)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280, "long name widens page"
    page.get_by_role("link", name="Choose a plan").click()
    page.get_by_role("button", name="Choose Starter").click()
    page.get_by_role("button", name="Pay with test card").click()
    expect(page.get_by_test_id("free-period")).to_contain_text("nothing to pay until then")
    slug = hub.shell(
        "from accounts.models import Profile; from storefront_pages.provisioning import "
        "provision_storefront; from storefront_pages.publishing import publish_storefront; "
        f"p = Profile.objects.get(user__email='{email}'); page = provision_storefront(p); "
        "publish_storefront(page, p.user); print(page.slug)"
    ).strip()
    assert page.goto(f"/storefront/{slug}/").status == 200

    page.goto("/accounts/email/")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_text("Starter subscription (free period) is cancelled now")).to_be_visible()
    assert serious_accessibility_violations(page) == [], "/accounts/delete/"
    j.snap("delete my account")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account now").click()
    expect(page.get_by_text("your subscription has ended", exact=False)).to_be_visible()
    j.snap("deleted")

    log_in(page, email)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert page.goto(f"/storefront/{slug}/").status == 404
    stand_in = hub.env["STRIPE_API_BASE"]
    page.goto(f"{stand_in}/")
    expect(page.get_by_text("customer.subscription.deleted").first).to_be_visible()
    j.snap("stand-in shows the subscription cancelled")


def test_staff_member_who_is_not_a_superuser_manages_a_plan(journey, hub):
    email = f"staff-{uuid.uuid4().hex[:8]}@example.com"
    hub.shell(
        "from django.contrib.auth import get_user_model; "
        "from accounts.roles import STAFF_GROUP_NAME, ensure_role; "
        f"u = get_user_model().objects.create_user('{email}', '{email}', '{PASSWORD}'); "
        "u.groups.add(ensure_role(STAFF_GROUP_NAME))"
    )
    j = journey()
    page = j.page
    log_in(page, email)
    page.goto("/admin/")
    expect(page.get_by_text("How the business is doing")).to_be_visible()
    j.snap("admin home with figures")
    page.goto("/admin/billing/subscriptionplan/")
    page.get_by_role("link", name="Starter", exact=True).first.click()
    page.get_by_role("textbox", name="Description").fill(
        "Everything a new business needs, now with QR codes."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Subscription plan 'Starter' updated.")).to_be_visible()
    j.snap("plan saved")
    page.goto("/billing/plans/")
    expect(page.get_by_text("now with QR codes")).to_be_visible()
