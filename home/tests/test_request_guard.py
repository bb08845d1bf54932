"""A NUL character anywhere a visitor can put one is a 400 page, never a database error."""

import pytest

from accounts.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=bloom%00salon",
        "/search/?q=bloom&page=%00",
        "/storefront/%00/",
        "/storefront/?page=1%00",
        "/accounts/login/?next=/%00",
    ],
)
def test_nul_in_path_or_query_is_a_400_page(client, url, caplog):
    response = client.get(url)
    assert response.status_code == 400
    assert "couldn't read that request" in response.content.decode()
    assert "NUL character" in caplog.text


def test_nul_in_a_cookie_is_a_400(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/").status_code == 400


def test_nul_in_a_form_field_is_a_400_and_changes_nothing(client):
    profile = ProfileFactory(business_name="Bloom")
    client.force_login(profile.user)
    response = client.post(
        "/dashboard/profile/", {"business_name": "Bl\x00oom", "contact_email": "a@b.co"}
    )
    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.business_name == "Bloom"


def test_other_control_characters_in_search_are_answered(client):
    assert client.get("/search/?q=%01%02%1b%7f").status_code == 200
