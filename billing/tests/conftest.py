"""Billing test fixtures: a signed-in owner (the stand-in and a plan are in the root conftest)."""

import pytest

from accounts.tests.factories import ProfileFactory


@pytest.fixture
def owner(client):
    """A signed-in business owner."""
    profile = ProfileFactory(business_name="Iron Temple Gym")
    client.force_login(profile.user)
    return profile
