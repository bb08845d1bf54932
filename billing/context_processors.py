"""Tells every page whether payments go to the offline Stripe stand-in (the test ribbon)."""

from django.conf import settings


def payments_mode(request):
    return {"TEST_PAYMENTS": uses_offline_stand_in()}


def uses_offline_stand_in():
    return settings.STRIPE_SECRET_KEY == settings.FAKE_STRIPE_SECRET_KEY or (
        settings.STRIPE_API_BASE.startswith(("http://127.0.0.1", "http://localhost"))
    )
