"""Render form widgets with Bootstrap classes and the ARIA links to their help and errors."""

from django import template

register = template.Library()

CHECK_WIDGETS = {"checkbox", "radio"}
SELECT_WIDGETS = {"select", "selectmultiple", "nullbooleanselect"}


@register.simple_tag
def bootstrap_widget(field):
    widget_type = field.widget_type
    if widget_type in CHECK_WIDGETS:
        css = "form-check-input"
    elif widget_type in SELECT_WIDGETS:
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": f"{field.field.widget.attrs.get('class', '')} {css}".strip()}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described_by += [f"{field.auto_id}_error_{i}" for i in range(1, len(field.errors) + 1)]
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
