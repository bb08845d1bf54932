"""Telling the Studio when an owner's access changes: signed webhooks, delivered with retries.

The Studio learns an owner's access when it exchanges a launch code; from then on every change
of the access rule's answer (allowed, reason or until) becomes one ``AccessWebhook`` row, written
in the same transaction as the change that caused it, and a task delivers it. A failed delivery
is tried again with growing gaps for up to three days: by a deferred task when the tasks backend
can run one later, else by the scheduled ``send_studio_webhooks`` command.
"""

import http.client
import json
import logging
import secrets
import urllib.error
import urllib.request
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import Profile
from billing.access import studio_access

from . import signing
from .models import AccessWebhook, MintKitAccess

logger = logging.getLogger(__name__)

GRANTED = "access.granted"
REVOKED = "access.revoked"
CHANGED = "access.changed"
# The reason sent when the owner deleted their account: the Studio may forget them for good.
ACCOUNT_DELETED = "account_deleted"

RETRY_FOR = timedelta(days=3)
FIRST_RETRY_AFTER = timedelta(minutes=1)
LONGEST_RETRY_GAP = timedelta(hours=12)
DELIVERY_TIMEOUT_SECONDS = 10


def unix(moment):
    return int(moment.timestamp()) if moment else None


def change_type(was_allowed, allowed):
    if allowed and not was_allowed:
        return GRANTED
    if was_allowed and not allowed:
        return REVOKED
    return CHANGED


def record_access_change(record, allowed, reason, until, now, *, save=True):
    """Compare the access with what the Studio knows of ``record``; on a change, store an event.

    The caller holds ``record`` locked (or is deleting it). Returns the new AccessWebhook, or
    None when nothing changed, the Studio does not know this owner yet, or no webhook URL is set.
    """
    if record.known_allowed is None:
        return None
    known = (record.known_allowed, record.known_reason, unix(record.known_until))
    if known == (allowed, reason, unix(until)):
        return None
    kind = change_type(record.known_allowed, allowed)
    record.known_allowed, record.known_reason, record.known_until = allowed, reason, until
    if save:
        record.save(update_fields=["known_allowed", "known_reason", "known_until"])
    if not settings.MINTKIT_STUDIO_WEBHOOK_URL:
        return None
    event_id = f"evt_{secrets.token_hex(12)}"
    data = {"sub": str(record.external_id), "allowed": allowed, "reason": reason}
    data["until"] = unix(until)
    body = {"id": event_id, "type": kind, "created": unix(now), "data": data}
    webhook = AccessWebhook.objects.create(
        event_id=event_id,
        type=kind,
        sub=record.external_id,
        body=json.dumps(body, separators=(",", ":")),
        created_at=now,
        next_attempt_at=now,
    )
    logger.info("Studio webhook %s: %s for %s (%s)", event_id, kind, record.external_id, reason)
    transaction.on_commit(partial(schedule_delivery, webhook.pk, now))
    return webhook


def announce_access_change(profile_id, now=None):
    """Send a webhook if ``profile_id``'s access is no longer what the Studio was told."""
    now = now or timezone.now()
    # Inside the transaction of the change that caused it (a sync, a profile save), without a
    # savepoint of its own: a failure here fails that change too, as it should.
    with transaction.atomic(savepoint=False):
        record = MintKitAccess.objects.select_for_update().filter(profile_id=profile_id).first()
        if record is None or record.known_allowed is None:
            return None
        access = studio_access(Profile.objects.get(pk=profile_id), now)
        return record_access_change(record, access.allowed, access.reason, access.until, now)


def announce_account_deleted(record, now=None):
    """The owner's account is being deleted: tell the Studio their access is gone for good.

    Called for the record's pre_delete (studio/signals.py), inside the deletion's transaction, so
    the event exists exactly when the deletion happened.
    """
    now = now or timezone.now()
    return record_access_change(record, False, ACCOUNT_DELETED, None, now, save=False)


def announce_ended_access(now=None):
    """Find owners whose access the Studio was told ends by now (sign-up trials, mostly).

    Nothing else notices time passing, so the scheduled command calls this. Returns the events.
    """
    now = now or timezone.now()
    due = MintKitAccess.objects.filter(known_allowed=True, known_until__lte=now)
    events = [announce_access_change(pid, now) for pid in due.values_list("profile_id", flat=True)]
    return [event for event in events if event is not None]


# --- delivery ---------------------------------------------------------------------------------


@task()
def deliver_access_webhook(webhook_id):
    attempt_delivery(webhook_id)


def schedule_delivery(webhook_id, when):
    """Enqueue an attempt at ``when``; a backend that cannot wait leaves it to the command."""
    deliver = deliver_access_webhook
    if when > timezone.now():
        if not deliver.get_backend().supports_defer:
            return
        deliver = deliver.using(run_after=when)
    deliver.enqueue(webhook_id)


def retry_gap(attempts):
    """1, 3, 9, 27 minutes... up to 12 hours between attempts."""
    return min(FIRST_RETRY_AFTER * 3 ** (attempts - 1), LONGEST_RETRY_GAP)


def claim_attempt(webhook_id, now):
    """Take a due delivery for one attempt, or None if it is not due, taken or settled.

    Its next attempt time moves on before the call is made, so a second runner (a worker and the
    command at once) leaves it alone. An event with a newer one for the same owner is not sent:
    the newer one carries the whole current access.
    """
    with transaction.atomic():
        webhook = (
            AccessWebhook.objects.select_for_update(skip_locked=True)
            .filter(pk=webhook_id, state=AccessWebhook.State.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if webhook is None:
            return None
        if AccessWebhook.objects.filter(sub=webhook.sub, pk__gt=webhook.pk).exists():
            webhook.state = AccessWebhook.State.SUPERSEDED
            webhook.next_attempt_at = None
            webhook.save(update_fields=["state", "next_attempt_at"])
            return None
        webhook.attempts += 1
        webhook.last_attempt_at = now
        webhook.next_attempt_at = min(now + retry_gap(webhook.attempts), give_up_at(webhook))
        webhook.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at"])
        return webhook


def give_up_at(webhook):
    return webhook.created_at + RETRY_FOR


def attempt_delivery(webhook_id, now=None):
    """Post one due webhook to the Studio and record how it went; returns the webhook or None."""
    now = now or timezone.now()
    webhook = claim_attempt(webhook_id, now)
    if webhook is None:
        return None
    error = post(webhook.body.encode())
    if error is None:
        webhook.state = AccessWebhook.State.DELIVERED
        webhook.delivered_at = timezone.now()
        webhook.next_attempt_at = None
        webhook.last_error = ""
        logger.info("Studio webhook %s delivered", webhook.event_id)
    else:
        webhook.last_error = error
        if now >= give_up_at(webhook):
            webhook.state = AccessWebhook.State.FAILED
            webhook.next_attempt_at = None
            logger.error("Studio webhook %s failed for 3 days; giving up: %s", webhook, error)
        else:
            logger.warning(
                "Studio webhook %s not delivered (try %d): %s", webhook, webhook.attempts, error
            )
    webhook.save(update_fields=["state", "delivered_at", "next_attempt_at", "last_error"])
    if webhook.state == AccessWebhook.State.PENDING:
        schedule_delivery(webhook.pk, webhook.next_attempt_at)
    return webhook


def send_due_webhooks(now=None):
    """Attempt every pending webhook whose time has come; returns how many were attempted."""
    now = now or timezone.now()
    due = AccessWebhook.objects.filter(state=AccessWebhook.State.PENDING, next_attempt_at__lte=now)
    attempted = [
        attempt_delivery(pk, now) for pk in due.order_by("pk").values_list("pk", flat=True)
    ]
    return sum(1 for webhook in attempted if webhook is not None)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failed delivery: the signed body must reach the configured address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def post(body):
    """POST the signed ``body`` to MINTKIT_STUDIO_WEBHOOK_URL; None when it answered 2xx."""
    url = settings.MINTKIT_STUDIO_WEBHOOK_URL
    if not url or not url.startswith(("http://", "https://")):
        return f"MINTKIT_STUDIO_WEBHOOK_URL is not an http(s) address: {url!r}"
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            signing.HEADER: signing.signature_header(body),
            "User-Agent": "MintKit-Hub-Webhooks/1.0",
        },
    )
    try:
        with _OPENER.open(request, timeout=DELIVERY_TIMEOUT_SECONDS) as response:
            response.read(1024)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code} from the Studio"
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        return f"could not reach the Studio: {exc}"
    return None
