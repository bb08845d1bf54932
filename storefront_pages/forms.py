"""The "Create your storefront" form: a name and an editable, checked web address."""

from django import forms
from django.utils.text import slugify

from .provisioning import slug_is_taken, suggested_slug_for
from .slugs import MAX_SLUG_LENGTH, is_reserved, reserved_slug_message, taken_slug_message


class CreateStorefrontForm(forms.Form):
    name = forms.CharField(
        label="Storefront name",
        max_length=120,
        help_text="Usually your business name. You can change it later in the editor.",
    )
    slug = forms.CharField(
        label="Web address",
        max_length=MAX_SLUG_LENGTH,
        required=False,
        help_text="The end of your page’s address: /storefront/<strong>this-part</strong>/. "
        "Lower-case letters, numbers and hyphens. Leave empty to use one based on the name.",
        # site.js keeps it in step with the name until the owner types their own.
        widget=forms.TextInput(attrs={"data-slug-from": "id_name"}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not slugify(name):
            raise forms.ValidationError("Please include some letters or numbers in the name.")
        return name

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if not slug:
            return ""
        if slugify(slug) != slug:
            raise forms.ValidationError(
                "Use only lower-case letters, numbers and hyphens, e.g. bloom-and-blade."
            )
        if is_reserved(slug):
            raise forms.ValidationError(reserved_slug_message(slug))
        if slug_is_taken(slug):
            raise forms.ValidationError(taken_slug_message(slug))
        return slug

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("slug") and cleaned_data.get("name") and not self.errors:
            cleaned_data["slug"] = suggested_slug_for(cleaned_data["name"])
        return cleaned_data
