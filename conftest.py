"""Fixtures shared by every app's tests (a fresh cache, a signed-in owner, the Stripe stand-in),
and which tests the database in use can run."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from accounts.tests.factories import ProfileFactory
from billing.tests.factories import PlanFactory
from fake_stripe.server import FakeStripeServer

# Marks for tests that only one database can run: the other database's run leaves them out and
# says so, instead of skipping them (CI runs the suite on both, so each runs somewhere).
DATABASE_MARKS = {"postgresql": "postgresql", "sqlite": "sqlite3"}
OTHER_DATABASE = pytest.StashKey[int]()


def database_in_use():
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def pytest_collection_modifyitems(config, items):
    engine = database_in_use()
    other_database = [
        item
        for item in items
        if any(
            item.get_closest_marker(mark) and engine != mark_engine
            for mark, mark_engine in DATABASE_MARKS.items()
        )
    ]
    if other_database:
        config.hook.pytest_deselected(items=other_database)
        items[:] = [item for item in items if item not in other_database]
    config.stash[OTHER_DATABASE] = len(other_database)


def pytest_terminal_summary(terminalreporter, config):
    left_out = config.stash.get(OTHER_DATABASE, 0)
    if left_out:
        terminalreporter.write_line(
            f"{left_out} {'test' if left_out == 1 else 'tests'} left out: they need the other "
            f"database, not {database_in_use()} (marked postgresql or sqlite; CI runs both)."
        )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached values never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner_profile(db):
    """The business owner ``owner_client`` signs in as; a test module may override it."""
    return ProfileFactory(business_name="Rosie's Florist")


@pytest.fixture
def owner_client(client, owner_profile):
    """A test client signed in as a business owner; ``owner_client.profile`` is their profile."""
    client.force_login(owner_profile.user)
    client.profile = owner_profile
    return client


@pytest.fixture
def fake_stripe(settings):
    """A fresh Stripe stand-in on a free port for STRIPE_API_BASE; its events are only recorded."""
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
