"""The owner's focused storefront editor, and staff keeping Wagtail's full edit view."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from storefront_pages.models import StorefrontPage
from storefront_pages.opening_times import parse_opening_time
from storefront_pages.publishing import publish_storefront

from .factories import make_image

pytestmark = pytest.mark.django_db

# What Wagtail's edit view shows that an owner of one page has no use for.
WAGTAIL_CLUTTER = [
    "Add comment",
    "Toggle comments",
    "Toggle checks",
    "Sort menu order",
    "Referenced 0 times",
    "Anyone can edit this page",
    "Show in menus",
    "http://domain.com/blog/[my-slug]/",
]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def editor_html(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


def primary_action(html):
    """The editor footer's visible button: the first action in the page's action menu."""
    footer = html[html.index('<footer class="footer') :]
    first_button = footer[footer.index("<button") :]
    return first_button[: first_button.index("</button>")]


def test_the_owners_editor_has_none_of_wagtails_team_tools(client_b, storefront_b):
    html = editor_html(client_b, storefront_b)
    assert [item for item in WAGTAIL_CLUTTER if item in html] == []


def test_staff_keep_wagtails_full_edit_view(staff_client, storefront_b):
    html = editor_html(staff_client, storefront_b)
    for item in ("Add comment", "Toggle comments", "Toggle checks", "Sort menu order"):
        assert item in html
    assert "Show in menus" in html
    assert "Unlocked" in html
    # Staff keep Wagtail's order: Save draft is the visible button, Publish under the arrow.
    assert 'name="action-publish"' not in primary_action(html)


def test_publish_is_the_owners_main_button(client_b, storefront_b):
    button = primary_action(editor_html(client_b, storefront_b))
    assert 'name="action-publish"' in button
    assert ">Publish</em>" in button


def test_a_live_page_offers_publish_changes(client_b, storefront_b):
    publish_storefront(storefront_b, storefront_b.owner)
    button = primary_action(editor_html(client_b, storefront_b))
    assert ">Publish changes</em>" in button


def test_the_web_address_is_a_plain_field_with_the_real_address(client_b, storefront_b, settings):
    html = editor_html(client_b, storefront_b)
    assert "Web address" in html
    assert f"Your page is at {settings.SITE_URL}/storefront/bumblebee-barbers/" in html
    assert "Storefront name" in html


def test_saving_a_draft_of_a_live_page_says_customers_still_see_the_old_one(client_b, storefront_b):
    publish_storefront(storefront_b, storefront_b.owner)
    data = querydict_from_html(editor_html(client_b, storefront_b), form_id="page-edit-form")
    data["headline"] = "A new headline"
    response = client_b.post(edit_url(storefront_b), data, follow=True)
    assert "customers still see your published page" in response.content.decode()
    page = Page.objects.get(pk=storefront_b.pk)
    assert page.live and page.has_unpublished_changes


def test_staff_publishing_stays_in_wagtails_flow(staff_client, storefront_b):
    data = querydict_from_html(editor_html(staff_client, storefront_b), form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    response = staff_client.post(edit_url(storefront_b), data)
    assert response.status_code == 302
    assert response["Location"] != reverse("dashboard")
    assert Page.objects.get(pk=storefront_b.pk).live


def test_the_admin_account_page_is_the_owners_business_profile(client_b, storefront_b):
    response = client_b.get(reverse("wagtailadmin_account"))
    assert response.status_code == 302
    assert response["Location"] == reverse("edit_profile")


def test_staff_keep_wagtails_home_and_account_page(staff_client, storefront_b):
    assert staff_client.get(reverse("wagtailadmin_home")).status_code == 200
    assert staff_client.get(reverse("wagtailadmin_account")).status_code == 200


def test_the_admin_names_the_owner_by_their_business(client_b, storefront_b):
    html = editor_html(client_b, storefront_b)
    assert '"name": "Bumblebee Barbers"' in html
    storefront_b.owner.refresh_from_db()
    assert storefront_b.owner.first_name != "Bumblebee Barbers"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9", datetime.time(9, 0)),
        ("9am", datetime.time(9, 0)),
        ("9 AM", datetime.time(9, 0)),
        ("5.30pm", datetime.time(17, 30)),
        ("5:30 p.m.", datetime.time(17, 30)),
        ("17:30", datetime.time(17, 30)),
        ("1730", datetime.time(17, 30)),
        ("12am", datetime.time(0, 0)),
        ("12pm", datetime.time(12, 0)),
        ("noon", datetime.time(12, 0)),
        ("09:00:00", datetime.time(9, 0)),
    ],
)
def test_times_are_read_as_people_write_them(typed, expected):
    assert parse_opening_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "13pm", "half nine", "9:75", ""])
def test_unreadable_times_are_refused(typed):
    assert parse_opening_time(typed) is None


def hours_row(index, weekday, opens, closes):
    prefix = f"opening_hours-{index}"
    return {
        f"{prefix}-weekday": str(weekday),
        f"{prefix}-opens": opens,
        f"{prefix}-closes": closes,
        f"{prefix}-ORDER": str(index + 1),
        f"{prefix}-DELETE": "",
        f"{prefix}-id": "",
    }


def test_the_editor_saves_hours_typed_as_5_30pm(client_b, storefront_b):
    data = querydict_from_html(editor_html(client_b, storefront_b), form_id="page-edit-form")
    data["opening_hours-TOTAL_FORMS"] = "2"
    data.update(hours_row(0, 0, "9", "5.30pm"))
    data.update(hours_row(1, 5, "10am", "1pm"))
    data["action-publish"] = "action-publish"
    response = client_b.post(edit_url(storefront_b), data)
    assert response.status_code == 302
    hours = {
        row.weekday: (row.opens, row.closes)
        for row in StorefrontPage.objects.get(pk=storefront_b.pk).opening_hours.all()
    }
    assert hours == {
        0: (datetime.time(9, 0), datetime.time(17, 30)),
        5: (datetime.time(10, 0), datetime.time(13, 0)),
    }


def test_an_unreadable_time_gets_a_clear_error_and_saves_nothing(client_b, storefront_b):
    data = querydict_from_html(editor_html(client_b, storefront_b), form_id="page-edit-form")
    data["opening_hours-TOTAL_FORMS"] = "1"
    data.update(hours_row(0, 0, "half nine", "17:00"))
    data["action-publish"] = "action-publish"
    response = client_b.post(edit_url(storefront_b), data)
    assert response.status_code == 200
    assert "We couldn’t read “half nine” as a time" in response.content.decode()
    page = StorefrontPage.objects.get(pk=storefront_b.pk)
    assert not page.live and not page.opening_hours.exists()


def test_the_hours_panel_offers_quick_fills_from_a_static_script(client_b, storefront_b):
    html = editor_html(client_b, storefront_b)
    assert "Quick fill: Mon–Fri 9–5" in html
    assert "Copy the first day’s hours to Mon–Fri" in html
    assert 'src="/static/js/opening_hours.js' in html


def chooser_markup(client):
    return client.get(reverse("wagtailimages_chooser:choose")).json()["html"]


def test_the_image_chooser_opens_on_upload_while_the_owner_has_no_images(client_b, storefront_b):
    html = chooser_markup(client_b)
    assert 'data-w-tabs-active-panel-id-value="tab-upload"' in html
    # The image's alt text is asked for as what it is for.
    assert "What the image shows" in html
    assert "screen readers" in html


def test_the_image_chooser_opens_on_the_owners_images_once_there_are_some(client_b, storefront_b):

    make_image(storefront_b.profile.storefront_access.collection, "bumblebee shopfront")
    html = chooser_markup(client_b)
    assert "data-w-tabs-active-panel-id-value" not in html
    assert "bumblebee shopfront" in html


def test_autosave_of_a_live_page_queues_no_messages(client_b, storefront_b):
    publish_storefront(storefront_b, storefront_b.owner)
    data = querydict_from_html(editor_html(client_b, storefront_b), form_id="page-edit-form")
    data["headline"] = "Typed, autosaved"
    response = client_b.post(edit_url(storefront_b), data, HTTP_ACCEPT="application/json")
    assert response.json()["success"] is True
    dashboard = client_b.get(reverse("dashboard")).content.decode()
    assert "customers still see your published page" not in dashboard


def test_publishing_with_a_future_go_live_date_says_when(client_b, storefront_b):
    data = querydict_from_html(editor_html(client_b, storefront_b), form_id="page-edit-form")
    data["go_live_at"] = "2099-01-02 10:00"
    data["action-publish"] = "action-publish"
    response = client_b.post(edit_url(storefront_b), data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(reverse("dashboard"), 302)]
    assert "Your storefront is scheduled: it goes live 2 January 2099" in html
    assert ">Scheduled</span>" in html
