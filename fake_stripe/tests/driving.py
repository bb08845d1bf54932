"""How the stand-in's tests drive it: the real Stripe SDK, plain HTTP, and a small catalogue."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import stripe

# The stand-in's own test keys: it accepts whichever it is started with.
API_KEY = "sk_test_mintkit_offline_stand_in"
WEBHOOK_SECRET = "whsec_mintkit_offline_stand_in"
DAY = 86_400


def sdk(server, **options):
    options.setdefault("max_network_retries", 0)
    return stripe.StripeClient(API_KEY, base_addresses={"api": server.base_url}, **options)


# No proxies and no redirects followed: the tests look at the stand-in's own answers.
_NO_REDIRECTS = type(
    "NoRedirects",
    (urllib.request.HTTPRedirectHandler,),
    {"redirect_request": lambda *args: None},
)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NO_REDIRECTS)


def http(url, form=None, headers=None):
    """(status, headers, body text) for a GET, or a form POST when ``form`` is given."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=5) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, answer.read().decode()


def api_json(server, path, form=None):
    auth = {"Authorization": f"Bearer {API_KEY}"}
    status, _, body = http(server.base_url + path, form, auth)
    assert status == 200, body
    return json.loads(body)


def monthly_price(product_id, unit_amount, **more):
    """The params of a monthly price in pounds, as sync_stripe_plans sends them, and ``more``."""
    return {
        "product": product_id,
        "unit_amount": unit_amount,
        "currency": "gbp",
        "recurring": {"interval": "month"},
        **more,
    }


def in_threads(work, count=8):
    """``work(number)`` on ``count`` threads at once, numbered from 0; the exceptions raised."""
    errors = []

    def run(number):
        try:
            work(number)
        except Exception as exc:  # noqa: BLE001  (returned for the test to assert on)
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def make_catalog(stripe_client):
    """Two monthly plans in pounds and a customer, as sync_stripe_plans and checkout make them."""
    product = stripe_client.v1.products.create(
        params={"name": "Studio Monthly", "metadata": {"mintkit_plan": "studio-monthly"}}
    )
    price = stripe_client.v1.prices.create(
        params=monthly_price(
            product.id,
            1900,
            lookup_key="studio-monthly",
            metadata={"mintkit_plan": "studio-monthly"},
        )
    )
    pro = stripe_client.v1.products.create(params={"name": "Studio Pro"})
    pro_price = stripe_client.v1.prices.create(params=monthly_price(pro.id, 4900))
    customer = stripe_client.v1.customers.create(
        params={"email": "owner@example.com", "name": "Iron Temple Gym", "metadata": {"p": "3"}}
    )
    return {"product": product, "price": price, "pro_price": pro_price, "customer": customer}


def checkout_params(catalog, trial_days=14):
    params = {
        "mode": "subscription",
        "customer": catalog["customer"].id,
        "client_reference_id": "3",
        "line_items": [{"price": catalog["price"].id, "quantity": 1}],
        "metadata": {"profile_id": "3", "plan": "studio-monthly"},
        "subscription_data": {"metadata": {"profile_id": "3", "plan": "studio-monthly"}},
        "success_url": "http://127.0.0.1:8000/billing/success/?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "http://127.0.0.1:8000/billing/cancel/",
    }
    if trial_days:
        params["subscription_data"]["trial_period_days"] = trial_days
    return params


def subscribe(server, client, catalog, trial_days=14):
    session = client.v1.checkout.sessions.create(params=checkout_params(catalog, trial_days))
    server.complete_checkout(session.id)
    return server.state.checkout_sessions[session.id]["subscription"]
