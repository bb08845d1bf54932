"""Storefront editor panels: tampered input gets a form error, owners get a focused editor.

Wagtail trusts the browser with the hidden id of each inline row (opening hours, buttons) and with
the id an image chooser sends; anything else crashes it. Rich text is handled in rich_text_input.py.
The field panels below also leave out Wagtail's commenting for owners (staff keep it) and label
the slug as the web address it is.
"""

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet
from django.urls import reverse
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import (
    CommentPanel,
    FieldPanel,
    InlinePanel,
    PublishingPanel,
    TitleFieldPanel,
)
from wagtail.images.widgets import AdminImageChooser

from accounts.public_site import absolute_url

logger = logging.getLogger(__name__)


class CheckedChildFormSet(BaseChildFormSet):
    """Inline rows whose hidden id is missing or not an id are refused, not crashed on.

    modelcluster reads each existing row's id with ``data[key]`` and converts it unguarded, so
    a row without one answers 500. Such a row is built blank here and the formset made invalid.
    A blank id stays valid: rows added in a draft have none until the page is published.
    """

    def __init__(self, *args, **kwargs):
        self.unreadable_rows = []
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        if self.is_bound and i < self.initial_form_count() and not self._has_readable_id(i):
            self.unreadable_rows.append(i)
            return super(BaseModelFormSet, self)._construct_form(i, instance=self.model(), **kwargs)
        return super()._construct_form(i, **kwargs)

    def _has_readable_id(self, i):
        pk_field = self.model._meta.pk
        sent = self.data.get(f"{self.add_prefix(i)}-{pk_field.name}")
        if sent is None:
            return False
        if sent == "":
            return True
        try:
            self._get_to_python(pk_field)(sent)
        except ValidationError:
            return False
        return True

    def clean(self):
        if self.unreadable_rows:
            logger.warning(
                "Refused %s rows %s sent without a readable id",
                self.model._meta.label,
                self.unreadable_rows,
            )
            raise ValidationError(
                f"Some {self.model._meta.verbose_name_plural} could not be read, so nothing "
                "was saved. Reload the page and make your changes again.",
                code="unreadable_rows",
            )
        super().clean()


class CheckedInlinePanel(InlinePanel):
    """Wagtail's ``InlinePanel`` with its rows in a ``CheckedChildFormSet``."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = CheckedChildFormSet
        return options


class CheckedImageChooser(AdminImageChooser):
    """Wagtail's image chooser, showing no image (rather than crashing) for an id that is not one.

    After any form error the chooser looks up whatever id was posted, and an id like "x" raises.
    The form field has already said "Select a valid choice" about it.
    """

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, ValidationError):
            return None


class CommentsFollowTheFormMixin:
    """A field's "Add comment" button only where the form carries comments (never for owners).

    ``StorefrontPageForm`` drops Wagtail's comments formset for owners; without this the fields
    would still show buttons that do nothing.
    """

    @property
    def comments_enabled(self):
        return super().comments_enabled and "comments" in getattr(self.form, "formsets", {})


class StorefrontFieldPanel(FieldPanel):
    """Wagtail's ``FieldPanel``, with comment buttons only for staff."""

    class BoundPanel(CommentsFollowTheFormMixin, FieldPanel.BoundPanel):
        pass


class StorefrontTitlePanel(TitleFieldPanel):
    """The storefront's name, labelled as the dashboard names it."""

    class BoundPanel(CommentsFollowTheFormMixin, TitleFieldPanel.BoundPanel):
        pass


class WebAddressPanel(StorefrontFieldPanel):
    """The slug as a plainly labelled "Web address", with the page's real address before it."""

    class BoundPanel(StorefrontFieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            parent = self.instance.get_parent() if self.instance.pk else None
            directory = reverse("wagtail_serve", args=["storefront/"])
            prefix = absolute_url(parent.url if parent else directory)
            self.help_text = (
                f"Your page is at {prefix}{self.instance.slug or 'your-name'}/ — this field is "
                "its last part: lower-case letters, numbers and hyphens. Changing it breaks "
                "links and QR codes you have already shared."
            )


class StaffCommentPanel(CommentPanel):
    """Wagtail's comments panel, shown only when the form carries comments (staff)."""

    class BoundPanel(CommentPanel.BoundPanel):
        def is_shown(self):
            return "comments" in self.form.formsets


class OpeningHoursPanel(CheckedInlinePanel):
    """The opening-hours rows with quick fills ("Mon–Fri 9–5", "Every day", copy to weekdays).

    The buttons only fill in the rows (static/js/opening_hours.js); nothing is saved until the
    owner saves or publishes, and every row can still be changed by hand.
    """

    class BoundPanel(CheckedInlinePanel.BoundPanel):
        template_name = "storefront_pages/admin/opening_hours_panel.html"

        @property
        def media(self):
            return super().media + forms.Media(js=["js/opening_hours.js"])


class StorefrontPublishingPanel(PublishingPanel):
    """Wagtail's scheduling fields (go live / expire), with comment buttons only for staff."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.children = [
            StorefrontFieldPanel(child.field_name, widget=child.widget) for child in self.children
        ]
