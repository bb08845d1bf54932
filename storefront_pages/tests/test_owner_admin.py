"""The owners' admin, finding by finding: closed routes, ownership on save, downloads, no loops."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from accounts.tests.factories import ProfileFactory
from storefront_pages.models import StorefrontPage
from storefront_pages.owner_admin import NO_STOREFRONT_MESSAGE
from storefront_pages.publishing import publish_storefront

from .conftest import A_DOCUMENT_TITLE, A_IMAGE_TITLE, A_TITLE
from .factories import make_document, make_image

pytestmark = pytest.mark.django_db


def body(response):
    return response.content.decode()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    return querydict_from_html(body(client.get(edit_url(page))), form_id="page-edit-form")


def contentstate_linking(link_data):
    """Draftail's JSON for one paragraph whose only word links to ``link_data``."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": "menu",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": link_data}},
        }
    )


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_api:images:listing", "wagtailadmin_api:documents:listing"]
)
def test_the_admin_api_is_closed_to_owners(client_b, storefront_a, url_name):
    response = client_b.get(reverse(url_name))
    assert response.status_code == 404
    for title in (A_IMAGE_TITLE, A_DOCUMENT_TITLE):
        assert title not in body(response)


def test_the_admin_api_detail_of_another_owners_media_is_closed(client_b, storefront_a):
    for url in (
        f"/admin/api/main/images/{storefront_a.secret_image.pk}/",
        f"/admin/api/main/documents/{storefront_a.secret_document.pk}/",
    ):
        assert client_b.get(url).status_code == 404


def test_staff_keep_the_admin_api(client, staff_user, storefront_a):
    client.force_login(staff_user)
    response = client.get(reverse("wagtailadmin_api:images:listing"))
    assert response.status_code == 200
    assert A_IMAGE_TITLE in body(response)


@pytest.mark.parametrize("field", ["logo", "cover_image"])
def test_an_owner_cannot_put_another_owners_image_on_their_page(
    client_b, storefront_a, storefront_b, field
):
    data = edit_form(client_b, storefront_b)
    data[field] = str(storefront_a.secret_image.pk)
    revisions_before = storefront_b.revisions.count()
    response = client_b.post(edit_url(storefront_b), data)
    assert response.status_code == 200
    assert "Choose one of your own images" in body(response)
    assert A_IMAGE_TITLE not in body(response)
    file_stem = storefront_a.secret_image.file.name.rsplit("/", 1)[-1].split(".")[0]
    assert file_stem not in body(response)
    assert storefront_b.revisions.count() == revisions_before
    draft = StorefrontPage.objects.get(pk=storefront_b.pk).get_latest_revision_as_object()
    assert getattr(draft, f"{field}_id") is None


def test_an_owner_can_use_their_own_image(client_b, storefront_b):
    own_image = make_image(storefront_b.profile.storefront_access.collection, "B's chairs")
    data = edit_form(client_b, storefront_b)
    data["logo"] = str(own_image.pk)
    assert client_b.post(edit_url(storefront_b), data).status_code == 302
    draft = StorefrontPage.objects.get(pk=storefront_b.pk).get_latest_revision_as_object()
    assert draft.logo_id == own_image.pk


def test_an_owner_cannot_link_their_description_to_another_owners_page(
    client_b, storefront_a, storefront_b
):
    data = edit_form(client_b, storefront_b)
    data["description"] = contentstate_linking({"id": storefront_a.pk, "url": "/"})
    revisions_before = storefront_b.revisions.count()
    response = client_b.post(edit_url(storefront_b), data)
    assert response.status_code == 200
    assert "not yours" in body(response)
    assert storefront_b.revisions.count() == revisions_before


def test_an_owner_may_link_their_description_to_any_web_address(client_b, storefront_b):
    data = edit_form(client_b, storefront_b)
    data["description"] = contentstate_linking({"url": "https://example.com/menu"})
    assert client_b.post(edit_url(storefront_b), data).status_code == 302


def test_staff_may_use_any_image_on_a_storefront(client, staff_user, storefront_a, storefront_b):
    client.force_login(staff_user)
    data = edit_form(client, storefront_b)
    data["logo"] = str(storefront_a.secret_image.pk)
    assert client.post(edit_url(storefront_b), data).status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/admin/bulk/wagtailcore/page/unpublish/?id={page}",
        "/admin/bulk/wagtailimages/image/delete/?id={image}",
        "/admin/bulk/wagtaildocs/document/delete/?id={document}",
        "/admin/choose-page/chosen-multiple/?id={page}",
        "/admin/images/chooser/chosen-multiple/?id={image}",
        "/admin/documents/chooser/chosen-multiple/?id={document}",
        "/admin/pages/workflow/preview/{page}/1/",
    ],
)
def test_pages_that_name_objects_by_id_are_closed_to_other_owners(client_b, storefront_a, url):
    url = url.format(
        page=storefront_a.pk,
        image=storefront_a.secret_image.pk,
        document=storefront_a.secret_document.pk,
    )
    response = client_b.get(url, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 404
    html = body(response).lower()
    for secret in (A_TITLE, A_IMAGE_TITLE, A_DOCUMENT_TITLE, storefront_a.slug):
        assert secret.lower() not in html


def test_owners_bulk_delete_their_own_images(client_b, storefront_b):
    image = make_image(storefront_b.profile.storefront_access.collection, "B's old photo")
    url = f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}"
    assert client_b.get(url).status_code == 200
    assert client_b.post(url).status_code == 302
    assert not type(image).objects.filter(pk=image.pk).exists()


def test_an_owner_without_a_storefront_is_sent_to_the_dashboard(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [(reverse("dashboard"), 302)]
    assert response.status_code == 200
    assert NO_STOREFRONT_MESSAGE.replace("'", "&#x27;") in body(response)


@pytest.mark.parametrize("url", ["/admin/pages/1/edit/", "/admin/images/", "/admin/login/"])
def test_no_admin_url_loops_for_a_signed_in_user_without_a_storefront(client, url):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.get(url, follow=True)
    assert len(response.redirect_chain) <= 3
    assert response.status_code in {200, 404}


def test_publishing_lands_the_owner_on_their_dashboard_with_a_link_to_the_page(
    client_b, storefront_b
):
    data = edit_form(client_b, storefront_b)
    data["action-publish"] = "action-publish"
    response = client_b.post(edit_url(storefront_b), data, follow=True)
    assert response.redirect_chain == [(reverse("dashboard"), 302)]
    page = Page.objects.get(pk=storefront_b.pk)
    assert page.live
    html = body(response)
    assert "Your storefront is published" in html
    assert f'<a href="{page.url}" class="alert-link">View your storefront</a>' in html


def test_saving_a_draft_keeps_the_owner_in_their_editor(client_b, storefront_b):
    response = client_b.post(edit_url(storefront_b), edit_form(client_b, storefront_b))
    assert response.status_code == 302
    assert response["Location"] == edit_url(storefront_b)


def test_unpublishing_in_the_editor_keeps_the_owner_in_their_editor(client_b, storefront_b):
    publish_storefront(storefront_b, storefront_b.owner)
    response = client_b.post(reverse("wagtailadmin_pages:unpublish", args=[storefront_b.pk]))
    assert response.status_code == 302
    assert response["Location"] == edit_url(storefront_b)
    assert not Page.objects.get(pk=storefront_b.pk).live


def test_the_owners_menu_leads_only_where_they_may_go(client_b, storefront_b):
    html = body(client_b.get(edit_url(storefront_b)))
    assert "Your storefront" in html
    assert "Back to dashboard" in html
    assert f'href="{reverse("wagtailadmin_explore_root")}"' not in html


@pytest.fixture
def document_a(settings, tmp_path, storefront_a):
    """A document of owner A's stored on disk, as Wagtail's serve view reads it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return make_document(storefront_a.profile.storefront_access.collection, "A's price list")


def document_url(document):
    return document.url


def link_document_from_live_page(page, document):
    page.description = f'<p>Our <a linktype="document" id="{document.pk}">price list</a></p>'
    page.save_revision(user=page.owner)
    publish_storefront(page, page.owner)


def test_an_owners_document_is_private_until_their_live_page_links_it(
    client, storefront_a, document_a
):
    document = document_a
    assert client.get(document_url(document)).status_code == 404
    link_document_from_live_page(storefront_a, document)
    response = client.get(document_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Price list\n"


def test_a_draft_link_does_not_publish_a_document(client, storefront_a, document_a):
    document = document_a
    publish_storefront(storefront_a, storefront_a.owner)
    storefront_a.description = f'<p><a linktype="document" id="{document.pk}">list</a></p>'
    storefront_a.save_revision(user=storefront_a.owner)
    assert client.get(document_url(document)).status_code == 404


def test_an_owner_and_staff_may_always_download_the_owners_document(
    client, storefront_a, staff_user, document_a
):
    document = document_a
    client.force_login(storefront_a.owner)
    assert client.get(document_url(document)).status_code == 200
    client.force_login(staff_user)
    assert client.get(document_url(document)).status_code == 200


def test_another_owner_cannot_download_an_unpublished_document(client_b, document_a):
    assert client_b.get(document_url(document_a)).status_code == 404


def test_the_sidebar_search_finds_the_owners_own_page_only(client_b, storefront_a, storefront_b):
    response = client_b.get(reverse("wagtailadmin_pages:search"), {"q": "Bumblebee"})
    assert response.status_code == 200
    assert storefront_b.title in body(response)
    assert A_TITLE not in body(client_b.get(reverse("wagtailadmin_pages:search"), {"q": "Aard"}))


def test_the_admin_loads_no_avatar_from_another_host(client_b, storefront_b):
    assert "gravatar.com" not in body(client_b.get(edit_url(storefront_b)))
