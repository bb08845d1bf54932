"""allauth's emails and ours speak as MintKit Hub, unescaped, to the owner's current address."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import Profile

pytestmark = pytest.mark.django_db


def sign_up(client, name="Lee's Gym & Spa", email="lee@example.com"):
    return client.post(
        "/accounts/signup/",
        {
            "business_name": name,
            "email": email,
            "password1": "a-long-Passw0rd-for-lee",
            "password2": "a-long-Passw0rd-for-lee",
        },
    )


def test_sign_up_sends_a_welcome_and_allauth_says_mintkit_hub(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    welcome = next(m for m in mailoutbox if m.subject == "Welcome to MintKit Hub")
    assert welcome.to == ["lee@example.com"]
    assert welcome.body.startswith("Hello Lee's Gym & Spa,")
    assert "http://127.0.0.1:8000/billing/plans/" in welcome.body
    assert welcome.alternatives[0][1] == "text/html"
    confirmation = next(m for m in mailoutbox if m is not welcome)
    assert confirmation.subject.startswith("MintKit Hub: ")
    assert "Hello from MintKit Hub!" in confirmation.body
    assert "http://127.0.0.1:8000" in confirmation.body
    assert "testserver" not in confirmation.subject + confirmation.body
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html" and "Hello from MintKit Hub!" in html


def test_after_an_email_change_mail_goes_to_the_new_address_and_the_old_one_is_told(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    profile = Profile.objects.get()
    user = profile.user
    new = EmailAddress.objects.create(user=user, email="lee.new@example.com", verified=True)
    mailoutbox.clear()
    response = client.post("/accounts/email/", {"action_primary": "", "email": new.email})
    assert response.status_code == 302
    user.refresh_from_db()
    profile.refresh_from_db()
    assert user.email == "lee.new@example.com"
    assert profile.contact_email == "lee.new@example.com"
    notice = [m for m in mailoutbox if m.to == ["lee@example.com"]]
    assert notice and "lee.new@example.com" in notice[0].body
