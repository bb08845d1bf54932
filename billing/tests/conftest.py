"""Billing test fixtures: an in-process offline Stripe stand-in the real SDK talks to."""

import pytest

from billing.fake_stripe.server import FakeStripeServer


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
