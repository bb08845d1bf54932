"""Error monitoring: Sentry when SENTRY_DSN is set (nothing otherwise), personal data removed."""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.scrubber import DEFAULT_DENYLIST, DEFAULT_PII_DENYLIST, EventScrubber

# Field names whose values never leave the Hub, on top of Sentry's own lists (passwords, tokens,
# cookies, IP addresses): what an owner typed about themselves and their business.
PERSONAL_FIELDS = [
    "email",
    "contact_email",
    "login",
    "business_name",
    "name",
    "phone",
    "address",
    "code",
    "session_id",
    "stripe_signature",
    "mintkit_signature",
]


def drop_personal_data(event, hint):
    """Keep what helps debugging (the path, the error) and drop what identifies an owner."""
    request = event.get("request") or {}
    request.pop("data", None)  # form and JSON bodies: profile fields, passwords, webhook payloads
    request.pop("cookies", None)
    request.pop("query_string", None)  # ?q= searches, ?session_id=, ?next=
    user = event.get("user") or {}
    event["user"] = {"id": user["id"]} if "id" in user else {}
    return event


def start_monitoring(dsn, *, environment, release, traces_sample_rate):
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        release=release,
        send_default_pii=False,
        event_scrubber=EventScrubber(
            denylist=[*DEFAULT_DENYLIST, *DEFAULT_PII_DENYLIST, *PERSONAL_FIELDS], recursive=True
        ),
        before_send=drop_personal_data,
        traces_sample_rate=traces_sample_rate,
    )
