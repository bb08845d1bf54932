"""The stand-in's pages: who is signed in, and every access webhook received."""

from datetime import UTC, datetime
from html import escape

_CSS = """
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; }
main { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
.notice { background: #e8f0fe; border: 2px solid #1d4ed8; padding: .75rem 1rem; }
.signed-in { background: #e6f4ea; border: 2px solid #1e7e34; padding: .75rem 1rem; }
.problem { background: #fdecea; border: 2px solid #a61b1b; padding: .75rem 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ccc;
         vertical-align: top; }
form { margin-top: 1rem; }
button { font: inherit; padding: .5rem 1rem; border: 2px solid #14532d; border-radius: .25rem;
         background: #14532d; color: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
"""


def day(timestamp):
    if timestamp is None:
        return None
    moment = datetime.fromtimestamp(timestamp, UTC)
    return f"{moment.day} {moment:%B %Y}"


def access_text(access):
    """``access <reason> until <date>``, in the contract's own words."""
    until = day(access.get("until"))
    return f"access {access['reason']}" + (f" until {until}" if until else "")


def document(title, body, status=200):
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · MintKit Studio (offline stand-in)</title><style>{_CSS}</style></head>
<body><main>
<p class="notice">Offline MintKit Studio stand-in: it plays the Studio's side of the hand-off
so you can see it work without the real Studio.</p>
{body}
</main></body></html>"""
    return status, html


def home(session, access, webhooks, refusing, hub_url):
    if session:
        signed_in = (
            f'<p class="signed-in" data-testid="signed-in">Signed in to MintKit Studio as '
            f"<strong>{escape(session['business_name'])}</strong> — "
            f'<span data-testid="access">{escape(access_text(access))}</span></p>'
            f"<p>Owner id (sub): <code>{escape(session['sub'])}</code>. "
            f"Email: {escape(session['email'] or '—')}.</p>"
            '<form method="post" action="/access"><button>Check access now</button></form>'
        )
        if session.get("checked"):
            signed_in += (
                f'<p data-testid="checked">The access API answered: '
                f"<code>{escape(session['checked'])}</code></p>"
            )
    else:
        signed_in = (
            f"<p>Nobody is signed in. Open the Studio from "
            f'<a href="{escape(hub_url)}/studio/">MintKit Hub</a>.</p>'
        )
    rows = "".join(
        f"<tr><td>{escape(item['received'])}</td><td><code>{escape(item['id'])}</code></td>"
        f"<td>{escape(item['type'])}</td><td>{escape(item['summary'])}</td>"
        f"<td>{escape(item['verification'])}</td></tr>"
        for item in reversed(webhooks)
    )
    table = (
        "<table><caption>Newest first</caption><thead><tr><th scope=col>Received</th>"
        "<th scope=col>Event</th><th scope=col>Type</th><th scope=col>Access</th>"
        f"<th scope=col>Verification</th></tr></thead><tbody>{rows}</tbody></table>"
        if webhooks
        else "<p>None yet.</p>"
    )
    refuse = "Accept webhooks again" if refusing else "Refuse webhooks (answer 503, to see retries)"
    return document(
        "Home",
        f"""<h1>MintKit Studio</h1>
{signed_in}
<section aria-labelledby="webhooks"><h2 id="webhooks">Access webhooks received</h2>
<div data-testid="webhooks">{table}</div>
<form method="post" action="/webhooks/refuse"><input type="hidden" name="refuse"
 value="{"off" if refusing else "on"}"><button>{refuse}</button></form></section>""",
    )


def problem(message, hub_url, status):
    return document(
        "Cannot sign you in",
        f"""<h1>MintKit Studio</h1><p class="problem" role="alert">{escape(message)}</p>
<p><a href="{escape(hub_url)}/studio/">Back to MintKit Hub</a></p>""",
        status,
    )
