"""The Studio tab and launch for every access state, and the signed hand-off token."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import time_machine
from django.utils import timezone

from accounts.tests.factories import ProfileFactory, UserFactory
from billing.tests.factories import SubscriptionFactory
from studio.models import MintKitAccess

pytestmark = pytest.mark.django_db
SECRET = "test-only-mintkit-shared-secret-32-bytes-plus"


def owner(trial_active=True, status=None):
    now = timezone.now()
    ends = now + timedelta(days=5) if trial_active else now - timedelta(days=1)
    profile = ProfileFactory(created_at=ends - timedelta(days=14), trial_ends_at=ends)
    if status:
        SubscriptionFactory(profile=profile, status=status)
    return profile


STATES = [
    # (label, trial active, subscription status, access expected, reason)
    ("trial active", True, None, True, "signup_trial"),
    ("trial expired", False, None, False, "none"),
    ("trialing", False, "trialing", True, "subscription"),
    ("active", False, "active", True, "subscription"),
    ("past_due", False, "past_due", True, "past_due_grace"),
    ("canceled", False, "canceled", False, "none"),
    ("unpaid", False, "unpaid", False, "none"),
    ("incomplete", False, "incomplete", False, "none"),
    ("paused", False, "paused", False, "none"),
]


@pytest.mark.parametrize(("label", "trial", "status", "allowed", "reason"), STATES)
def test_studio_page_and_launch_for_each_state(
    client, settings, label, trial, status, allowed, reason
):
    settings.MINTKIT_STUDIO_URL = "https://studio.example/"
    profile = owner(trial, status)
    client.force_login(profile.user)

    page = client.get("/studio/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-access="{reason}"' in html
    assert ("Open MintKit Studio" in html) is allowed
    assert ('href="/billing/plans/"' in html) is (not allowed) or "See plans" not in html
    if status == "past_due":
        assert "Fix payment" in html
    if label == "trial active":
        assert "5 days left" in html

    launch = client.post("/studio/launch/")
    if allowed:
        assert launch.status_code == 303
        assert launch["Location"].startswith("https://studio.example/?token=")
        assert MintKitAccess.objects.get(profile=profile).launch_count == 1
    else:
        assert launch.status_code == 403
        assert "isn't available on your account" in launch.content.decode()
        assert not MintKitAccess.objects.filter(profile=profile, launch_count__gt=0).exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/studio/")["Location"] == "/accounts/login/?next=/studio/"
    assert client.post("/studio/launch/")["Location"].startswith("/accounts/login/")


def test_staff_without_profile_gets_a_clear_403(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/studio/").status_code == 403
    response = client.post("/studio/launch/")
    assert response.status_code == 403
    assert "business owners" in response.content.decode()


def test_launch_requires_post(client):
    client.force_login(owner().user)
    assert client.get("/studio/launch/").status_code == 405


def token_from(response):
    return parse_qs(urlsplit(response["Location"]).query)["token"][0]


def test_launch_token_verifies_and_carries_the_claims(client, settings):
    settings.MINTKIT_STUDIO_URL = "https://studio.example/open?src=hub"
    profile = owner(trial_active=True)
    client.force_login(profile.user)

    response = client.post("/studio/launch/")

    assert response["Location"].startswith("https://studio.example/open?src=hub&token=")
    claims = jwt.decode(
        token_from(response),
        SECRET,
        algorithms=["HS256"],
        audience="mintkit-studio",
        issuer="mintkit-hub",
    )
    record = MintKitAccess.objects.get(profile=profile)
    assert claims["sub"] == str(record.external_id)
    assert claims["sub"] != str(profile.pk)
    assert claims["business_name"] == profile.business_name
    assert claims["access_reason"] == "signup_trial"
    assert claims["access_until"] == int(profile.trial_ends_at.timestamp())
    assert 0 < claims["exp"] - claims["iat"] <= 120
    assert claims["jti"]


def test_every_launch_has_a_new_jti_and_updates_the_record(client):
    profile = owner()
    client.force_login(profile.user)
    first = token_from(client.post("/studio/launch/"))
    record = MintKitAccess.objects.get(profile=profile)
    first_time = record.last_accessed_at
    second = token_from(client.post("/studio/launch/"))
    options = {"verify_aud": False}
    jti1 = jwt.decode(first, SECRET, algorithms=["HS256"], options=options)["jti"]
    jti2 = jwt.decode(second, SECRET, algorithms=["HS256"], options=options)["jti"]
    assert jti1 != jti2
    record.refresh_from_db()
    assert record.launch_count == 2
    assert record.first_accessed_at == first_time
    assert record.last_accessed_at >= first_time


def test_tampered_token_fails_verification(client):
    client.force_login(owner().user)
    token = token_from(client.post("/studio/launch/"))
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload[:-2]}AA.{signature}"
    with pytest.raises(jwt.InvalidTokenError):
        jwt.decode(tampered, SECRET, algorithms=["HS256"], audience="mintkit-studio")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            token,
            "another-secret-of-at-least-32-bytes-long",
            algorithms=["HS256"],
            audience="mintkit-studio",
        )


def test_token_expires_after_two_minutes(client):
    client.force_login(owner().user)
    with time_machine.travel(timezone.now(), tick=False):
        token = token_from(client.post("/studio/launch/"))
    with (
        time_machine.travel(timezone.now() + timedelta(seconds=121)),
        pytest.raises(jwt.ExpiredSignatureError),
    ):
        jwt.decode(token, SECRET, algorithms=["HS256"], audience="mintkit-studio")


def test_dashboard_shows_the_studio_card(client):
    client.force_login(owner().user)
    html = client.get("/dashboard/").content.decode()
    assert 'data-testid="studio-card"' in html
    assert "Open MintKit Studio" in html


def test_nav_shows_the_studio_tab_to_owners_only(client):
    client.force_login(owner().user)
    assert 'href="/studio/">Studio</a>' in client.get("/dashboard/").content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert 'href="/studio/">Studio</a>' not in client.get("/dashboard/").content.decode()
    client.logout()
    assert 'href="/studio/">Studio</a>' not in client.get("/").content.decode()
