"""Image and document forms for the admin: owners upload without tags.

Wagtail's tags are one pool shared by every image (the tag filter, autocomplete and the
chooser's "popular tags" list all of them), so one owner's tags would show up for another.
Staff keep tags.
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .permissions import is_storefront_staff


class UntaggedForOwnersMixin:
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is not None and not is_storefront_staff(user):
            self.fields.pop("tags", None)


class StorefrontImageForm(UntaggedForOwnersMixin, BaseImageForm):
    pass


class StorefrontDocumentForm(UntaggedForOwnersMixin, BaseDocumentForm):
    pass
