"""Editor POSTs no browser would send get a clear message (or a chooser form error), never a 500."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.test.utils.form_data import querydict_from_html

from storefront_pages.models import StorefrontLink, StorefrontPage

from .factories import make_storefront

pytestmark = pytest.mark.django_db

SAVED_DESCRIPTION = "<p>Fades, beard trims and hot towel shaves.</p>"
UNREADABLE_TEXT = "Your changes to this text could not be read, so nothing was saved."
UNREADABLE_BUTTONS = "Some buttons could not be read, so nothing was saved."
UNREADABLE_HOURS = "Some opening hours could not be read, so nothing was saved."


def contentstate(text="Hello", entity_ranges=(), entity_map=None):
    """Draftail's JSON for one paragraph, as the editor posts it."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": list(entity_ranges),
    }
    return json.dumps({"blocks": [block], "entityMap": entity_map or {}})


@pytest.fixture
def storefront():
    """A live storefront with a description and one button, as its owner last saved it."""
    return make_storefront(
        "Bumblebee Barbers",
        live=True,
        description=SAVED_DESCRIPTION,
        links=[StorefrontLink(label="Book a cut", url="https://example.com/book")],
    )


@pytest.fixture
def owner(client, storefront):
    client.force_login(storefront.owner)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    """The editor's form exactly as the browser would submit it."""
    html = client.get(edit_url(page)).content.decode()
    return querydict_from_html(html, form_id="page-edit-form")


def saved_state(page):
    """Everything a save from the editor could change."""
    page = StorefrontPage.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    links = [(link.pk, link.label, link.url) for link in draft.links.all()]
    return page.latest_revision_id, page.title, draft.title, draft.description, links


def post_expecting_nothing_saved(client, page, data):
    before = saved_state(page)
    response = client.post(edit_url(page), data)
    assert response.status_code < 500
    assert saved_state(page) == before
    return response


def add_button_row(data, label):
    """What the editor's "Add button" does to the form."""
    row = int(data["links-TOTAL_FORMS"])
    data["links-TOTAL_FORMS"] = str(row + 1)
    data.update(
        {
            f"links-{row}-id": "",
            f"links-{row}-label": label,
            f"links-{row}-url": "https://example.com/gift-cards",
            f"links-{row}-ORDER": str(row + 1),
            f"links-{row}-DELETE": "",
        }
    )


def test_the_untouched_form_saves_with_a_new_button(owner, storefront):
    """The form these tests break is otherwise valid, so their refusals come from the breakage."""
    data = edit_form(owner, storefront)
    data["title"] = "Bumblebee Barbers Leeds"
    add_button_row(data, "Buy a gift card")
    response = owner.post(edit_url(storefront), data)
    assert response.status_code == 302
    _, _, draft_title, _, links = saved_state(storefront)
    assert draft_title == "Bumblebee Barbers Leeds"
    assert [label for _, label, _ in links] == ["Book a cut", "Buy a gift card"]


def test_buttons_saved_only_in_a_draft_have_no_id_yet_and_still_save(client):
    storefront = make_storefront(
        "Drafty Deli", links=[StorefrontLink(label="Menu", url="https://example.com/menu")]
    )
    client.force_login(storefront.owner)
    data = edit_form(client, storefront)
    assert (data["links-INITIAL_FORMS"], data["links-0-id"]) == ("1", "")
    data["links-0-label"] = "Our menu"
    assert client.post(edit_url(storefront), data).status_code == 302
    assert [label for _, label, _ in saved_state(storefront)[4]] == ["Our menu"]


def test_an_emptied_editor_still_clears_the_description(owner, storefront):
    # Draftail posts "null" when the owner deletes all the text.
    data = edit_form(owner, storefront)
    data["description"] = "null"
    assert owner.post(edit_url(storefront), data).status_code == 302
    assert saved_state(storefront)[3] == ""


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("", id="empty"),
        pytest.param("Fades and trims", id="not-json"),
        pytest.param("5", id="a-number"),
        pytest.param("[]", id="a-list"),
        pytest.param('{"blocks": 5}', id="blocks-not-a-list"),
        pytest.param('{"blocks": [5], "entityMap": {}}', id="block-not-an-object"),
        pytest.param(
            contentstate(entity_ranges=[{"key": 7, "offset": 0, "length": 5}]),
            id="link-to-a-missing-entity",
        ),
        pytest.param(contentstate(text="\ud800"), id="lone-surrogate"),
        pytest.param("[" * 10_000, id="nested-too-deep"),
    ],
)
def test_unreadable_description_is_refused_and_the_saved_text_shown(owner, storefront, description):
    data = edit_form(owner, storefront)
    data["title"] = "Renamed by a crafted POST"
    data["description"] = description
    response = post_expecting_nothing_saved(owner, storefront, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert UNREADABLE_TEXT in html
    # The editor shows the saved text again, so saving once more cannot wipe it.
    assert "Fades, beard trims and hot towel shaves." in html


def test_staff_get_the_same_refusal(client, staff_user, storefront):
    client.force_login(staff_user)
    data = edit_form(client, storefront)
    data["description"] = "5"
    response = post_expecting_nothing_saved(client, storefront, data)
    assert UNREADABLE_TEXT in response.content.decode()


@pytest.mark.parametrize(
    "sent_id", [pytest.param(None, id="id-missing"), pytest.param("abc", id="id-not-a-number")]
)
def test_a_button_row_without_a_readable_id_is_refused(owner, storefront, sent_id):
    data = edit_form(owner, storefront)
    assert data["links-INITIAL_FORMS"] == "1"
    data["links-0-label"] = "Changed by a crafted POST"
    if sent_id is None:
        del data["links-0-id"]
    else:
        data["links-0-id"] = sent_id
    response = post_expecting_nothing_saved(owner, storefront, data)
    assert response.status_code == 200
    assert UNREADABLE_BUTTONS in response.content.decode()


def test_an_opening_hours_row_without_its_id_is_refused(owner, storefront):
    data = edit_form(owner, storefront)
    data.update(
        {
            "opening_hours-TOTAL_FORMS": "1",
            "opening_hours-INITIAL_FORMS": "1",
            "opening_hours-0-weekday": "0",
            "opening_hours-0-opens": "09:00",
            "opening_hours-0-closes": "17:00",
            "opening_hours-0-ORDER": "1",
        }
    )
    response = post_expecting_nothing_saved(owner, storefront, data)
    assert response.status_code == 200
    assert UNREADABLE_HOURS in response.content.decode()


@pytest.mark.parametrize("field", ["logo", "cover_image"])
def test_an_image_id_that_is_not_an_id_is_refused(owner, storefront, field):
    data = edit_form(owner, storefront)
    data[field] = "x"
    response = post_expecting_nothing_saved(owner, storefront, data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


@pytest.mark.parametrize(
    "chooser, data",
    [
        ("wagtailadmin_choose_page_external_link", {}),
        ("wagtailadmin_choose_page_external_link", {"external-link-chooser-link_text": "Hi"}),
        ("wagtailadmin_choose_page_email_link", {}),
        ("wagtailadmin_choose_page_phone_link", {}),
        ("wagtailadmin_choose_page_anchor_link", {}),
    ],
)
def test_link_choosers_ask_again_for_a_missing_address(owner, storefront, chooser, data):
    before = saved_state(storefront)
    response = owner.post(reverse(chooser), data)
    assert response.status_code == 200
    assert "This field is required." in response.json()["html"]
    assert saved_state(storefront) == before


def description_form_field():
    """The description field of the storefront editor, widget and all."""
    return StorefrontPage.get_edit_handler().get_form_class().base_fields["description"]


CONTENTSTATE_KEYS = ["blocks", "entityMap", "text", "type", "key", "depth", "data", "url"]
CONTENTSTATE_KEYS += ["inlineStyleRanges", "entityRanges", "offset", "length", "style"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 10) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(CONTENTSTATE_KEYS) | st.text(max_size=3), inner, max_size=4
        )
    ),
    max_leaves=16,
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text() | json_values.map(json.dumps))
def test_any_posted_description_is_rich_text_or_a_form_error(posted):
    field = description_form_field()
    value = field.widget.value_from_datadict({"description": posted}, {}, "description")
    try:
        html = field.clean(value)
    except ValidationError as error:
        assert error.messages
    else:
        html.encode("utf-8")
