"""Owners' data rights: delete the account (password or two-factor code), download their data."""

import json
import time
from datetime import time as clock

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth import get_user_model

from accounts.models import Profile
from accounts.tests.factories import PASSWORD, UserFactory
from storefront_pages.models import OpeningHours, StorefrontLink
from storefront_pages.tests.factories import make_image, make_storefront
from studio.models import MintKitAccess

from .test_deletion import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_page():
    page = make_storefront("Lee's Gym & Spa", live=True, headline="Lift & relax")
    page.opening_hours.add(OpeningHours(weekday=0, opens=clock(6), closes=clock(22)))
    page.links.add(StorefrontLink(label="Book a class", url="https://example.com/book"))
    page.save_revision(user=page.owner).publish()
    return page


def test_delete_page_says_what_goes_and_asks_for_the_password(client, owner_page):
    client.force_login(owner_page.owner)
    response = client.get("/accounts/delete/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Lee&#x27;s Gym &amp; Spa" in text
    assert 'name="password"' in text
    assert "This cannot be undone" in text
    assert "/accounts/export/" in text


def test_wrong_password_deletes_nothing(client, owner_page):
    client.force_login(owner_page.owner)
    response = client.post("/accounts/delete/", {"password": "not-my-password"})
    assert response.status_code == 400
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    assert Profile.objects.filter(pk=owner_page.profile_id).exists()


def test_owner_deletes_their_account_and_cannot_log_in_again(client, owner_page, plan, fake_stripe):
    subscription = subscribe(client, owner_page.profile, plan, fake_stripe)
    email = owner_page.owner.email
    response = client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)
    assert "your subscription has ended" in response.content.decode()
    assert response.wsgi_request.user.is_anonymous
    stripe_copy = fake_stripe.state.subscriptions[subscription.stripe_subscription_id]
    assert stripe_copy["status"] == "canceled"
    assert not get_user_model().objects.filter(email=email).exists()
    assert client.get(f"/storefront/{owner_page.slug}/").status_code == 404
    login = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert login.status_code == 200  # the form again, with an error: no such account
    assert client.get("/dashboard/").status_code == 302


def test_with_stripe_down_the_owner_is_told_and_keeps_everything(
    client, owner_page, plan, fake_stripe
):
    subscribe(client, owner_page.profile, plan, fake_stripe)
    fake_stripe.fail_next("/v1/", status=500, count=5)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 503
    assert "Nothing was deleted" in response.content.decode()
    assert Profile.objects.filter(pk=owner_page.profile_id).exists()
    assert client.get("/dashboard/").status_code == 200


def test_an_owner_with_two_factor_confirms_with_a_code(client, owner_page):
    secret = generate_totp_secret()
    TOTP.activate(owner_page.owner, secret)
    client.force_login(owner_page.owner)
    form = client.get("/accounts/delete/").content.decode()
    assert 'name="code"' in form and 'name="password"' not in form
    refused = client.post("/accounts/delete/", {"code": "000000"})
    assert refused.status_code == 400
    assert Profile.objects.filter(pk=owner_page.profile_id).exists()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post("/accounts/delete/", {"code": code})
    assert not Profile.objects.filter(pk=owner_page.profile_id).exists()


def test_download_my_data_is_a_json_file_of_everything_kept(client, owner_page):
    profile = owner_page.profile
    make_image(profile.storefront_access.collection, "gym floor")
    MintKitAccess.objects.create(profile=profile, launch_count=3)
    client.force_login(owner_page.owner)
    response = client.get("/accounts/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mintkit-hub-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["business_profile"]["business_name"] == "Lee's Gym & Spa"
    assert data["account"]["email"] == owner_page.owner.email
    storefront = data["storefront"]
    assert storefront["headline"] == "Lift & relax"
    assert storefront["opening_hours"] == [
        {"day": "Monday", "closed": False, "opens": "06:00", "closes": "22:00"}
    ]
    assert storefront["links"] == [{"label": "Book a class", "url": "https://example.com/book"}]
    assert len(storefront["saved_versions"]) >= 2
    assert data["images"] == [{"title": "gym floor", "file": "gym-floor.png"}]
    assert data["studio_launches"]["count"] == 3
    assert data["subscriptions"] == []


def test_data_rights_pages_are_for_signed_in_owners_only(client):
    assert client.get("/accounts/export/")["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/delete/")["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory(username="staffer"))
    assert client.get("/accounts/export/").status_code == 403
    assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 403


def test_sign_up_and_delete_pages_say_what_is_kept_and_how_to_get_or_delete_it(client, owner_page):
    for url in ("/accounts/signup/", None):
        if url is None:
            client.force_login(owner_page.owner)
            url = "/accounts/delete/"
        notice = client.get(url).content.decode()
        assert 'data-testid="privacy-notice"' in notice, url
        for words in ("Download my data", "Delete my account", "never see your card"):
            assert words in notice, (url, words)
