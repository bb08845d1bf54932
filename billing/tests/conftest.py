"""Billing test fixtures: an in-process Stripe stand-in, a plan priced in it, a signed-in owner."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.tests.factories import ProfileFactory
from fake_stripe.server import FakeStripeServer

from .factories import PlanFactory


@pytest.fixture
def fake_stripe(settings):
    """A fresh stand-in on a free port; STRIPE_API_BASE points at it; events are only recorded."""
    server = FakeStripeServer(
        api_key=settings.FAKE_STRIPE_SECRET_KEY,
        webhook_secret=settings.FAKE_STRIPE_WEBHOOK_SECRET,
        webhook_url=None,
    )
    server.start()
    settings.STRIPE_API_BASE = server.base_url
    yield server
    server.stop()


@pytest.fixture
def plan(fake_stripe):
    """A plan with a 14-day free period whose Price exists in the stand-in."""
    plan = PlanFactory(slug="studio-monthly", name="Studio Monthly", free_period_days=14)
    call_command("sync_stripe_plans", stdout=StringIO())
    plan.refresh_from_db()
    return plan


@pytest.fixture
def owner(client):
    """A signed-in business owner."""
    profile = ProfileFactory(business_name="Iron Temple Gym")
    client.force_login(profile.user)
    return profile
