"""The dashboard's storefront card and its actions: create, publish, unpublish, QR code."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import ProfileFactory
from storefront_pages.models import StorefrontPage

from .builders import make_storefront

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_client(client):
    profile = ProfileFactory(business_name="Rosie's Florist")
    client.force_login(profile.user)
    client.profile = profile
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_dashboard_invites_a_new_owner_to_create_a_storefront(owner_client):
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert "Create your storefront" in html
    assert reverse("create_storefront") in html


def test_create_form_suggests_a_slug_from_the_business_name(owner_client):
    html = owner_client.get(reverse("create_storefront")).content.decode()
    assert 'value="rosies-florist"' in html


def test_creating_a_storefront_provisions_it_and_opens_the_editor(owner_client):
    response = owner_client.post(
        reverse("create_storefront"), {"name": "Rosie's Florist", "slug": "rosies"}
    )
    page = StorefrontPage.objects.get(profile=owner_client.profile)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.slug == "rosies" and not page.live
    assert owner_client.get(response["Location"]).status_code == 200


def test_an_empty_slug_is_suggested_from_the_name(owner_client):
    owner_client.post(reverse("create_storefront"), {"name": "Petal & Stem", "slug": ""})
    assert StorefrontPage.objects.get(profile=owner_client.profile).slug == "petal-stem"


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("admin", "reserved for MintKit Hub"),
        ("dashboard", "reserved for MintKit Hub"),
        ("Not A Slug!", "Use only lower-case letters"),
        ("taken-name", "Another storefront already uses"),
    ],
)
def test_bad_slugs_are_refused_with_a_clear_message(owner_client, slug, message):
    make_storefront("Taken Name")
    response = owner_client.post(reverse("create_storefront"), {"name": "Rosie", "slug": slug})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StorefrontPage.objects.filter(profile=owner_client.profile).exists()


def test_a_second_attempt_goes_to_the_existing_storefront(owner_client):
    owner_client.post(reverse("create_storefront"), {"name": "Rosie", "slug": "rosie"})
    page = StorefrontPage.objects.get(profile=owner_client.profile)
    for response in (
        owner_client.get(reverse("create_storefront"), follow=True),
        owner_client.post(
            reverse("create_storefront"), {"name": "Again", "slug": "again"}, follow=True
        ),
    ):
        assert response.redirect_chain[0][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert "You already have a storefront" in " ".join(messages_of(response))
    assert StorefrontPage.objects.filter(profile=owner_client.profile).count() == 1


def test_staff_without_a_profile_are_told_why(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("create_storefront"))
    assert response.status_code == 403
    assert "your account has no business" in response.content.decode()


def test_publish_and_unpublish_from_the_dashboard(client):
    page = make_storefront("Toggle Tailors", headline="Made to measure")
    client.force_login(page.owner)
    response = client.post(reverse("publish_storefront"), follow=True)
    assert "Your storefront is live" in " ".join(messages_of(response))
    html = response.content.decode()
    assert "Live" in html and "since" in html and page.url in html
    assert Client().get(page.url).status_code == 200

    response = client.post(reverse("unpublish_storefront"), follow=True)
    assert "no longer public" in " ".join(messages_of(response))
    assert "Not public" in response.content.decode()
    assert Client().get(page.url).status_code == 404


def test_publish_keeps_the_owners_latest_draft(client):
    page = make_storefront("Draft Keepers")
    page.headline = "Edited in the editor, not yet published"
    page.save_revision(user=page.owner)
    client.force_login(page.owner)
    client.post(reverse("publish_storefront"))
    assert "Edited in the editor" in Client().get(page.url).content.decode()


def test_publish_and_unpublish_are_post_only_and_need_csrf(client):
    page = make_storefront("Careful Cobblers")
    client.force_login(page.owner)
    assert client.get(reverse("publish_storefront")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(page.owner)
    assert strict.post(reverse("publish_storefront")).status_code == 403
    page.refresh_from_db()
    assert not page.live


def test_owner_without_a_storefront_is_sent_to_create_one(owner_client):
    response = owner_client.post(reverse("publish_storefront"))
    assert response["Location"] == reverse("create_storefront")


def test_qr_code_downloads_as_svg_and_prints(client):
    page = make_storefront("Scan Me Stationers")
    client.force_login(page.owner)
    download = client.get(reverse("storefront_qr_svg"))
    assert download["Content-Type"] == "image/svg+xml"
    assert download["Content-Disposition"] == (f'attachment; filename="{page.slug}-qr-code.svg"')
    assert download.content.startswith(b"<?xml") and b"<svg" in download.content
    sheet = client.get(reverse("storefront_qr_print")).content.decode()
    assert "<svg" in sheet and page.public_url() in sheet
    assert "not public yet" in sheet


def test_qr_code_is_only_for_signed_in_owners(client):
    response = client.get(reverse("storefront_qr_svg"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
