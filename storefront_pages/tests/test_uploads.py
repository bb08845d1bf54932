"""Upload limits: owners cannot exhaust the server's memory or disk with one file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .factories import png_bytes

pytestmark = pytest.mark.django_db


def upload_image(client, collection, content, name="photo.png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Shop photo",
            "collection": collection.pk,
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
        },
    )


def test_owner_uploads_an_image_into_their_own_collection(client_b, storefront_b):
    collection = storefront_b.profile.storefront_access.collection
    response = upload_image(client_b, collection, png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.get(title="Shop photo").collection == collection


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_an_oversized_image_is_refused_with_a_message(client_b, storefront_b):
    collection = storefront_b.profile.storefront_access.collection
    response = upload_image(client_b, collection, png_bytes((400, 400), "white") + b"\0" * 2048)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.filter(title="Shop photo").exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100 * 100)
def test_an_image_with_too_many_pixels_is_refused_with_a_message(client_b, storefront_b):
    collection = storefront_b.profile.storefront_access.collection
    response = upload_image(client_b, collection, png_bytes((200, 200)))
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.filter(title="Shop photo").exists()


def test_a_file_that_is_not_an_image_is_refused_with_a_message(client_b, storefront_b):
    collection = storefront_b.profile.storefront_access.collection
    response = upload_image(client_b, collection, b"%PDF-1.4 not an image", name="menu.png")
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_an_oversized_document_is_refused_with_a_message(client_b, storefront_b):
    collection = storefront_b.profile.storefront_access.collection
    response = client_b.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Big price list",
            "collection": collection.pk,
            "file": SimpleUploadedFile("prices.txt", b"x" * 4096, content_type="text/plain"),
        },
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.filter(title="Big price list").exists()


def test_the_site_limits_uploads_by_default(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 5 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
