"""The only door to Stripe: every call the Hub makes goes through here, on stripe.StripeClient."""

import json
import logging
import time
from contextvars import ContextVar
from datetime import date
from functools import cache, partial
from urllib.parse import quote

import requests
import stripe
from django.conf import settings

logger = logging.getLogger(__name__)


class PaymentServiceError(Exception):
    """Stripe could not do what we asked; ``user_message`` is safe to show an owner."""

    def __init__(self, user_message, *, declined=False):
        super().__init__(user_message)
        self.user_message = user_message
        self.declined = declined


class InvalidWebhook(Exception):
    """A webhook request that is not a correctly signed, recent Stripe event."""


UNAVAILABLE = (
    "We couldn't reach our payment provider just now. Nothing was charged and nothing changed; "
    "please try again in a few minutes."
)
DECLINED = "Your card was declined. Nothing was charged; please try another card."


# When the current web request must be done with Stripe (time.monotonic()), or None outside one.
_deadline = ContextVar("stripe_deadline", default=None)


def start_request_budget(**_signal_kwargs):
    """Give the request that starts now STRIPE_REQUEST_BUDGET_SECONDS for all its Stripe calls."""
    _deadline.set(time.monotonic() + settings.STRIPE_REQUEST_BUDGET_SECONDS)


def end_request_budget(**_signal_kwargs):
    _deadline.set(None)


def _worst_back_off(retries):
    """The longest the SDK sleeps before ``retries`` retries (0.5 s, 1 s, 2 s, ... up to 5 s)."""
    return sum(
        min(stripe.HTTPClient.INITIAL_DELAY * 2 ** (n - 1), stripe.HTTPClient.MAX_DELAY)
        for n in range(1, retries + 1)
    )


def attempt_plan(remaining=None):
    """(timeout per attempt, retries) for the next call, so that together they fit ``remaining``.

    None when not even a one-second attempt fits any more.
    """
    timeout = settings.STRIPE_TIMEOUT_SECONDS
    retries = settings.STRIPE_MAX_NETWORK_RETRIES
    if remaining is None:
        return timeout, retries
    timeout = min(timeout, int(remaining))
    if timeout < 1:
        return None
    while retries and (retries + 1) * timeout + _worst_back_off(retries) > remaining:
        retries -= 1
    return timeout, retries


def _http_session(api_base):
    """The HTTP session for Stripe, with the environment's proxy for ``api_base`` read once.

    A default requests session re-reads every environment variable and ~/.netrc on each call:
    a third of the CPU a webhook cost in bin/bench's burst. The address never changes, so the
    proxy the environment names for it (HTTPS_PROXY, NO_PROXY) is looked up once per process.
    """
    session = requests.Session()
    session.trust_env = False
    session.proxies = requests.utils.get_environ_proxies(api_base)
    return session


@cache
def _client(api_key, api_base, retries, timeout):
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base},
        max_network_retries=retries,
        http_client=stripe.RequestsClient(timeout=timeout, session=_http_session(api_base)),
    )


def client():
    """A StripeClient for the configured keys, held to what is left of the request's budget."""
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentServiceError("Payments are not set up yet. Please contact MintKit support.")
    deadline = _deadline.get()
    plan = attempt_plan(None if deadline is None else deadline - time.monotonic())
    if plan is None:
        logger.error(
            "Stripe time budget of %s s for this request is spent; not calling Stripe again",
            settings.STRIPE_REQUEST_BUDGET_SECONDS,
        )
        raise PaymentServiceError(UNAVAILABLE)
    timeout, retries = plan
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, retries, timeout)


def call(what, operation):
    """Run ``operation`` (a Stripe call); turn any Stripe failure into a PaymentServiceError."""
    try:
        return operation()
    except stripe.CardError as exc:
        logger.warning("Stripe declined %s: %s", what, exc.user_message or exc)
        raise PaymentServiceError(DECLINED, declined=True) from exc
    except stripe.StripeError as exc:
        logger.error("Stripe call failed (%s): %s %s", what, type(exc).__name__, exc)
        raise PaymentServiceError(UNAVAILABLE) from exc


def create_customer(*, email, name, profile_id):
    # No fixed idempotency key: Stripe would replay a failure for 24 hours. The caller holds a
    # lock on the profile instead, and the SDK adds its own key to its network retries.
    return call(
        "create customer",
        lambda: client().v1.customers.create(
            params={"email": email, "name": name, "metadata": {"profile_id": str(profile_id)}}
        ),
    )


def create_checkout_session(
    *, customer_id, price_id, profile_id, plan_slug, trial_days, success_url, cancel_url
):
    params = {
        "mode": "subscription",
        "customer": customer_id,
        "client_reference_id": str(profile_id),
        "line_items": [{"price": price_id, "quantity": 1}],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "metadata": {"profile_id": str(profile_id), "plan": plan_slug},
        "subscription_data": {"metadata": {"profile_id": str(profile_id), "plan": plan_slug}},
    }
    if trial_days:
        params["subscription_data"]["trial_period_days"] = trial_days
    return call("create checkout session", lambda: client().v1.checkout.sessions.create(params))


def expire_open_checkout_sessions(customer_id):
    """Make every still-open Checkout of this customer unpayable; returns how many there were."""
    sessions = call(
        "list open checkout sessions",
        lambda: client().v1.checkout.sessions.list(
            params={"customer": customer_id, "status": "open", "limit": 100}
        ),
    )
    open_ids = [session.id for session in sessions.auto_paging_iter()]
    for session_id in open_ids:
        call("expire checkout session", partial(client().v1.checkout.sessions.expire, session_id))
    return len(open_ids)


def retrieve_checkout_session(session_id):
    return call(
        "retrieve checkout session",
        lambda: client().v1.checkout.sessions.retrieve(session_id),
    )


def retrieve_subscription(subscription_id):
    """Stripe's current state of the subscription, as a plain dict (the webhook payload shape).

    Read raw: the SDK's typed object would only be turned back into this dict, and building it
    cost as much CPU as the rest of a webhook's Stripe call.
    """
    path = f"/v1/subscriptions/{quote(subscription_id, safe='')}"
    return call("retrieve subscription", lambda: client().raw_request("get", path).data)


def create_portal_session(*, customer_id, return_url):
    return call(
        "create billing portal session",
        lambda: client().v1.billing_portal.sessions.create(
            params={"customer": customer_id, "return_url": return_url}
        ),
    )


def find_product(plan_slug):
    """The Stripe Product made for this plan earlier, found by its metadata, or None."""
    products = call(
        "list products", lambda: client().v1.products.list(params={"limit": 100, "active": True})
    )
    for product in products.auto_paging_iter():
        metadata = product.metadata.to_dict() if product.metadata else {}
        if metadata.get("mintkit_plan") == plan_slug:
            return product
    return None


def daily_key(*parts):
    """An idempotency key that dedupes repeats today, without replaying a failure for ever."""
    return "-".join(["mintkit", *map(str, parts), date.today().isoformat()])


def create_product(*, plan_slug, name, description):
    params = {"name": name, "metadata": {"mintkit_plan": plan_slug}}
    if description:
        params["description"] = description
    return call(
        "create product",
        lambda: client().v1.products.create(
            params=params, options={"idempotency_key": daily_key("product", plan_slug)}
        ),
    )


def find_price(*, product_id, amount, currency, interval):
    """An active Price of this product with exactly this amount and interval, or None."""
    prices = call(
        "list prices",
        lambda: client().v1.prices.list(params={"product": product_id, "active": True}),
    )
    for price in prices.auto_paging_iter():
        recurring = price.recurring
        if (
            price.unit_amount == amount
            and price.currency == currency
            and recurring
            and recurring.interval == interval
        ):
            return price
    return None


def create_price(*, product_id, plan_slug, amount, currency, interval):
    key = daily_key("price", plan_slug, amount, currency, interval)
    return call(
        "create price",
        lambda: client().v1.prices.create(
            params={
                "product": product_id,
                "unit_amount": amount,
                "currency": currency,
                "recurring": {"interval": interval},
                "metadata": {"mintkit_plan": plan_slug},
            },
            options={"idempotency_key": key},
        ),
    )


# A Stripe event's envelope, as the columns that store it can hold it: ids and types are short
# ASCII, ``created`` a Unix time in the years datetime can represent.
MAX_EVENT_ID_LENGTH = 255
MAX_EVENT_TYPE_LENGTH = 100
LATEST_UNIX_TIME = 253402300799  # 9999-12-31T23:59:59Z


def _holds_nul(value, payload):
    """Whether a parsed JSON value has a NUL in any string or key (PostgreSQL can't store one).

    UTF-8 JSON can only carry a NUL as the escape ``\\u0000``, so a UTF-8 body without one has
    none to find (a UTF-16 or UTF-32 body has NUL bytes, and is searched).
    """
    if b"\\u0000" not in payload and b"\x00" not in payload:
        return False
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _is_event(event, payload):
    if not isinstance(event, dict) or event.get("object") != "event":
        return False
    event_id, event_type, created = event.get("id"), event.get("type"), event.get("created")
    data = event.get("data")
    return (
        isinstance(event_id, str)
        and 0 < len(event_id) <= MAX_EVENT_ID_LENGTH
        and isinstance(event_type, str)
        and 0 < len(event_type) <= MAX_EVENT_TYPE_LENGTH
        and type(created) is int
        and 0 <= created <= LATEST_UNIX_TIME
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
        and not _holds_nul(event, payload)
    )


def verified_event(payload, signature_header):
    """The event in a webhook body (a dict), if Stripe's signature over it is valid and recent."""
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature_header, settings.STRIPE_WEBHOOK_SECRET, tolerance=300
        )
        event = json.loads(payload)
    except stripe.SignatureVerificationError as exc:
        raise InvalidWebhook(f"bad signature: {exc}") from exc
    except ValueError as exc:  # not JSON (or not UTF-8)
        raise InvalidWebhook(f"body is not JSON: {exc}") from exc
    except RecursionError as exc:  # JSON nested deeper than Python's parser goes
        raise InvalidWebhook("body is nested too deeply to be a Stripe event") from exc
    if not _is_event(event, payload):
        raise InvalidWebhook("body is not a Stripe event")
    return event


def live_subscription_ids(customer_id):
    """Ids of the customer's subscriptions that Stripe could still charge (not yet ended)."""
    subscriptions = call(
        "list customer subscriptions",
        lambda: client().v1.subscriptions.list(params={"customer": customer_id, "limit": 100}),
    )
    return [
        subscription.id
        for subscription in subscriptions.auto_paging_iter()
        if subscription.status not in ("canceled", "incomplete_expired")
    ]


def cancel_subscription(subscription_id):
    """End the subscription now: no further invoices, no proration credit."""
    return call(
        "cancel subscription",
        partial(client().v1.subscriptions.cancel, subscription_id),
    )


def update_customer_email(customer_id, email):
    """Where Stripe sends the owner's receipts and invoices."""
    return call(
        "update customer email",
        lambda: client().v1.customers.update(customer_id, params={"email": email}),
    )
