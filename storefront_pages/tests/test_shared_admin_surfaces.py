"""Admin surfaces Wagtail shares between all users: tags, and the account's email and password."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from .factories import png_bytes

pytestmark = pytest.mark.django_db


def test_owners_get_no_tag_suggestions(client_b, storefront_a):
    storefront_a.secret_image.tags.add("aardvark-secret-tag")
    for url in [
        "/admin/tag-autocomplete/?term=aard",
        "/admin/tag-autocomplete/wagtailimages/image/?term=aard",
    ]:
        response = client_b.get(url)
        assert response.status_code == 404, url
        assert b"aardvark-secret-tag" not in response.content


def test_staff_keep_tag_suggestions(client, staff_user, storefront_a):
    storefront_a.secret_image.tags.add("aardvark-secret-tag")
    client.force_login(staff_user)
    response = client.get("/admin/tag-autocomplete/?term=aard")
    assert response.status_code == 200
    assert b"aardvark-secret-tag" in response.content


def test_owners_upload_images_without_tags(client_b, storefront_b):
    collection = storefront_b.profile.storefront_access.collection
    response = client_b.post(
        "/admin/images/add/",
        {
            "title": "B's shop",
            "file": SimpleUploadedFile("shop.png", png_bytes(), content_type="image/png"),
            "collection": collection.pk,
            "tags": "should-not-stick",
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="B's shop")
    assert list(image.tags.names()) == []
    assert 'name="tags"' not in client_b.get(f"/admin/images/{image.pk}/").content.decode()


def test_staff_still_see_the_tags_field(client, staff_user, storefront_a):
    client.force_login(staff_user)
    edit_page = client.get(f"/admin/images/{storefront_a.secret_image.pk}/").content.decode()
    assert 'name="tags"' in edit_page


def test_the_admin_account_page_cannot_change_email_or_password(client_b, storefront_b):
    owner = storefront_b.owner
    client_b.post(
        "/admin/account/",
        {"name_email-email": "victim@example.com", "password-new_password1": "x"},
    )
    owner.refresh_from_db()
    assert owner.email != "victim@example.com"
    html = client_b.get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in html
    assert "new_password1" not in html
