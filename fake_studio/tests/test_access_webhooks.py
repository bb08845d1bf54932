"""The Studio stand-in verifies the Hub's access webhooks, lists every one, and keeps the newest."""

import json
import urllib.request

import pytest

from fake_studio.server import FakeStudioServer
from fake_studio.signing import sign

from .browsing import browser, read

# The stand-in's own test secret (it signs and checks with whichever it is started with), and a
# Hub address where nothing listens: these tests never reach a Hub.
SECRET = "a-stand-in-test-secret-of-more-than-32-chars"
NO_HUB = "http://127.0.0.1:9"


@pytest.fixture
def stand_in():
    with FakeStudioServer(NO_HUB, SECRET) as server:
        yield server


def post_webhook(stand_in, event, secret=SECRET):
    body = json.dumps(event).encode()
    request = urllib.request.Request(
        f"{stand_in.base_url}/webhooks",
        data=body,
        headers={"MintKit-Signature": sign(body, secret)},
    )
    return read(browser(), request)[0]


def access_event(event_id, created, allowed, reason):
    return {
        "id": event_id,
        "type": "access.granted" if allowed else "access.revoked",
        "created": created,
        "data": {"sub": "owner-1", "allowed": allowed, "reason": reason, "until": None},
    }


def test_a_webhook_with_a_bad_signature_is_refused_and_listed(stand_in):
    event = access_event("evt_1", 1, False, "none")

    assert post_webhook(stand_in, event, secret="a-wrong-secret-of-more-than-32-chars") == 400

    _, html = read(browser(), f"{stand_in.base_url}/")
    assert "refused: signature does not match" in html
    assert "owner-1" not in stand_in.access


def test_a_late_retry_of_an_older_webhook_does_not_undo_a_newer_one(stand_in):
    assert post_webhook(stand_in, access_event("evt_2", 200, False, "none")) == 200
    assert post_webhook(stand_in, access_event("evt_1", 100, True, "subscription")) == 200

    assert stand_in.access["owner-1"]["allowed"] is False
    assert [webhook["verification"] for webhook in stand_in.webhooks] == ["verified", "verified"]


def test_it_answers_its_health_check_and_shows_that_nobody_is_signed_in(stand_in):
    assert read(browser(), f"{stand_in.base_url}/healthz") == (200, '{"status": "ok"}')
    status, html = read(browser(), f"{stand_in.base_url}/")
    assert status == 200
    assert "Nobody is signed in" in html
