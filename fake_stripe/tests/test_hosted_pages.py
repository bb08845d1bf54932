"""The hosted checkout and portal pages a developer clicks through."""

from .driving import (
    checkout_params,
    http,
    subscribe,
)


def test_hosted_checkout_page_shows_the_plan_and_pays_once(fake_stripe, stripe_client, catalog):
    session = stripe_client.v1.checkout.sessions.create(params=checkout_params(catalog))

    status, headers, html = http(session.url)

    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert '<html lang="en">' in html
    assert "<title>Subscribe to Studio Monthly" in html
    assert "MintKit test checkout — no real money" in html
    assert "£19.00 per month" in html
    assert "14 days free" in html
    assert '<button type="submit">Pay with test card</button>' in html
    assert ">Cancel</button>" in html

    status, headers, _ = http(f"{session.url}/pay", form={})
    assert status == 303
    assert headers["Location"] == (
        f"http://127.0.0.1:8000/billing/success/?session_id={session.id}"
    )
    again, headers, _ = http(f"{fake_stripe.base_url}/checkout/{session.id}/pay", form={})
    assert again == 303 and session.id in headers["Location"]
    assert len(fake_stripe.state.subscriptions) == 1
    assert "already complete" in http(f"{fake_stripe.base_url}/checkout/{session.id}")[2]


def test_hosted_checkout_cancel_and_dead_links(fake_stripe, stripe_client, catalog):
    session = stripe_client.v1.checkout.sessions.create(params=checkout_params(catalog))

    status, headers, _ = http(f"{session.url}/cancel", form={})
    assert (status, headers["Location"]) == (303, "http://127.0.0.1:8000/billing/cancel/")
    assert fake_stripe.state.checkout_sessions[session.id]["status"] == "open"

    stripe_client.v1.checkout.sessions.expire(session.id)
    for url in (session.url, f"{fake_stripe.base_url}/checkout/cs_test_unknown"):
        status, _, html = http(url)
        assert status == 404
        assert "expired or does not exist" in html
    assert http(f"{session.url}/pay", form={})[0] == 404
    assert fake_stripe.state.subscriptions == {}


def test_hosted_portal_page_lists_subscriptions_and_its_buttons_work(
    fake_stripe, stripe_client, catalog
):
    subscription_id = subscribe(fake_stripe, stripe_client, catalog)
    portal = stripe_client.v1.billing_portal.sessions.create(
        params={"customer": catalog["customer"].id, "return_url": "http://127.0.0.1:8000/dash/"}
    )
    assert portal.url == f"{fake_stripe.base_url}/billing_portal/{portal.id}"

    status, _, html = http(portal.url)
    assert status == 200
    assert '<html lang="en">' in html and "no real money" in html
    assert "Studio Monthly" in html and "Free trial" in html
    assert "Cancels at period end</dt><dd>No" in html
    assert '<label for="price-' in html and "Studio Pro — £49.00 per month" in html
    assert '<a href="http://127.0.0.1:8000/dash/">Return to MintKit Hub</a>' in html

    form = {"subscription": subscription_id, "action": "cancel_at_period_end"}
    status, headers, _ = http(f"{portal.url}/actions", form=form)
    assert (status, headers["Location"]) == (
        303,
        f"/billing_portal/{portal.id}?done=cancel_at_period_end",
    )
    assert fake_stripe.events[-1]["type"] == "customer.subscription.updated"
    html = http(fake_stripe.base_url + headers["Location"])[2]
    assert "Cancels at period end</dt><dd>Yes, it ends on" in html
    assert "Don&#x27;t cancel" in html

    switch = {
        "subscription": subscription_id,
        "action": "switch_price",
        "price": catalog["pro_price"].id,
    }
    assert http(f"{portal.url}/actions", form=switch)[0] == 303
    item = fake_stripe.state.subscriptions[subscription_id]["items"]["data"][0]
    assert item["price"]["id"] == catalog["pro_price"].id

    assert http(f"{portal.url}/actions", form={**form, "action": "unpause"})[0] == 409
    stranger = stripe_client.v1.customers.create(params={"email": "stranger@example.com"})
    other = stripe_client.v1.billing_portal.sessions.create(params={"customer": stranger.id})
    assert http(f"{other.url}/actions", form=form)[0] == 409
    assert fake_stripe.state.subscriptions[subscription_id]["status"] == "trialing"
