"""Fuzz: the Studio's signed API calls, and an owner deleting or exporting their account."""

import json
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from accounts.tests.factories import PASSWORD
from fake_studio.signing import sign
from storefront_pages.tests.factories import make_storefront
from studio.models import MintKitAccess

from .conftest import INPUT, TEXT, fuzz, send

pytestmark = pytest.mark.django_db

# Values the Studio's JSON could carry where a code or a sub belongs: anything JSON allows,
# huge numbers, NULs, overlong strings and nesting.
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats(allow_nan=False)
    | INPUT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)
RAW_BODIES = st.sampled_from(
    [
        b"",
        b"\x00",
        b'{"code": "\x00"}',
        b'{"sub": "\\u0000"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b'{"code": ' + b"9" * 5000 + b"}",
        b'{"sub": 1e999999}',
        b'{"code": NaN}',
        b"\xff\xfe\xfd",
        b'{"code": "' + b"x" * 1_000_000 + b'"}',
    ]
) | st.binary(max_size=300)


@pytest.fixture
def studio_sub(db):
    """The Studio's id for a real owner who has opened it once."""
    storefront = make_storefront("Kingfisher Kitchens", live=True)
    record, _ = MintKitAccess.objects.get_or_create(profile=storefront.owner.profile)
    return str(record.external_id)


def post_signed(client, path, body):
    header = sign(body, settings.MINTKIT_SHARED_SECRET, int(time.time()))
    return send(
        client, "post", path, body, content_type="application/json", HTTP_MINTKIT_SIGNATURE=header
    )


def studio_body(field, known):
    """JSON objects with ``field`` the real value, anything, or missing; or any raw bytes."""
    value = st.just(known) | JSON
    payload = st.fixed_dictionaries({}, optional={field: value}) | st.dictionaries(
        TEXT, JSON, max_size=3
    ).flatmap(lambda extra: value.map(lambda v: {**extra, field: v}))
    return payload.map(lambda p: json.dumps(p).encode()) | RAW_BODIES


@fuzz(500)
@given(data=st.data())
def test_studio_exchange(client, studio_sub, data):
    body = data.draw(studio_body("code", "not-a-launch-code"))
    response = post_signed(client, "/studio/api/exchange/", body)
    assert response.status_code == 400


@fuzz(500)
@given(data=st.data())
def test_studio_access(client, studio_sub, data):
    body = data.draw(studio_body("sub", studio_sub))
    response = post_signed(client, "/studio/api/access/", body)
    assert response.status_code in {200, 400, 404}
    if response.status_code == 200:
        assert response.json()["sub"] == studio_sub


@pytest.fixture
def signed_in_owner(client, db):
    """An owner with a live storefront (no Stripe subscription), signed in."""
    return make_storefront("Heron Hairdressers", live=True).owner


@fuzz(500)
@given(
    password=st.sampled_from([PASSWORD, PASSWORD + " ", PASSWORD.upper()]) | INPUT,
    extra=st.dictionaries(INPUT, INPUT, max_size=3),
    drop_password=st.booleans(),
)
def test_delete_account(client, signed_in_owner, password, extra, drop_password):
    data = {**extra} if drop_password else {**extra, "password": password}
    right_password = data.get("password") == PASSWORD
    # The request guard refuses any NUL before the view sees the password.
    has_nul = any("\x00" in text for item in data.items() for text in item)

    def deleted_only_with_the_right_password(response):
        deleted = not get_user_model().objects.filter(pk=signed_in_owner.pk).exists()
        # Never without the right password; with it, unless the request is refused whole (400:
        # a NUL, or a form Django will not read, such as a field name too long to be real).
        if deleted:
            assert right_password and not has_nul, (data, response.status_code)
        assert response.status_code == (302 if deleted else 400), data

    client.force_login(signed_in_owner)  # a deletion logs the client out; its rollback does not
    send(client, "post", "/accounts/delete/", data, then=deleted_only_with_the_right_password)


@fuzz(200)
@given(method=st.sampled_from(["get", "post"]), data=st.dictionaries(INPUT, INPUT, max_size=3))
def test_export_data(client, signed_in_owner, method, data):
    client.force_login(signed_in_owner)
    response = send(client, method, "/accounts/export/", data)
    assert response.status_code in ({200, 400} if method == "get" else {400, 405})
    assert get_user_model().objects.filter(pk=signed_in_owner.pk).exists()
