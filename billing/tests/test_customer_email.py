"""The Stripe customer's email follows the owner's primary email."""

import pytest
from allauth.account.models import EmailAddress

from billing.checkout import ensure_customer

pytestmark = pytest.mark.django_db


def test_changing_the_primary_email_updates_the_stripe_customer(
    client, owner, fake_stripe, django_capture_on_commit_callbacks
):
    customer_id = ensure_customer(owner)
    EmailAddress.objects.create(
        user=owner.user, email=owner.user.email, primary=True, verified=True
    )
    new = EmailAddress.objects.create(user=owner.user, email="new.desk@example.com", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/email/", {"action_primary": "", "email": new.email})
    assert fake_stripe.state.customers[customer_id]["email"] == "new.desk@example.com"
