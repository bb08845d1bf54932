"""Studio test fixtures: the Stripe stand-in (billing's), and the Studio stand-in as receiver."""

import pytest

from billing.tests.conftest import fake_stripe  # noqa: F401 - a fixture, used by name
from fake_studio.server import FakeStudioServer


@pytest.fixture
def studio_receiver(settings):
    """The offline Studio stand-in on a free port, receiving the access webhooks."""
    server = FakeStudioServer("http://127.0.0.1:9", settings.MINTKIT_SHARED_SECRET).start()
    settings.MINTKIT_STUDIO_WEBHOOK_URL = f"{server.base_url}/webhooks"
    yield server
    server.stop()
