"""The stand-in's test fixtures: fresh in-process servers on free ports, and what they sell."""

import pytest

from fake_stripe.server import FakeStripeServer

from .driving import API_KEY, WEBHOOK_SECRET, make_catalog, sdk


@pytest.fixture
def fake_stripe():
    """A fresh stand-in on a free port that only records its events."""
    with FakeStripeServer(api_key=API_KEY, webhook_secret=WEBHOOK_SECRET) as server:
        yield server


@pytest.fixture
def stripe_client(fake_stripe):
    return sdk(fake_stripe)


@pytest.fixture
def catalog(stripe_client):
    return make_catalog(stripe_client)


@pytest.fixture
def start_stand_in():
    """Starts stand-ins that keep their state in the file given; all are stopped afterwards."""
    servers = []

    def start(state_file):
        server = FakeStripeServer(
            api_key=API_KEY, webhook_secret=WEBHOOK_SECRET, state_file=state_file
        )
        servers.append(server.start())
        return server

    yield start
    for server in servers:
        server.stop()
