"""The webhook burst: real events for 50 subscriptions, 30 % duplicates, shuffled, 8 senders.

Runs inside bin/bench's process (Django set up with bench settings) against the gunicorn it
started and an offline Stripe stand-in process; afterwards every event must be stored once and
every subscription equal to the stand-in's.
"""

import http.client
import json
import random
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from io import StringIO

SUBSCRIPTIONS = 50
DELIVERIES = 1000
DUPLICATE_SHARE = 0.3
SENDERS = 8
# Each step emits the events Stripe would (subscription updated, invoices failed and paid, ...).
PORTAL_ACTIONS = ("fail_payment", "retry_payment", "cancel_at_period_end", "resume") * 2


def start_stand_in(python, project, port):
    """The offline Stripe stand-in as its own process, keeping events to itself (no webhooks)."""
    return subprocess.Popen(
        [python, "manage.py", "fake_stripe", "--port", str(port), "--webhook-url", ""]
        + ["--state-file", ""],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stand_in_api(base, path, form=None):
    from django.conf import settings

    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(
        f"{base}{path}",
        data=data,
        headers={"Authorization": f"Bearer {settings.FAKE_STRIPE_SECRET_KEY}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """The hosted pages answer with a redirect to the Hub's success page: not followed here."""

    def redirect_request(self, *args, **kwargs):
        return None


def post_form(url, form):
    data = urllib.parse.urlencode(form).encode()
    opener = urllib.request.build_opener(KeepRedirects)
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as answer:  # the 303 itself
        if answer.code != 303:
            raise
        return answer.code


def make_subscriptions(stand_in_base):
    """50 seeded owners subscribe at the stand-in and go through a few portal actions."""
    from django.core.management import call_command

    from accounts.models import Profile
    from billing import gateway
    from billing.checkout import ensure_customer
    from billing.models import BillingCustomer, Subscription, SubscriptionPlan

    call_command("sync_stripe_plans", stdout=StringIO())
    plan = SubscriptionPlan.objects.filter(active=True).exclude(stripe_price_id="").first()
    profiles = Profile.objects.filter(user__email__endswith="@seed.mintkit.invalid")[:SUBSCRIPTIONS]
    # The stand-in starts empty each run: forget customers a previous run made in it.
    Subscription.objects.filter(profile__in=profiles).delete()
    BillingCustomer.objects.filter(profile__in=profiles).delete()
    subscription_ids = []
    for profile in profiles:
        session = gateway.create_checkout_session(
            customer_id=ensure_customer(profile),
            price_id=plan.stripe_price_id,
            profile_id=profile.pk,
            plan_slug=plan.slug,
            trial_days=plan.free_period_days,
            success_url="http://127.0.0.1/billing/success/?session_id={CHECKOUT_SESSION_ID}",
            cancel_url="http://127.0.0.1/billing/cancel/",
        )
        post_form(f"{stand_in_base}/checkout/{session.id}/pay", {})
        subscription_id = stand_in_api(stand_in_base, f"/v1/checkout/sessions/{session.id}")[
            "subscription"
        ]
        portal = stand_in_api(
            stand_in_base,
            "/v1/billing_portal/sessions",
            {"customer": session.customer, "return_url": "http://127.0.0.1/dashboard/"},
        )
        for action in PORTAL_ACTIONS:
            post_form(
                f"{stand_in_base}/billing_portal/{portal['id']}/actions",
                {"subscription": subscription_id, "action": action},
            )
        subscription_ids.append(subscription_id)
    return subscription_ids


def all_events(stand_in_base):
    events, after = [], None
    while True:
        query = "limit=100" + (f"&starting_after={after}" if after else "")
        page = stand_in_api(stand_in_base, f"/v1/events?{query}")
        events += page["data"]
        if not page["has_more"]:
            return events
        after = page["data"][-1]["id"]


def deliveries(events):
    """1,000 deliveries: unique events and 30 % repeats of them, shuffled (seeded)."""
    rng = random.Random(2026)  # noqa: S311 (a reproducible order, not a secret)
    unique_count = min(len(events), round(DELIVERIES * (1 - DUPLICATE_SHARE)))
    unique = rng.sample(events, unique_count)
    repeats = [rng.choice(unique) for _ in range(DELIVERIES - unique_count)]
    batch = unique + repeats
    rng.shuffle(batch)
    return unique, batch


def signed(event):
    """One delivery as Stripe sends it: the JSON body and its Stripe-Signature header."""
    import stripe
    from django.conf import settings

    body = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(
        body, settings.STRIPE_WEBHOOK_SECRET, timestamp=int(time.time())
    )
    return body.encode(), header


def send(address, delivery):
    """POST one signed delivery on a connection of its own, as Stripe does.

    A new connection each time, not a kept-alive one: gunicorn's workers then share the
    deliveries as they accept them, instead of each keeping the senders it happened to accept
    first (with kept-alive connections one worker did up to twice the other's work).
    """
    body, header = delivery
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.request(
            "POST",
            "/billing/webhook/",
            body=body,
            # Said, since it is so: gunicorn then closes it at once instead of keeping it.
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": header,
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_burst(web_base, stand_in_base):
    """Returns the figures of one burst: events/s, errors, and whether the state converged."""
    from billing.models import StripeEvent, Subscription
    from billing.sync import stripe_state

    subscription_ids = make_subscriptions(stand_in_base)
    unique, batch = deliveries(all_events(stand_in_base))
    # Signed and encoded before the clock starts: the figure is the Hub's, not the sender's.
    requests = [signed(event) for event in batch]
    address = urllib.parse.urlsplit(web_base)
    started = time.perf_counter()
    with ThreadPoolExecutor(SENDERS) as pool:
        statuses = list(pool.map(partial(send, address), requests))
    seconds = time.perf_counter() - started
    stored_once = StripeEvent.objects.filter(
        stripe_event_id__in=[e["id"] for e in unique]
    ).count() == len(unique)
    equal = 0
    for subscription_id in subscription_ids:
        expected = stripe_state(stand_in_api(stand_in_base, f"/v1/subscriptions/{subscription_id}"))
        stored = Subscription.objects.filter(stripe_subscription_id=subscription_id).first()
        if stored and {name: getattr(stored, name) for name in expected} == expected:
            equal += 1
    return {
        "deliveries": len(batch),
        "unique": len(unique),
        "rate": len(batch) / seconds,
        "errors": sum(1 for status in statuses if status != 200),
        "stored_once": stored_once,
        "equal": equal,
        "subscriptions": len(subscription_ids),
    }
