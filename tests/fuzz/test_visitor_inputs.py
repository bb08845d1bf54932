"""Fuzz: everything a visitor can send (search, directory, pages, sign-up, log-in, reset)."""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.tests.factories import ProfileFactory
from storefront_pages.tests.factories import make_storefront

from .conftest import INPUT, TEXT, fuzz, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_storefront(db):
    return make_storefront("Bloom & Blade Salon", live=True)


@pytest.fixture
def known_owner(db):
    return ProfileFactory(user__email="known@example.com")


@fuzz(700)
@given(q=INPUT, page=INPUT)
def test_search(client, live_storefront, q, page):
    send(client, "get", "/search/", {"q": q, "page": page})


@fuzz(300)
@given(page=INPUT, extra=st.dictionaries(TEXT, INPUT, max_size=3))
def test_directory_pages(client, live_storefront, page, extra):
    send(client, "get", "/storefront/", {**extra, "page": page})


@fuzz(400)
@given(
    prefix=st.sampled_from(
        ["/storefront/", "/", "/billing/", "/search/", "/documents/", "/media/"]
    ),
    segments=st.lists(INPUT, min_size=1, max_size=3),
)
def test_any_path(client, live_storefront, prefix, segments):
    path = prefix + "/".join(quote(segment, safe="") for segment in segments)
    send(client, "get", path)


@fuzz(500)
@given(login=INPUT, password=INPUT, remember=INPUT)
def test_log_in(client, login, password, remember):
    send(
        client,
        "post",
        "/accounts/login/",
        {"login": login, "password": password, "remember": remember},
    )


@fuzz(500)
@given(
    email=INPUT | st.emails(),
    password=INPUT,
    confirm=st.booleans(),
    business_name=INPUT,
)
def test_sign_up(client, email, password, confirm, business_name):
    data = {
        "email": email,
        "password1": password,
        "password2": password if confirm else password + "x",
        "business_name": business_name,
    }
    send(client, "post", "/accounts/signup/", data)


@fuzz(300)
@given(email=INPUT | st.emails())
def test_password_reset(client, known_owner, email):
    send(client, "post", "/accounts/password/reset/", {"email": email})


@fuzz(200)
@given(
    path=st.sampled_from(
        ["/", "/billing/plans/", "/healthz", "/sitemap.xml", "/robots.txt", "/accounts/login/"]
    ),
    query=st.dictionaries(INPUT, INPUT, max_size=4),
)
def test_public_pages_with_any_query(client, path, query):
    send(client, "get", path, query)
