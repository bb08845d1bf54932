"""The signed hand-off to MintKit Studio: record the launch, mint a short-lived JWT."""

import uuid
from datetime import timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

import jwt
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from billing.access import studio_access

from .models import MintKitAccess

ISSUER = "mintkit-hub"
AUDIENCE = "mintkit-studio"
TOKEN_LIFETIME = timedelta(minutes=2)


class StudioClosed(Exception):
    """The owner may not open the Studio now; ``access`` says why."""

    def __init__(self, access):
        super().__init__(access.explanation)
        self.access = access


def launch_token(access_record, profile, access, now):
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(access_record.external_id),
        "business_name": profile.business_name,
        "email": profile.contact_email,
        "access_reason": access.reason,
        "access_until": int(access.until.timestamp()) if access.until else None,
        "iat": int(now.timestamp()),
        "exp": int((now + TOKEN_LIFETIME).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, settings.MINTKIT_SHARED_SECRET, algorithm="HS256")


def studio_url_with(token):
    """MINTKIT_STUDIO_URL with ``token`` added to whatever query it already has."""
    parts = urlsplit(settings.MINTKIT_STUDIO_URL)
    query = f"{parts.query}&" if parts.query else ""
    return urlunsplit(parts._replace(query=query + urlencode({"token": token})))


def launch_studio(profile):
    """Record a launch and return the Studio address carrying a fresh token; StudioClosed if not."""
    now = timezone.now()
    access = studio_access(profile, now)
    if not access.allowed:
        raise StudioClosed(access)
    with transaction.atomic():
        record, _ = MintKitAccess.objects.get_or_create(profile=profile)
        MintKitAccess.objects.filter(pk=record.pk, first_accessed_at__isnull=True).update(
            first_accessed_at=now
        )
        MintKitAccess.objects.filter(pk=record.pk).update(
            last_accessed_at=now, launch_count=F("launch_count") + 1
        )
    return studio_url_with(launch_token(record, profile, access, now))
