"""The Studio tab and launch for every access state, and the one-time code in the launch."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from accounts.tests.factories import UserFactory
from billing.tests.factories import ACCESS_STATES, owner_in_state
from studio.models import LaunchCode, MintKitAccess

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("label", "trial", "status", "allowed", "reason"), ACCESS_STATES)
def test_studio_page_and_launch_for_each_state(
    client, settings, label, trial, status, allowed, reason
):
    settings.MINTKIT_STUDIO_URL = "https://studio.example/"
    profile = owner_in_state(trial, status)
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
        assert f"{settings.TRIAL_DAYS} days left" in html

    launch = client.post("/studio/launch/")
    if allowed:
        assert launch.status_code == 303
        assert launch["Location"].startswith("https://studio.example/?code=")
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
    client.force_login(owner_in_state().user)
    assert client.get("/studio/launch/").status_code == 405


def test_launch_url_carries_only_a_one_time_code(client, settings):
    settings.MINTKIT_STUDIO_URL = "https://studio.example/open?src=hub"
    profile = owner_in_state(trial_active=True)
    client.force_login(profile.user)

    location = client.post("/studio/launch/")["Location"]

    assert location.startswith("https://studio.example/open?src=hub&code=")
    query = parse_qs(urlsplit(location).query)
    assert set(query) == {"src", "code"}
    assert len(query["code"][0]) >= 22  # at least 128 bits in URL-safe base64
    # Nothing personal, and nothing that identifies the owner, is in the address.
    record = MintKitAccess.objects.get(profile=profile)
    for personal in (profile.business_name, profile.contact_email, profile.user.email):
        assert personal not in unquote(location)
    assert str(record.external_id) not in location
    assert "." not in query["code"][0]  # not a JWT
    # Only a hash of the code is stored.
    assert LaunchCode.objects.get().code_hash != query["code"][0]


def test_every_launch_has_a_new_code_and_updates_the_record(client):
    profile = owner_in_state()
    client.force_login(profile.user)
    first = client.post("/studio/launch/")["Location"]
    record = MintKitAccess.objects.get(profile=profile)
    first_time = record.last_accessed_at
    second = client.post("/studio/launch/")["Location"]
    assert first != second
    record.refresh_from_db()
    assert record.launch_count == 2
    assert record.first_accessed_at == first_time
    assert record.last_accessed_at >= first_time


def test_dashboard_shows_the_studio_card(client):
    client.force_login(owner_in_state().user)
    html = client.get("/dashboard/").content.decode()
    assert 'data-testid="studio-card"' in html
    assert "Open MintKit Studio" in html


def test_nav_shows_the_studio_tab_to_owners_only(client):
    client.force_login(owner_in_state().user)
    assert 'href="/studio/">Studio</a>' in client.get("/dashboard/").content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert 'href="/studio/">Studio</a>' not in client.get("/dashboard/").content.decode()
    client.logout()
    assert 'href="/studio/">Studio</a>' not in client.get("/").content.decode()
