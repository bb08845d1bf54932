"""Fuzz: correctly signed webhook bodies of every shape, as only Stripe (or its key) could send."""

import json

import pytest
import stripe
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from billing.webhooks import SUBSCRIPTION_EVENTS

from .conftest import INPUT, TEXT, fuzz, send

pytestmark = pytest.mark.django_db

ID_LIKE = st.one_of(
    INPUT,
    st.sampled_from(["sub_1", "cus_1", "", "in_1"]),
    st.integers(),
    st.none(),
    st.lists(TEXT, max_size=2),
    st.fixed_dictionaries({"id": INPUT}),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)
OBJECT = st.fixed_dictionaries(
    {},
    optional={
        "id": ID_LIKE,
        "object": st.sampled_from(["subscription", "invoice", "checkout.session"]) | INPUT,
        "customer": ID_LIKE,
        "subscription": ID_LIKE,
        "mode": st.sampled_from(["subscription", "payment"]) | INPUT,
        "parent": JSON
        | st.fixed_dictionaries(
            {"subscription_details": JSON | st.fixed_dictionaries({"subscription": ID_LIKE})}
        ),
        "metadata": JSON,
    },
)
EVENT = st.fixed_dictionaries(
    {
        "id": st.one_of(st.just("evt_fuzz"), INPUT, st.integers()),
        "object": st.sampled_from(["event"]) | INPUT,
        "type": st.sampled_from(sorted(SUBSCRIPTION_EVENTS) + ["customer.created"]) | INPUT,
        "created": st.one_of(
            st.integers(min_value=0, max_value=2**32),
            st.integers(),
            st.floats(allow_nan=False),
            INPUT,
        ),
        "data": st.one_of(st.fixed_dictionaries({"object": OBJECT}), JSON),
    },
    optional={"livemode": JSON, "api_version": JSON},
)


def post_signed(client, body):
    header = stripe.WebhookSignature.generate_signature_header(body, settings.STRIPE_WEBHOOK_SECRET)
    return send(
        client,
        "post",
        "/billing/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


@fuzz(800)
@given(event=EVENT, twice=st.booleans())
def test_signed_events(client, event, twice):
    body = json.dumps(event)
    response = post_signed(client, body)
    assert response.status_code in {200, 400}
    if twice:
        post_signed(client, body)


@fuzz(200)
@given(body=TEXT | JSON.map(json.dumps) | st.sampled_from(["[" * 5000 + "]" * 5000, "{}", "null"]))
def test_signed_bodies_that_are_not_events(client, body):
    response = post_signed(client, body)
    assert response.status_code in {200, 400}
