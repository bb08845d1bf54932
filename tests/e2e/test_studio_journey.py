"""The Studio hand-off offline: launch into the Studio stand-in, then see access revoked there."""

import re
import uuid

from playwright.sync_api import expect

from .journeys import expire_trial, sign_up


def test_owner_opens_the_studio_then_cancelling_revokes_it_there(journey, hub):
    j = journey()
    page = j.page
    suffix = uuid.uuid4().hex[:6]
    email = f"studio-{suffix}@example.com"
    business = f"Gift Card Gallery {suffix}"
    addresses = []
    page.on("request", lambda request: addresses.append(request.url))

    sign_up(page, email, business)
    page.get_by_role("link", name="Choose a plan").click()
    page.get_by_role("button", name="Choose Starter").click()
    page.get_by_role("button", name="Pay with test card").click()
    expect(page.get_by_test_id("free-period")).to_contain_text("nothing to pay until then")
    # The sign-up trial is over: from now on the subscription alone gives access.
    expire_trial(hub, email)

    page.goto("/studio/")
    j.snap("studio tab")
    page.get_by_role("button", name="Open MintKit Studio").click()

    expect(page).to_have_url(f"{hub.studio_url}/")
    signed_in = page.get_by_test_id("signed-in")
    expect(signed_in).to_contain_text(f"Signed in to MintKit Studio as {business}")
    expect(signed_in).to_contain_text("access subscription until")
    j.snap("signed in to the studio stand-in")
    launches = [url for url in addresses if url.startswith(f"{hub.studio_url}/?")]
    assert len(launches) == 1
    assert re.fullmatch(rf"{re.escape(hub.studio_url)}/\?code=[\w-]{{43}}", launches[0])
    for url in addresses:
        assert email.split("@")[0] not in url and suffix not in url, url

    page.goto("/dashboard/")
    page.get_by_role("button", name="Manage subscription").click()
    page.get_by_role("button", name="Cancel now").click()
    expect(page.get_by_text("Your subscription has been cancelled.")).to_be_visible()
    j.snap("cancelled now in the stripe stand-in")

    # The worker delivers the webhook a moment later: look again, as a person would reload.
    page.goto(f"{hub.studio_url}/")
    webhooks = page.get_by_test_id("webhooks")
    revoked = webhooks.get_by_role("row").filter(has_text="access.revoked")
    for _ in range(20):
        if revoked.count():
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(revoked).to_have_count(1)
    expect(revoked).to_contain_text("access none (no access)")
    expect(revoked).to_contain_text("verified")
    expect(page.get_by_test_id("access")).to_have_text("access none")
    j.snap("studio stand-in shows access revoked")
