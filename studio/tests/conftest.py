"""Studio test fixtures: the Studio stand-in as receiver of the access webhooks."""

import pytest

from fake_studio.server import FakeStudioServer


@pytest.fixture
def studio_receiver(settings):
    """The offline Studio stand-in on a free port, receiving the access webhooks."""
    server = FakeStudioServer("http://127.0.0.1:9", settings.MINTKIT_SHARED_SECRET).start()
    settings.MINTKIT_STUDIO_WEBHOOK_URL = f"{server.base_url}/webhooks"
    yield server
    server.stop()
