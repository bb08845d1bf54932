"""A response read as a person reads it: the page's HTML with its entities decoded."""

import html


def page_text(response):
    return html.unescape(response.content.decode())
