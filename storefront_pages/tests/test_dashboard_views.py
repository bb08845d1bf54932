"""The dashboard's storefront card and its actions: create, publish, unpublish, QR code."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import ProfileFactory
from storefront_pages.models import StorefrontPage

from .factories import make_storefront

pytestmark = pytest.mark.django_db


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


def test_the_dashboard_button_creates_the_storefront_and_opens_the_editor(owner_client):
    html = owner_client.get(reverse("dashboard")).content.decode()
    assert f'<form method="post" action="{reverse("create_storefront")}">' in html
    response = owner_client.post(reverse("create_storefront"))
    page = StorefrontPage.objects.get(profile=owner_client.profile)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert (page.title, page.slug, page.live) == ("Rosie's Florist", "rosies-florist", False)


def test_a_business_name_without_letters_asks_for_a_web_address(client):
    profile = ProfileFactory(business_name="&&&")
    client.force_login(profile.user)
    response = client.post(reverse("create_storefront"))
    assert response.status_code == 200
    assert "Please include some letters or numbers" in response.content.decode()
    assert not StorefrontPage.objects.filter(profile=profile).exists()


def dashboard_card(client):
    html = client.get(reverse("dashboard")).content.decode()
    start = html.index('data-testid="storefront-card"')
    return html[start : html.index("</section>", start)]


def edit_the_draft(page, headline):
    draft = page.get_latest_revision_as_object()
    draft.headline = headline
    draft.save_revision(user=page.owner)


def test_the_dashboard_names_each_state_and_offers_its_actions(client):
    page = make_storefront("State Stationers", headline="First words")
    client.force_login(page.owner)
    card = dashboard_card(client)
    assert ">Draft</span>" in card and ">Publish</button>" in card
    assert "Discard changes" not in card

    client.post(reverse("publish_storefront"))
    card = dashboard_card(client)
    assert ">Live</span>" in card and ">Unpublish</button>" in card
    assert "Publish changes" not in card and ">Publish</button>" not in card

    edit_the_draft(page, "Second words")
    card = dashboard_card(client)
    assert "Live, with unpublished changes" in card
    assert ">Publish changes</button>" in card and ">Discard changes</button>" in card


def test_publish_changes_makes_the_draft_live(client):
    page = make_storefront("Change Chandlers", headline="Old words", live=True)
    edit_the_draft(page, "New words")
    client.force_login(page.owner)
    assert "Old words" in Client().get(page.url).content.decode()
    response = client.post(reverse("publish_storefront"), follow=True)
    assert "Your changes are live" in " ".join(messages_of(response))
    assert "New words" in Client().get(page.url).content.decode()
    assert ">Live</span>" in dashboard_card(client)


def test_discard_changes_brings_back_the_live_version(client):
    page = make_storefront("Undo Upholsterers", headline="Live words", live=True)
    edit_the_draft(page, "Regretted words")
    client.force_login(page.owner)
    response = client.post(reverse("discard_storefront_changes"), follow=True)
    assert "unpublished changes are discarded" in " ".join(messages_of(response))
    stored = StorefrontPage.objects.get(pk=page.pk)
    assert not stored.has_unpublished_changes
    assert stored.get_latest_revision_as_object().headline == "Live words"
    assert ">Live</span>" in dashboard_card(client)
    assert "Live words" in Client().get(page.url).content.decode()


def test_discard_with_nothing_to_discard_changes_nothing(client):
    page = make_storefront("Steady Saddlers", headline="Draft words")
    client.force_login(page.owner)
    response = client.post(reverse("discard_storefront_changes"), follow=True)
    assert "no unpublished changes" in " ".join(messages_of(response))
    assert StorefrontPage.objects.get(pk=page.pk).get_latest_revision_as_object().headline == (
        "Draft words"
    )


def test_a_scheduled_storefront_says_when_it_goes_live(client):
    page = make_storefront("Later Locksmiths")
    draft = page.get_latest_revision_as_object()
    go_live = timezone.now() + datetime.timedelta(days=3)
    draft.go_live_at = go_live
    draft.save_revision(user=page.owner).publish(user=page.owner)
    client.force_login(page.owner)
    card = dashboard_card(client)
    assert ">Scheduled</span>" in card
    assert f"Goes live {timezone.localtime(go_live):%-d %B %Y, %H:%M}" in card
