"""Log-in by email, the rate limit, and the single way into the admin."""

import pytest
from django.urls import reverse

from .factories import PASSWORD, ProfileFactory

pytestmark = pytest.mark.django_db


def test_owner_logs_in_with_email_and_lands_on_dashboard(client):
    profile = ProfileFactory()
    response = client.post(
        reverse("account_login"), {"login": profile.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_login_form_asks_for_email_not_username(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'type="email"' in html
    assert "Username" not in html


def test_login_rate_limit_triggers_after_repeated_failures(client):
    profile = ProfileFactory()
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": profile.user.email, "password": "wrong"})
        assert "Too many failed login attempts" not in response.content.decode()

    response = client.post(url, {"login": profile.user.email, "password": "wrong"})
    assert "Too many failed login attempts" in response.content.decode()
    # Even the right password is refused while the limit holds.
    response = client.post(url, {"login": profile.user.email, "password": PASSWORD})
    assert response.status_code != 302


def test_anonymous_dashboard_redirects_to_login_with_next(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dashboard/"


def test_anonymous_profile_page_redirects_to_login_with_next(client):
    response = client.get("/dashboard/profile/")
    assert response["Location"] == "/accounts/login/?next=/dashboard/profile/"


def test_admin_login_redirects_to_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_admin_home_sends_anonymous_visitors_to_allauth_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert response.status_code == 200


def test_admin_login_refuses_offsite_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert "evil.example" not in response["Location"]


def test_admin_password_reset_goes_to_allauth(client):
    response = client.get("/admin/password_reset/")
    assert response["Location"] == reverse("account_reset_password")


def test_django_admin_login_goes_to_allauth(client):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response["Location"] == "/accounts/login/?next=%2Fdjango-admin%2F"


def test_mfa_totp_is_available_to_owners(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Authenticator App" in html
    assert reverse("mfa_activate_totp") in html
