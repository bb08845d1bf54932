"""Two provisioned owners (A and B) and a staff user, the cast of most storefront tests."""

import pytest
from django.contrib.auth import get_user_model

from accounts.tests.factories import PASSWORD

from .factories import make_document, make_image, make_storefront

A_TITLE = "Aardvark Secret Draft Bakery"
A_IMAGE_TITLE = "aardvark secret shopfront photo"
A_DOCUMENT_TITLE = "aardvark secret price list"


@pytest.fixture
def storefront_a(db):
    """Owner A's draft storefront, with an image and a document in A's collection."""
    page = make_storefront(A_TITLE, headline="Only A may see this")
    access = page.profile.storefront_access
    page.secret_image = make_image(access.collection, A_IMAGE_TITLE)
    page.secret_document = make_document(access.collection, A_DOCUMENT_TITLE)
    return page


@pytest.fixture
def storefront_b(db):
    return make_storefront("Bumblebee Barbers")


@pytest.fixture
def client_b(client, storefront_b):
    """A test client signed in as owner B."""
    client.force_login(storefront_b.owner)
    return client


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_superuser(
        username="staff", email="staff@example.com", password=PASSWORD
    )
