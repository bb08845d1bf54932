"""The MintKit-Signature scheme shared with the Studio: HMAC-SHA256 of "<t>.<raw body>"."""

import hashlib
import hmac
import time

from django.conf import settings

HEADER = "MintKit-Signature"
# A signed request older (or further in the future) than this is refused: it may be a replay.
TOLERANCE_SECONDS = 300


class BadSignature(Exception):
    """The header is missing, malformed, stale, or signs something else."""


def digest(body, timestamp, secret):
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(body, timestamp=None, secret=None):
    """The header value for ``body`` (bytes): ``t=<unix>,v1=<hex>``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    secret = secret or settings.MINTKIT_SHARED_SECRET
    return f"t={timestamp},v1={digest(body, timestamp, secret)}"


def verify(header, body, now=None):
    """Raise BadSignature unless ``header`` signs ``body`` with our secret within the tolerance.

    Several ``v1=`` values are allowed (one per secret during a rotation); any match is enough.
    """
    if not header:
        raise BadSignature("missing")
    timestamp, candidates = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            timestamp = value
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not timestamp.isdigit() or not candidates:
        raise BadSignature("malformed")
    now = int(time.time()) if now is None else now
    if abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        raise BadSignature("stale timestamp")
    expected = digest(body, int(timestamp), settings.MINTKIT_SHARED_SECRET)
    # compare_digest on every candidate, so the time taken says nothing about which was close.
    matches = [hmac.compare_digest(expected.encode(), c.encode()) for c in candidates]
    if not any(matches):
        raise BadSignature("no matching signature")
