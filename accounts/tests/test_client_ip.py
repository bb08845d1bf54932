"""allauth's per-IP limits count the real client behind our proxy, and only behind it."""

import pytest
from django.urls import reverse

from .factories import PASSWORD, ProfileFactory

pytestmark = pytest.mark.django_db

ROUTER = "10.1.2.3"  # REMOTE_ADDR of every request: the proxy in front of the web process


def fail_logins(client, count, forwarded_for):
    for n in range(count):
        # A different account each time, so only the per-IP limit can trigger.
        client.post(
            reverse("account_login"),
            {"login": f"nobody{n}@example.com", "password": "wrong"},
            REMOTE_ADDR=ROUTER,
            HTTP_X_FORWARDED_FOR=forwarded_for(n),
        )


def log_in(client, profile, forwarded_for):
    return client.post(
        reverse("account_login"),
        {"login": profile.user.email, "password": PASSWORD},
        REMOTE_ADDR=ROUTER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_one_proxy_an_attacker_does_not_block_other_clients(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    profile = ProfileFactory()
    fail_logins(client, 12, lambda n: "203.0.113.9")
    response = log_in(client, profile, "198.51.100.7")
    assert response.status_code == 302, "an innocent client behind the same router was blocked"


@pytest.mark.parametrize(
    ("proxy_count", "attacker_header", "login_header"),
    [
        # Behind one proxy the client writes its own X-Forwarded-For; the router appends the
        # address it saw, and only that one counts.
        (1, lambda n: f"192.0.2.{n}, 203.0.113.9", "192.0.2.200, 203.0.113.9"),
        # Without a proxy the header is the client's own invention: the peer address counts.
        (0, lambda n: f"192.0.2.{n}", "198.51.100.7"),
    ],
    ids=["behind-one-proxy", "without-a-proxy"],
)
def test_the_attacker_is_limited_whatever_they_put_in_the_header(
    client, settings, proxy_count, attacker_header, login_header
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxy_count
    profile = ProfileFactory()
    fail_logins(client, 12, attacker_header)
    response = log_in(client, profile, login_header)
    assert "Too many failed login attempts" in response.content.decode()


def test_a_shorter_header_than_the_proxy_count_falls_back_to_the_peer_address(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    profile = ProfileFactory()
    response = log_in(client, profile, "198.51.100.7")
    assert response.status_code == 302
