"""Image and document forms for the admin: owners upload without tags, asked in plain words.

Wagtail's tags are one pool shared by every image (the tag filter, autocomplete and the
chooser's "popular tags" list all of them), so one owner's tags would show up for another.
An image's "description" is its alt text: owners are asked for it as what it is for.
Staff keep Wagtail's fields and words.
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from accounts.roles import is_staff_role


class UntaggedForOwnersMixin:
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is not None and not is_staff_role(user):
            self.fields.pop("tags", None)


class StorefrontImageForm(UntaggedForOwnersMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is None or is_staff_role(user):
            return
        if "description" in self.fields:
            self.fields["description"].label = "What the image shows"
            self.fields["description"].help_text = (
                "Read out to customers who use screen readers, e.g. “Our logo: a pink flower "
                "beside the words Bloom & Blade”."
            )
        if "title" in self.fields:
            self.fields["title"].help_text = "A name to find it by later; customers don't see it."


class StorefrontDocumentForm(UntaggedForOwnersMixin, BaseDocumentForm):
    pass
