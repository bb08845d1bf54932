"""Storefront editor panels that answer tampered input with a form error instead of a 500.

Wagtail trusts the browser with the hidden id of each inline row (opening hours, buttons) and with
the id an image chooser sends; anything else crashes it. Rich text is handled in rich_text_input.py.
"""

import logging

from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel
from wagtail.images.widgets import AdminImageChooser

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
