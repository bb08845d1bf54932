"""Rich text and link-chooser input no browser would send gets a form error, not a 500.

Wagtail trusts the editor's browser with Draftail's JSON for rich text and with the external-link
chooser's URL field, and crashes on anything else; here both are refused with a message and
nothing is saved. Inline rows and image choosers are handled in ``editor_panels.py``.
"""

import logging

from django import forms
from django.core.exceptions import ValidationError
from draftjs_exporter.error import ExporterException
from wagtail.admin.forms import choosers as chooser_forms
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.views import chooser as chooser_views

logger = logging.getLogger(__name__)

UNREADABLE_RICH_TEXT_MESSAGE = (
    "Your changes to this text could not be read, so nothing was saved. "
    "The last saved text is shown again: make your changes again, then save."
)

# Wagtail's converter assumes Draftail's JSON shape; input of any other shape fails inside it
# with one of these, depending on where the shape first goes wrong (ValueError covers bad JSON
# and the UnicodeEncodeError of a lone surrogate).
CONTENTSTATE_ERRORS = (
    ValueError,
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    RecursionError,
    ExporterException,
)


class UnreadableRichText:
    """Stands in for rich text the editor sent but Wagtail could not convert to HTML."""

    def __init__(self, reason):
        self.reason = reason


class CheckedDraftailRichTextArea(DraftailRichTextArea):
    """Draftail, answering unreadable input with ``UnreadableRichText`` instead of raising."""

    def value_from_datadict(self, data, files, name):
        try:
            html = super().value_from_datadict(data, files, name)
            if html is not None:
                # JSON can carry lone surrogates; no response or database can encode them.
                html.encode("utf-8")
        except CONTENTSTATE_ERRORS as error:
            return UnreadableRichText(f"{name}: {type(error).__name__}: {error}")
        return html


class RichTextFormField(forms.CharField):
    """A rich-text form field that refuses ``UnreadableRichText`` and redisplays the saved text."""

    def to_python(self, value):
        if isinstance(value, UnreadableRichText):
            logger.warning("Refused rich text the editor could not read (%s)", value.reason)
            raise ValidationError(UNREADABLE_RICH_TEXT_MESSAGE, code="unreadable")
        return super().to_python(value)

    def bound_data(self, data, initial):
        # An empty editor here would let the next save wipe the owner's text.
        if isinstance(data, UnreadableRichText):
            return initial
        return super().bound_data(data, initial)


def rich_text_form_field_options(db_field):
    """Form field options for every ``RichTextField`` in Wagtail's admin forms.

    Registered in ``apps.py``; the widget and the field are given together (not the widget through
    ``WAGTAILADMIN_RICH_TEXT_EDITORS``) because the field is what turns the widget's
    ``UnreadableRichText`` into a message. Draftail is the only editor this site uses.
    """
    return {
        "form_class": RichTextFormField,
        "widget": CheckedDraftailRichTextArea(features=db_field.features),
    }


class URLOrAbsolutePathField(chooser_forms.URLOrAbsolutePathField):
    """Wagtail's chooser URL field, treating a missing URL as empty so "required" can say so.

    Wagtail's own calls ``value.startswith`` before anything checks that a URL was sent.
    """

    def to_python(self, value):
        return super().to_python("" if value is None else value)


class ExternalLinkChooserForm(chooser_forms.ExternalLinkChooserForm):
    url = URLOrAbsolutePathField(required=True, label="URL")


class ExternalLinkView(chooser_views.ExternalLinkView):
    """Wagtail's external-link chooser step, answering a POST without its URL with a form error."""

    form_class = ExternalLinkChooserForm
