"""Tells every page whether payments go to the offline Stripe stand-in (the test ribbon)."""

from django.conf import settings

from .stand_in import is_offline_stand_in


def payments_mode(request):
    return {
        "TEST_PAYMENTS": is_offline_stand_in(
            settings.STRIPE_API_BASE, settings.STRIPE_SECRET_KEY, settings.FAKE_STRIPE_SECRET_KEY
        )
    }
