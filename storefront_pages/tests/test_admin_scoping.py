"""The restricted editor: an owner sees only their storefront; staff keep the full admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from storefront_pages.models import StorefrontIndexPage, StorefrontPage

from .conftest import A_TITLE

pytestmark = pytest.mark.django_db


def body(response):
    return response.content.decode()


def chooser_html(response):
    """A chooser step's markup: JSON-wrapped for modal steps, plain for search results."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return body(response)


def test_the_page_explorer_is_closed_to_owners(client_b, storefront_a, storefront_b):
    index = StorefrontIndexPage.objects.get()
    response = client_b.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert response.status_code == 404
    assert A_TITLE not in body(response)


def test_page_chooser_browse_and_search_hide_other_owners(client_b, storefront_a, storefront_b):
    index = StorefrontIndexPage.objects.get()
    root_html = chooser_html(client_b.get(reverse("wagtailadmin_choose_page")))
    index_html = chooser_html(
        client_b.get(reverse("wagtailadmin_choose_page_child", args=[index.pk]))
    )
    assert storefront_b.title in index_html
    search_html = chooser_html(
        client_b.get(reverse("wagtailadmin_choose_page_search"), {"q": "Aardvark"})
    )
    for html in (root_html, index_html, search_html):
        assert A_TITLE not in html
    inside_a = client_b.get(reverse("wagtailadmin_choose_page_child", args=[storefront_a.pk]))
    assert inside_a.status_code == 404


def test_admin_search_hides_other_owners(client_b, storefront_a):
    for url in (reverse("wagtailadmin_pages:search"), reverse("wagtailadmin_explore_root")):
        html = body(client_b.get(url, {"q": "Aardvark", "search_all": "1"}))
        assert A_TITLE not in html


def test_reports_are_hidden_and_the_page_types_report_is_refused(client_b, storefront_a):
    home = body(client_b.get(reverse("wagtailadmin_home")))
    assert reverse("wagtailadmin_reports:page_types_usage") not in home
    for name in ("page_types_usage", "page_types_usage_results"):
        response = client_b.get(reverse(f"wagtailadmin_reports:{name}"))
        assert response.status_code == 404
        assert A_TITLE not in body(response)
    for name in ("aging_pages", "site_history", "locked_pages"):
        assert A_TITLE not in body(client_b.get(reverse(f"wagtailadmin_reports:{name}")))


def test_staff_keep_the_full_admin(client, staff_user, storefront_a):
    client.force_login(staff_user)
    search_html = chooser_html(
        client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Aardvark"})
    )
    assert A_TITLE in search_html
    report = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert report.status_code == 200
    assert (
        client.get(reverse("wagtailadmin_pages:delete", args=[storefront_a.pk])).status_code == 200
    )


def test_staff_group_members_count_as_staff(client, storefront_a):
    from accounts.roles import STAFF_GROUP_NAME, ensure_role
    from accounts.tests.factories import UserFactory

    colleague = UserFactory(username="colleague")
    colleague.groups.add(ensure_role(STAFF_GROUP_NAME))
    client.force_login(colleague)
    html = chooser_html(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Aardvark"}))
    assert A_TITLE in html


@pytest.mark.parametrize("view", ["delete", "move", "copy", "set_privacy"])
def test_owner_cannot_delete_move_copy_or_set_privacy_on_their_own_page(
    client_b, storefront_b, view
):
    url = reverse(f"wagtailadmin_pages:{view}", args=[storefront_b.pk])
    for response in (client_b.get(url), client_b.post(url)):
        assert response.status_code == 404
    assert Page.objects.filter(pk=storefront_b.pk).exists()
    assert not storefront_b.view_restrictions.exists()


def test_owner_cannot_bulk_delete_their_own_page(client_b, storefront_b):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = client_b.post(f"{url}?id={storefront_b.pk}")
    assert response.status_code == 404
    assert Page.objects.filter(pk=storefront_b.pk).exists()


def test_owner_cannot_publish_unpublish_or_delete_another_owners_page(client_b, storefront_a):
    client_b.post(
        reverse("wagtailadmin_pages:edit", args=[storefront_a.pk]), {"action-publish": "1"}
    )
    client_b.post(reverse("wagtailadmin_pages:delete", args=[storefront_a.pk]))
    storefront_a.refresh_from_db()
    assert not storefront_a.live
    from storefront_pages.publishing import publish_storefront

    publish_storefront(storefront_a, storefront_a.owner)
    client_b.post(reverse("wagtailadmin_pages:unpublish", args=[storefront_a.pk]))
    storefront_a.refresh_from_db()
    assert storefront_a.live


def test_the_editor_offers_owners_no_delete_move_or_copy(client_b, storefront_b):
    html = body(client_b.get(reverse("wagtailadmin_pages:edit", args=[storefront_b.pk])))
    for name in ("delete", "move", "copy"):
        assert reverse(f"wagtailadmin_pages:{name}", args=[storefront_b.pk]) not in html


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return querydict_from_html(body(response), form_id="page-edit-form")


def test_owner_edits_headline_and_slug_in_the_editor(client_b, storefront_b):
    data = edit_form(client_b, storefront_b)
    data["headline"] = "Sharp cuts, warm welcome"
    data["slug"] = "bumblebee-barbers-leeds"
    response = client_b.post(reverse("wagtailadmin_pages:edit", args=[storefront_b.pk]), data)
    assert response.status_code == 302
    draft = StorefrontPage.objects.get(pk=storefront_b.pk).get_latest_revision_as_object()
    assert draft.headline == "Sharp cuts, warm welcome"
    assert draft.slug == "bumblebee-barbers-leeds"


def test_editor_refuses_a_reserved_slug_and_closing_before_opening(client_b, storefront_b):
    data = edit_form(client_b, storefront_b)
    data["slug"] = "admin"
    data["opening_hours-TOTAL_FORMS"] = "1"
    data.update(
        {
            "opening_hours-0-weekday": "0",
            "opening_hours-0-opens": "17:00",
            "opening_hours-0-closes": "09:00",
            "opening_hours-0-ORDER": "1",
            "opening_hours-0-DELETE": "",
            "opening_hours-0-id": "",
        }
    )
    response = client_b.post(reverse("wagtailadmin_pages:edit", args=[storefront_b.pk]), data)
    html = body(response)
    assert response.status_code == 200
    assert "reserved for MintKit Hub" in html
    assert "The closing time must be after the opening time." in html
    assert StorefrontPage.objects.get(pk=storefront_b.pk).slug != "admin"


def test_the_admin_home_is_the_owners_dashboard(client_b, storefront_b):
    # Wagtail's logo leads to the admin home: for an owner that is their dashboard.
    response = client_b.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
