"""The hand-off to MintKit Studio: a one-time code in the launch redirect, a JWT for the code."""

import hashlib
import logging
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

import jwt
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from billing.access import studio_access

from .access_webhooks import unix
from .models import LaunchCode, MintKitAccess

logger = logging.getLogger(__name__)

ISSUER = "mintkit-hub"
AUDIENCE = "mintkit-studio"
TOKEN_LIFETIME = timedelta(minutes=2)
CODE_LIFETIME = timedelta(seconds=60)
CODE_BYTES = 32  # 256 bits of randomness: far beyond guessing within a minute


class StudioClosed(Exception):
    """The owner may not open the Studio now; ``access`` says why."""

    def __init__(self, access):
        super().__init__(access.explanation)
        self.access = access


class InvalidCode(Exception):
    """The code is unknown, used, expired, or its owner has no access any more."""


def code_hash(code):
    # The code is random and long, so a plain SHA-256 is enough to make a stolen table useless.
    return hashlib.sha256(code.encode()).hexdigest()


def token_claims(access_record, profile, access, now):
    return {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(access_record.external_id),
        "business_name": profile.business_name,
        "email": profile.contact_email,
        "access_reason": access.reason,
        "access_until": unix(access.until),
        "iat": int(now.timestamp()),
        "exp": int((now + TOKEN_LIFETIME).timestamp()),
        "jti": uuid.uuid4().hex,
    }


def studio_url_with(code):
    """MINTKIT_STUDIO_URL with ``code`` added to whatever query it already has."""
    parts = urlsplit(settings.MINTKIT_STUDIO_URL)
    query = f"{parts.query}&" if parts.query else ""
    return urlunsplit(parts._replace(query=query + urlencode({"code": code})))


def launch_studio(profile):
    """Record a launch and return the Studio address carrying a fresh one-time code.

    Raises StudioClosed when the owner has no access. The address holds nothing personal: the
    Studio swaps the code for the owner's details server to server (``exchange_code``).
    """
    now = timezone.now()
    access = studio_access(profile, now)
    if not access.allowed:
        raise StudioClosed(access)
    code = secrets.token_urlsafe(CODE_BYTES)
    with transaction.atomic():
        record, _ = MintKitAccess.objects.get_or_create(profile=profile)
        MintKitAccess.objects.filter(pk=record.pk, first_accessed_at__isnull=True).update(
            first_accessed_at=now
        )
        MintKitAccess.objects.filter(pk=record.pk).update(
            last_accessed_at=now, launch_count=F("launch_count") + 1
        )
        # Spent codes are only kept until the owner's next launch.
        LaunchCode.objects.filter(access=record, expires_at__lte=now).delete()
        LaunchCode.objects.create(
            access=record, code_hash=code_hash(code), created_at=now, expires_at=now + CODE_LIFETIME
        )
    return studio_url_with(code)


def claim_code(code, now):
    """Mark the code used and return its launch record; exactly one caller can win a code.

    One conditional UPDATE does it: when two exchanges race, the database lets one change the
    row and the other then finds it already used.
    """
    if not isinstance(code, str) or not code or len(code) > 200:
        raise InvalidCode
    hashed = code_hash(code)
    claimed = LaunchCode.objects.filter(
        code_hash=hashed, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if claimed != 1:
        raise InvalidCode
    return LaunchCode.objects.get(code_hash=hashed).access_id


def exchange_code(code):
    """The Studio's side of the hand-off: a used-once code in, ``(token, claims)`` out.

    Raises InvalidCode for an unknown, used or expired code, or when the owner's access ended
    since the launch. The access given in the token becomes what the Studio is known to have
    been told, so later webhooks describe changes from it.
    """
    now = timezone.now()
    with transaction.atomic():
        access_id = claim_code(code, now)
    with transaction.atomic():
        record = MintKitAccess.objects.select_for_update().get(pk=access_id)
        profile = record.profile
        access = studio_access(profile, now)
        if not access.allowed:
            logger.info("Launch code for %s refused: access ended (%s)", access_id, access.reason)
            raise InvalidCode
        record.known_allowed, record.known_reason = True, access.reason
        record.known_until = access.until
        record.save(update_fields=["known_allowed", "known_reason", "known_until"])
    claims = token_claims(record, profile, access, now)
    token = jwt.encode(claims, settings.MINTKIT_SHARED_SECRET, algorithm="HS256")
    return token, claims
