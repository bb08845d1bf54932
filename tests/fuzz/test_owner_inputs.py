"""Fuzz: everything a signed-in owner can send (profile, storefront, editor, billing, Studio)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from wagtail.test.utils.form_data import querydict_from_html

from accounts.tests.factories import ProfileFactory
from billing.tests.factories import PlanFactory
from storefront_pages.tests.factories import make_storefront

from .conftest import INPUT, TEXT, fuzz, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client, db):
    """An owner with a live storefront and a plan on sale (Stripe is unreachable here)."""
    storefront = make_storefront("Bumblebee Barbers", live=True)
    PlanFactory(slug="starter", stripe_price_id="price_starter")
    client.force_login(storefront.owner)
    return storefront


@pytest.fixture
def new_owner(client, db):
    """An owner without a storefront yet."""
    profile = ProfileFactory()
    client.force_login(profile.user)
    return profile


@fuzz(400)
@given(
    business_name=INPUT,
    contact_email=INPUT | st.emails(),
    extra=st.dictionaries(TEXT, INPUT, max_size=2),
)
def test_profile(client, owner, business_name, contact_email, extra):
    data = {**extra, "business_name": business_name, "contact_email": contact_email}
    send(client, "post", "/dashboard/profile/", data)


@fuzz(300)
@given(name=INPUT, slug=INPUT)
def test_create_storefront(client, new_owner, name, slug):
    send(client, "post", "/dashboard/storefront/new/", {"name": name, "slug": slug})


@fuzz(100)
@given(
    path=st.sampled_from(["/dashboard/storefront/publish/", "/dashboard/storefront/unpublish/"]),
    data=st.dictionaries(INPUT, INPUT, max_size=3),
)
def test_publish_and_unpublish(client, owner, path, data):
    send(client, "post", path, data)


@fuzz(100)
@given(
    path=st.sampled_from(
        ["/dashboard/storefront/qr-code/", "/dashboard/storefront/qr-code.svg", "/dashboard/"]
    ),
    query=st.dictionaries(INPUT, INPUT, max_size=3),
)
def test_qr_code_and_dashboard(client, owner, path, query):
    send(client, "get", path, query)


@fuzz(300)
@given(slug=st.sampled_from(["starter"]) | INPUT, data=st.dictionaries(INPUT, INPUT, max_size=3))
def test_checkout(client, owner, slug, data):
    from urllib.parse import quote

    send(client, "post", f"/billing/checkout/{quote(slug, safe='')}/", data)


@fuzz(300)
@given(session_id=INPUT, query=st.dictionaries(INPUT, INPUT, max_size=2))
def test_checkout_success_and_cancel(client, owner, session_id, query):
    send(client, "get", "/billing/success/", {**query, "session_id": session_id})
    send(client, "get", "/billing/cancel/", query)


@fuzz(100)
@given(data=st.dictionaries(INPUT, INPUT, max_size=3))
def test_portal(client, owner, data):
    send(client, "post", "/billing/portal/", data)


@fuzz(200)
@given(
    data=st.dictionaries(INPUT, INPUT, max_size=3), query=st.dictionaries(INPUT, INPUT, max_size=2)
)
def test_studio_tab_and_launch(client, owner, data, query):
    send(client, "get", "/studio/", query)
    send(client, "post", "/studio/launch/", data)


@pytest.fixture
def editor_form(client, owner):
    """The storefront editor's form exactly as the browser would submit it."""
    url = reverse("wagtailadmin_pages:edit", args=[owner.pk])
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    return url, form


@fuzz(300)
@given(
    changes=st.dictionaries(st.none() | INPUT, INPUT, min_size=1, max_size=4),
    action=st.sampled_from([{}, {"action-publish": "action-publish"}]),
)
def test_storefront_editor(client, editor_form, changes, action):
    url, form = editor_form
    data = form.copy()
    fields = sorted(data.keys())
    for index, (name, value) in enumerate(changes.items()):
        # Change fields the form has (by position) and add ones it does not.
        key = fields[(hash(name) + index) % len(fields)] if name is None else name
        data.setlist(key, [value])
    data.update(action)
    send(client, "post", url, data)
