"""Sign-up creates one profile with the business name and a trial; bad input creates nothing."""

from datetime import timedelta

import pytest
from allauth.account.signals import user_signed_up
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile

from .factories import PASSWORD, ProfileFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_up(client, **overrides):
    data = {
        "business_name": "Bloom & Blade Salon",
        "email": "owner@bloom.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def test_sign_up_creates_one_profile_with_business_name_and_trial(client, settings):
    settings.TRIAL_DAYS = 14
    before = timezone.now()

    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    user = User.objects.get(email="owner@bloom.example")
    profile = Profile.objects.get(user=user)
    assert profile.business_name == "Bloom & Blade Salon"
    assert profile.contact_email == "owner@bloom.example"
    assert (
        before + timedelta(days=14) <= profile.trial_ends_at <= timezone.now() + timedelta(days=14)
    )
    assert Profile.objects.count() == 1


def test_trial_length_follows_trial_days(client, settings):
    settings.TRIAL_DAYS = 30
    sign_up(client)
    profile = Profile.objects.get()
    assert (profile.trial_ends_at - profile.created_at) == timedelta(days=30)


def test_dashboard_greets_new_owner_by_business_name(client):
    sign_up(client)
    response = client.get(reverse("dashboard"))
    assert "Welcome, Bloom &amp; Blade Salon" in response.content.decode()


def test_second_signal_delivery_creates_nothing_more(client):
    sign_up(client)
    user = User.objects.get()
    profile = Profile.objects.get()

    user_signed_up.send(sender=User, request=RequestFactory().get("/"), user=user)
    user_signed_up.send(sender=User, request=RequestFactory().get("/"), user=user)

    assert Profile.objects.count() == 1
    assert Profile.objects.get() == profile
    assert Profile.objects.get().business_name == "Bloom & Blade Salon"


def test_sign_up_without_form_still_gets_a_profile():
    """Another sign-up path (e.g. a social login) that only sends the signal."""
    user = User.objects.create_user("social", "social@example.com", PASSWORD)
    user_signed_up.send(sender=User, request=RequestFactory().get("/"), user=user)
    assert Profile.objects.get(user=user).business_name == "social"


def test_missing_business_name_shows_error_and_creates_no_user(client):
    response = sign_up(client, business_name="   ")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not User.objects.exists()
    assert not Profile.objects.exists()


def test_taken_email_shows_error_and_creates_no_user(client):
    ProfileFactory(user__email="owner@bloom.example")
    client.logout()
    response = sign_up(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is already an account with this email address." in html
    # The way in, and everything typed but the passwords kept.
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_reset_password")}">Reset your password' in html
    assert 'value="owner@bloom.example"' in html
    assert 'value="Bloom &amp; Blade Salon"' in html
    assert User.objects.count() == 1
    assert Profile.objects.count() == 1


def test_sign_up_form_has_labelled_business_name_field(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert '<label class="form-label" for="id_business_name">Business name' in html


def test_sign_up_and_log_in_use_the_sites_words(client):
    signup = client.get(reverse("account_signup")).content.decode()
    assert "Start free trial</button>" in signup.replace("\n", "").replace("  ", "")
    assert "Sign Up" not in signup
    login = client.get(reverse("account_login")).content.decode()
    assert "Log in" in login and "Sign In" not in login
