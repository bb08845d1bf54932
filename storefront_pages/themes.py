"""The storefront themes an owner picks from, and the editor widgets that show them."""

from django import forms

from .brand_colours import PALETTE

# Each theme is a class on the page's <body> (static/css/storefront.css) and a hero layout
# (templates/storefront_pages/themes/<theme>_hero.html); the content is the same in all.
THEMES = [
    ("classic", "Classic"),
    ("bold", "Bold"),
    ("minimal", "Minimal"),
]
DEFAULT_THEME = "classic"
THEME_DESCRIPTIONS = {
    "classic": "Your cover photo on top, your logo and name beneath, details in cards.",
    "bold": "Your name in large type on a band of your brand colour, over your cover photo.",
    "minimal": "A quiet single column: logo, name and details centred on white.",
}


class ThemePreviewSelect(forms.RadioSelect):
    """Theme choices as radio buttons, each with a small picture of the layout it gives."""

    template_name = "storefront_pages/widgets/theme_preview_select.html"
    option_template_name = "storefront_pages/widgets/theme_preview_option.html"

    class Media:
        css = {"all": ["css/theme-picker.css"]}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["description"] = THEME_DESCRIPTIONS.get(value, "")
        option["preview"] = f"images/theme-previews/{value}.svg"
        return option


class BrandColourInput(forms.TextInput):
    """A colour picker that offers the accessible palette first; any other colour is checked."""

    input_type = "color"
    template_name = "storefront_pages/widgets/brand_colour_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}-palette"
        context["palette"] = PALETTE
        return context
