"""The stand-in's hosted pages: plain, accessible HTML for checkout, the portal and its status."""

import base64
import hashlib
from datetime import UTC, datetime
from html import escape
from urllib.parse import urlsplit

from .state import PORTAL_ACTIONS, now

_SYMBOLS = {"gbp": "£", "usd": "$", "eur": "€"}
# Currencies Stripe counts in whole units rather than hundredths.
_ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx",
                 "vnd", "vuv", "xaf", "xof", "xpf"}  # fmt: skip

STATUS_LABELS = {
    "trialing": "Free trial",
    "active": "Active",
    "past_due": "Payment overdue",
    "unpaid": "Unpaid",
    "paused": "Paused",
    "canceled": "Cancelled",
    "incomplete": "Incomplete",
    "incomplete_expired": "Expired",
}

DONE_MESSAGES = {
    "cancel_at_period_end": "Your subscription will end at the end of the current period.",
    "resume": "Your subscription will carry on; it is no longer set to end.",
    "cancel_now": "Your subscription has been cancelled.",
    "switch_price": "Your plan has been changed.",
    "end_trial": "Your free trial has ended and the first payment was taken (test money).",
    "trial_will_end": "Sent the “trial will end” notice.",
    "fail_payment": "Simulated a failed payment: the subscription is now overdue.",
    "retry_payment": "Simulated a successful payment retry: the subscription is active again.",
    "pause": "Your subscription is paused.",
    "unpause": "Your subscription is active again.",
}

_CSS = """
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; }
main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
.notice { background: #fff4ce; border: 2px solid #8a6d00; padding: .75rem 1rem; }
.done { background: #e6f4ea; border: 2px solid #1e7e34; padding: .75rem 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
section { border-top: 1px solid #999; margin-top: 1.5rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: 1rem 0; }
form { margin: 0; }
button { font: inherit; padding: .5rem 1rem; border: 2px solid #14532d; border-radius: .25rem;
         background: #14532d; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #14532d; }
button:focus-visible, a:focus-visible, select:focus-visible { outline: 3px solid #1d4ed8;
         outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ccc; }
"""


def money(amount, currency):
    code = currency.lower()
    value = f"{amount:,}" if code in _ZERO_DECIMAL else f"{amount / 100:,.2f}"
    symbol = _SYMBOLS.get(code)
    return f"{symbol}{value}" if symbol else f"{value} {code.upper()}"


# The stand-in's pages carry a strict policy, like the Hub's: their one stylesheet is inline and
# allowed by its hash (the same on every page); no script at all; forms post here, then the
# checkout's 303 leads back to the Hub, so its origin is allowed too.
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()


def content_security_policy(returns_to=()):
    """The Content-Security-Policy of a page whose forms may lead on to ``returns_to`` URLs."""
    origins = sorted({f"{p.scheme}://{p.netloc}" for p in map(urlsplit, returns_to) if p.netloc})
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src 'sha256-{_CSS_HASH}'",
            "img-src 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            " ".join(["form-action 'self'", *origins]),
        ]
    )


def day(timestamp):
    moment = datetime.fromtimestamp(timestamp, UTC)
    return f"{moment.day} {moment:%B %Y}"


def price_text(price):
    amount = money(price["unit_amount"], price["currency"])
    recurring = price["recurring"]
    if not recurring:
        return amount
    count, interval = recurring["interval_count"], recurring["interval"]
    return f"{amount} per {interval}" if count == 1 else f"{amount} every {count} {interval}s"


def document(title, notice, body, status=200):
    """A whole page; ``notice`` says up front that this is test money, on every page."""
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — MintKit test payments</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<p class="notice" role="note"><strong>{escape(notice)} — no real money.</strong>
This page is MintKit's offline Stripe stand-in: nothing is charged and no card details are
needed.</p>
{body}
</main>
</body>
</html>
"""
    return status, html


def _rows(pairs):
    return "\n".join(f"<dt>{escape(term)}</dt><dd>{escape(value)}</dd>" for term, value in pairs)


def not_found(what):
    return document(
        "Link not found",
        "MintKit test checkout",
        f"<h1>This {escape(what)} link has expired or does not exist</h1>\n"
        "<p>Go back to MintKit Hub and start again; nothing was charged.</p>",
        status=404,
    )


def problem(message, back_url):
    return document(
        "That did not work",
        "MintKit test billing portal",
        f"<h1>That did not work</h1>\n<p>{escape(message)}</p>\n"
        f'<p><a href="{escape(back_url)}">Back</a></p>',
        status=409,
    )


def checkout(state, session):
    order = state.checkout_orders[session["id"]]
    lines = order["line_items"]
    names = ", ".join(state.product_name(line["price"]["product"]) for line in lines)
    prices = "; ".join(price_text(line["price"]) for line in lines)
    trial_days = order["trial_period_days"]
    total = money(session["amount_total"], session["currency"])
    if trial_days:
        # The free period starts when the customer pays, so count it from today.
        first_payment = day(now() + trial_days * 86_400)
        free_period = (
            f"{trial_days} days free: nothing to pay today; the first payment of {total} "
            f"is taken on {first_payment}"
        )
        due_today = money(0, session["currency"])
    else:
        free_period = "None: the first payment is taken today"
        due_today = total
    customer = state.customers.get(session["customer"]) or {}
    details = _rows(
        [
            ("Plan", names),
            ("Price", prices),
            ("Free period", free_period),
            ("Due today", due_today),
            ("Customer", customer.get("email") or customer.get("name") or session["customer"]),
        ]
    )
    action = f"/checkout/{escape(session['id'])}"
    body = f"""<h1>Subscribe to {escape(names)}</h1>
<dl>
{details}
</dl>
<p>Paying uses Stripe's test card 4242 4242 4242 4242; you do not need to type anything.</p>
<div class="actions">
<form method="post" action="{action}/pay"><button type="submit">Pay with test card</button></form>
<form method="post" action="{action}/cancel">
<button type="submit" class="secondary">Cancel</button></form>
</div>"""
    return document(f"Subscribe to {names}", "MintKit test checkout", body)


def checkout_complete(session):
    success = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"])
    return document(
        "Already paid",
        "MintKit test checkout",
        "<h1>This checkout is already complete</h1>\n"
        f'<p><a href="{escape(success)}">Continue to MintKit Hub</a></p>',
    )


def checkout_cancelled():
    return document(
        "Checkout cancelled",
        "MintKit test checkout",
        "<h1>Checkout cancelled</h1>\n<p>Nothing was charged. You can close this tab.</p>",
    )


def _subscription_section(state, portal_id, subscription):
    sub_id = escape(subscription["id"])
    items = subscription["items"]["data"]
    names = ", ".join(state.product_name(item["price"]["product"]) for item in items)
    pairs = [
        ("Plan", names),
        ("Price", "; ".join(price_text(item["price"]) for item in items)),
        ("Status", STATUS_LABELS.get(subscription["status"], subscription["status"])),
    ]
    if subscription["status"] == "trialing":
        pairs.append(("Free trial ends", day(subscription["trial_end"])))
    if subscription["status"] == "canceled":
        pairs.append(("Ended", day(subscription["ended_at"])))
    else:
        pairs.append(("Current period ends", day(max(i["current_period_end"] for i in items))))
        pairs.append(
            (
                "Cancels at period end",
                f"Yes, it ends on {day(subscription['cancel_at'])}"
                if subscription["cancel_at_period_end"]
                else "No",
            )
        )
    forms = []
    target = f"/billing_portal/{escape(portal_id)}/actions"
    hidden = f'<input type="hidden" name="subscription" value="{sub_id}">'
    for action in state.available_actions(subscription):
        label = escape(PORTAL_ACTIONS[action])
        fields = f'{hidden}<input type="hidden" name="action" value="{action}">'
        if action == "switch_price":
            options = "".join(
                f'<option value="{escape(p["id"])}">'
                f"{escape(state.product_name(p['product']))} — {escape(price_text(p))}</option>"
                for p in state.switchable_prices(subscription)
            )
            fields += (
                f'<label for="price-{sub_id}">New plan</label> '
                f'<select id="price-{sub_id}" name="price">{options}</select>'
            )
        css = ' class="secondary"' if action.startswith(("cancel", "fail")) else ""
        forms.append(
            f'<form method="post" action="{target}">{fields}'
            f'<button type="submit"{css}>{label}</button></form>'
        )
    return f"""<section aria-labelledby="title-{sub_id}">
<h2 id="title-{sub_id}">{escape(names)}</h2>
<dl>
{_rows(pairs)}
</dl>
<div class="actions">
{chr(10).join(forms)}
</div>
</section>"""


def portal(state, portal_session, done=None):
    customer = state.customers.get(portal_session["customer"]) or {}
    subscriptions = sorted(
        (s for s in state.subscriptions.values() if s["customer"] == portal_session["customer"]),
        key=lambda s: s["created"],
        reverse=True,
    )
    sections = "\n".join(
        _subscription_section(state, portal_session["id"], s) for s in subscriptions
    )
    if not subscriptions:
        sections = "<p>You have no subscriptions yet.</p>"
    message = DONE_MESSAGES.get(done)
    flash = f'<p class="done" role="status">{escape(message)}</p>' if message else ""
    back = portal_session["return_url"]
    back_link = f'<p><a href="{escape(back)}">Return to MintKit Hub</a></p>' if back else ""
    who = customer.get("email") or customer.get("name") or portal_session["customer"]
    body = f"""<h1>Manage your subscription</h1>
{flash}
<p>Signed in as {escape(who)}.</p>
{sections}
{back_link}"""
    return document("Manage your subscription", "MintKit test billing portal", body)


def status(events, undelivered_ids, webhook_url):
    """The stand-in's front page: what it sent where, and a way to resend what failed."""

    def delivery(event):
        if not webhook_url:
            return "recorded only"
        if event["id"] in undelivered_ids:
            return "failed"
        return "pending" if event["pending_webhooks"] else "delivered"

    rows = "\n".join(
        f"<tr><td>{escape(e['type'])}</td><td>{escape(e['id'])}</td>"
        f"<td>{escape(e['data']['object'].get('id', ''))}</td><td>{delivery(e)}</td></tr>"
        for e in reversed(events[-50:])
    )
    target = escape(webhook_url) if webhook_url else "nowhere (events are only recorded)"
    redeliver = (
        '<form method="post" action="/webhooks/redeliver">'
        f'<button type="submit">Resend {len(undelivered_ids)} undelivered events</button></form>'
        if undelivered_ids
        else ""
    )
    body = f"""<h1>Offline Stripe stand-in</h1>
<p>Webhooks go to {target}. {len(events)} events so far, {len(undelivered_ids)} undelivered.</p>
{redeliver}
<table>
<caption>Latest events, newest first</caption>
<thead><tr><th scope="col">Type</th><th scope="col">Event</th><th scope="col">Object</th>
<th scope="col">Delivery</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>"""
    return document("Offline Stripe stand-in", "MintKit test payments", body)
