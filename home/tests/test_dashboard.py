"""The owner's dashboard, profile editing, the home page and the demo seed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Profile
from accounts.tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_profile(db):
    return ProfileFactory(business_name="Tutor Tom", contact_email="tom@example.com")


def test_dashboard_greets_owner_with_business_name_and_profile(owner_client):
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Welcome, Tutor Tom" in html
    assert "tom@example.com" in html
    assert reverse("edit_profile") in html


def test_dashboard_for_staff_without_profile_explains(client):
    client.force_login(UserFactory(is_staff=True))
    html = client.get(reverse("dashboard")).content.decode()
    assert "staff account" in html


def test_profile_edit_saves_and_confirms(owner_client):
    response = owner_client.post(
        reverse("edit_profile"),
        {"business_name": "Tutor Tom Ltd", "contact_email": "hello@tutortom.example"},
        follow=True,
    )
    assert "Your business profile is saved." in response.content.decode()
    owner_client.profile.refresh_from_db()
    assert owner_client.profile.business_name == "Tutor Tom Ltd"
    assert owner_client.profile.contact_email == "hello@tutortom.example"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"business_name": "", "contact_email": "a@example.com"}, "This field is required."),
        ({"business_name": "   ", "contact_email": "a@example.com"}, "This field is required."),
        ({"business_name": "Tom", "contact_email": "not-an-email"}, "Enter a valid email address."),
    ],
)
def test_profile_edit_rejects_bad_input_and_changes_nothing(owner_client, data, message):
    response = owner_client.post(reverse("edit_profile"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "nothing was saved" in html
    assert 'aria-invalid="true"' in html
    owner_client.profile.refresh_from_db()
    assert owner_client.profile.business_name == "Tutor Tom"
    assert owner_client.profile.contact_email == "tom@example.com"


def test_profile_edit_cannot_touch_another_owners_profile(owner_client):
    other = ProfileFactory(business_name="Other")
    owner_client.post(
        reverse("edit_profile"), {"business_name": "Hijack", "contact_email": "x@example.com"}
    )
    other.refresh_from_db()
    assert other.business_name == "Other"


def test_home_page_is_the_wagtail_home_page_with_sign_up_call(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your business, online in minutes" in html
    assert reverse("account_signup") in html
    assert '<html lang="en-GB">' in html
    assert 'href="#main"' in html
    assert "cdn" not in html.lower()


def test_unknown_page_gets_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()


def test_seed_demo_is_idempotent_and_prints_logins(capsys):
    call_command("seed_demo", force=True)
    first = capsys.readouterr().out
    call_command("seed_demo", force=True)
    assert "owner@demo.mintkit.co.uk" in first
    assert "staff@demo.mintkit.co.uk" in first
    assert get_user_model().objects.filter(email="owner@demo.mintkit.co.uk").count() == 1
    assert Profile.objects.filter(user__email="owner@demo.mintkit.co.uk").count() == 1
    assert get_user_model().objects.get(email="staff@demo.mintkit.co.uk").is_superuser


def test_staff_without_profile_gets_a_clear_403_on_profile_edit(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("edit_profile"))
    assert response.status_code == 403
    assert "business owners" in response.content.decode()


def test_seed_demo_refuses_without_debug(settings):
    from django.core.management import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(email="staff@demo.mintkit.co.uk").exists()
