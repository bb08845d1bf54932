"""The MintKit-Signature scheme and the launch token's checks, written from the contract."""

import hashlib
import hmac
import time

import jwt

TOLERANCE_SECONDS = 300


def sign(body, secret, timestamp=None):
    """``t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`` for ``body`` (bytes)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def check(header, body, secret, now=None):
    """Why ``header`` does not sign ``body``, or None when it does."""
    if not header:
        return "no MintKit-Signature header"
    fields = [part.strip().partition("=") for part in header.split(",")]
    timestamps = [value for key, _, value in fields if key == "t"]
    signatures = [value for key, _, value in fields if key == "v1"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or not signatures:
        return "malformed MintKit-Signature header"
    timestamp = int(timestamps[0])
    now = int(time.time()) if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return f"timestamp {now - timestamp} s away from now (more than {TOLERANCE_SECONDS} s)"
    expected = sign(body, secret, timestamp).partition(",v1=")[2].encode()
    if not any(hmac.compare_digest(expected, candidate.encode()) for candidate in signatures):
        return "signature does not match (wrong secret or changed body)"
    return None


def verified_claims(token, secret):
    """The claims of the Hub's launch token, checked as a Studio checks them (signature, expiry,
    audience, issuer); jwt.InvalidTokenError when any check fails."""
    return jwt.decode(
        token, secret, algorithms=["HS256"], audience="mintkit-studio", issuer="mintkit-hub"
    )
