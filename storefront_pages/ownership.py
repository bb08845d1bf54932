"""Whose media is whose: what a storefront may reference, and who may download a document.

The admin's choosers only narrow what an owner is offered; a crafted form can still name any
image, document or page by id. So every reference a storefront makes is checked on save, and a
document in an owner's collection is served only where that owner chose to publish it.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import extract_references_from_rich_text

from accounts.roles import is_hub_staff

FOREIGN_IMAGE_MESSAGE = "Choose one of your own images (or upload a new one)."
FOREIGN_RICH_TEXT_MESSAGE = (
    "This text links to a page, image or document that is not yours. "
    "Remove that link and save again."
)


def owner_collection_id(page):
    """The media collection provisioning made for the storefront's owner (None if none)."""
    # A missing one-to-one row raises an AttributeError too: getattr's default covers it.
    access = getattr(getattr(page, "profile", None), "storefront_access", None)
    return access.collection_id if access else None


def foreign_image_fields(page, images_by_field):
    """The names of the fields whose chosen image is not in the storefront owner's collection."""
    collection_id = owner_collection_id(page)
    return [
        field
        for field, image in images_by_field.items()
        if image is not None and image.collection_id != collection_id
    ]


def has_foreign_rich_text_references(page, html):
    """True when rich text links to or embeds anything that is not this storefront's own."""
    collection_id = owner_collection_id(page)
    media_models = {get_image_model(), get_document_model()}
    for model, object_id, _model_path, _content_path in extract_references_from_rich_text(
        html or ""
    ):
        if issubclass(model, Page):
            if page.pk is None or str(object_id) != str(page.pk):
                return True
        elif model in media_models:
            if not model.objects.filter(pk=object_id, collection_id=collection_id).exists():
                return True
        else:
            return True
    return False


def document_owner_profile(document):
    """The profile whose collection holds ``document``, or None for staff's own documents."""
    access = getattr(document.collection, "storefront_access", None)
    return access.profile if access else None


def may_download_document(document, user):
    """An owner's document is public only while their live storefront links to it.

    Its owner and staff may always download it; documents outside owners' collections keep
    Wagtail's own rules (collection privacy).
    """
    profile = document_owner_profile(document)
    if profile is None or is_hub_staff(user):
        return True
    if user.is_authenticated and profile.user_id == user.pk:
        return True
    storefront = getattr(profile, "storefront", None)
    if storefront is None or not storefront.live:
        return False
    # The page row holds the live content; a draft that adds the link does not publish the file.
    return any(
        issubclass(model, get_document_model()) and str(object_id) == str(document.pk)
        for model, object_id, _model_path, _content_path in extract_references_from_rich_text(
            storefront.description
        )
    )
