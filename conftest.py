"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache

from accounts.tests.factories import ProfileFactory


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
