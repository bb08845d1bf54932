"""The original manual test checklist, every item in one browser run, with a screenshot per step.

Screenshots: artifacts/e2e/test_original_manual_checklist-*/NN-step.png (kept by CI).
"""

import re
import uuid

from playwright.sync_api import expect

from .journeys import expire_trial, log_in, sign_up


def test_original_manual_checklist(journey, hub):
    owner = journey("owner")
    page = owner.page
    suffix = uuid.uuid4().hex[:6]
    email = f"checklist-{suffix}@example.com"

    # 1. Register a new business owner.
    sign_up(page, email, f"Checklist Cafe {suffix}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, Checklist Cafe {suffix}")
    owner.snap("1 registered")

    # 2. Log out and in.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    log_in(page, email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    owner.snap("2 logged out and in")

    # 3. Update the profile.
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Business name").fill(f"Checklist Coffee {suffix}")
    page.get_by_label("Contact email").fill(f"hello-{suffix}@example.com")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your business profile is saved.")).to_be_visible()
    expect(page.get_by_test_id("business-name")).to_have_text(f"Checklist Coffee {suffix}")
    owner.snap("3 profile updated")

    # 4. Create a storefront and view it publicly while active.
    # The dashboard's button creates it, named after the business, and opens the editor.
    page.get_by_role("button", name="Create your storefront").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page.goto("/dashboard/")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("storefront-state")).to_contain_text("Live")
    owner.snap("4 storefront live")
    public_path = f"/storefront/checklist-coffee-{suffix}/"
    visitor = journey("visitor")
    assert visitor.page.goto(public_path).status == 200
    expect(visitor.page.get_by_role("heading", level=1)).to_contain_text("Checklist Coffee")
    visitor.snap("4 public sees the storefront")

    # 5. Make it inactive and verify the public cannot see it.
    page.get_by_role("button", name="Unpublish").click()
    expect(page.get_by_test_id("storefront-state")).to_contain_text("Not public")
    assert visitor.page.goto(public_path).status == 404
    visitor.snap("5 public gets not found")

    # 6. See the Studio button as a trial user.
    page.get_by_role("link", name="Studio", exact=True).click()
    expect(page.get_by_role("button", name="Open MintKit Studio")).to_be_visible()
    expect(page.get_by_test_id("studio-access")).to_contain_text("free trial")
    owner.snap("6 studio as trial user")

    # 7. Start the subscription from the dashboard and complete the test payment.
    page.goto("/dashboard/")
    page.get_by_role("link", name="Choose a plan").click()
    page.get_by_role("button", name="Choose Starter").click()
    page.get_by_role("button", name="Pay with test card").click()
    expect(page.get_by_test_id("free-period")).to_contain_text("nothing to pay until then")
    owner.snap("7 payment complete")
    page.goto("/dashboard/")
    expect(page.get_by_test_id("subscription-status")).to_have_text("Free period")
    owner.snap("7 dashboard status updated")

    # 8. See the Studio button as a subscriber (the sign-up trial is over).
    expire_trial(hub, email)
    page.goto("/studio/")
    expect(page.get_by_test_id("studio-access")).to_have_attribute("data-access", "subscription")
    expect(page.get_by_role("button", name="Open MintKit Studio")).to_be_visible()
    owner.snap("8 studio as subscriber")

    # 9. A user with neither a trial nor a subscription cannot open the Studio.
    lapsed = journey("lapsed")
    lapsed_email = f"lapsed-{suffix}@example.com"
    sign_up(lapsed.page, lapsed_email, f"Lapsed Laundry {suffix}")
    expire_trial(hub, lapsed_email)
    lapsed.page.goto("/studio/")
    expect(lapsed.page.get_by_role("button", name="Open MintKit Studio")).to_have_count(0)
    expect(lapsed.page.get_by_test_id("studio-access")).to_contain_text("trial has ended")
    expect(lapsed.page.get_by_role("link", name="See plans")).to_be_visible()
    lapsed.snap("9 no studio without access")
    response = lapsed.page.request.post(
        f"{hub.url}/studio/launch/",
        headers={"X-CSRFToken": csrf_token(lapsed.page), "Referer": f"{hub.url}/studio/"},
        max_redirects=0,
    )
    assert response.status == 403

    # 10. Restricted pages redirect anonymous visitors to log-in.
    anonymous = journey("anonymous")
    for path in ["/dashboard/", "/dashboard/profile/", "/studio/", "/admin/"]:
        anonymous.page.goto(path)
        expect(anonymous.page).to_have_url(re.compile(r"/accounts/login/\?next="))
        anonymous.snap(f"10 anonymous {path} redirected to log-in")


def csrf_token(page):
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
