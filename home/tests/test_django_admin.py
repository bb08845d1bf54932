"""The Django admin: every business model with filters and search; Stripe data read-only."""

import pytest
from django.contrib import admin

from accounts.models import Profile
from accounts.tests.factories import UserFactory
from billing.models import BillingCustomer, StripeEvent, Subscription, SubscriptionPlan
from storefront_pages.models import StorefrontAccess, StorefrontPage
from studio.models import MintKitAccess

MODELS = [
    Profile,
    SubscriptionPlan,
    BillingCustomer,
    Subscription,
    StripeEvent,
    MintKitAccess,
    StorefrontPage,
    StorefrontAccess,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered_with_filters_and_search(model):
    model_admin = admin.site._registry[model]
    assert model_admin.list_filter
    assert model_admin.search_fields


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [BillingCustomer, Subscription, StripeEvent, MintKitAccess], ids=lambda m: m.__name__
)
def test_stripe_and_launch_records_cannot_be_added_or_deleted(rf, model):
    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    if model is not MintKitAccess:
        assert not model_admin.has_delete_permission(request)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["billing/subscription", "billing/stripeevent", "accounts/profile"]
)
def test_django_admin_lists_open_for_staff(client, path):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/django-admin/{path}/").status_code == 200
