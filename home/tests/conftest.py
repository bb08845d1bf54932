"""Fixtures home's tests share with billing's: the in-process Stripe stand-in and a plan in it."""

from billing.tests.conftest import fake_stripe, plan  # noqa: F401  (fixtures, used by name)
