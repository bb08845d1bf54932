"""Test data for storefronts: provisioned owners with pages, images and documents."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from accounts.tests.factories import ProfileFactory
from storefront_pages.provisioning import create_storefront, suggested_slug_for
from storefront_pages.publishing import publish_storefront

# A storefront's contact details and text, as a business would fill them in.
HARBOUR_COFFEE_DETAILS = {
    "headline": "Speciality coffee by the harbour",
    "description": "<p>Beans roasted <b>daily</b>.</p>",
    "contact_email": "hello@harbour.example",
    "phone": "01632 960123",
    "street_address": "1 Quay Street",
    "town": "Whitby",
    "postcode": "YO21 1AA",
}


def png_bytes(size=(64, 64), colour="teal"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_storefront(business_name, *, live=False, **content):
    """A provisioned storefront for a new owner; ``content`` fields are saved as the draft."""
    profile = ProfileFactory(business_name=business_name)
    page = create_storefront(profile, business_name, suggested_slug_for(business_name))
    for field, value in content.items():
        setattr(page, field, value)
    page.save_revision(user=profile.user)
    if live:
        publish_storefront(page, profile.user)
    page.refresh_from_db()
    # The draft's content lives in its latest revision, not (yet) in the page row.
    return page.get_latest_revision_as_object()


def make_image(collection, title, size=(64, 64)):
    return get_image_model().objects.create(
        title=title,
        collection=collection,
        file=ImageFile(io.BytesIO(png_bytes(size)), name=f"{title.replace(' ', '-')}.png"),
    )


def make_document(collection, title):
    return get_document_model().objects.create(
        title=title,
        collection=collection,
        file=ContentFile(b"Price list\n", name=f"{title.replace(' ', '-')}.txt"),
    )
