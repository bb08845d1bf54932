"""What an owner sees of billing on the dashboard, the home page and every page's ribbon."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime

from accounts.tests.factories import ProfileFactory
from accounts.tests.page_text import page_text

from .factories import BillingCustomerFactory, PlanFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def dashboard_text(client, profile):
    client.force_login(profile.user)
    return page_text(client.get(reverse("dashboard")))


def subscriber(**subscription):
    """An owner past their sign-up trial with a Stripe customer and one subscription."""
    profile = ProfileFactory(trial_ended=True)
    BillingCustomerFactory(profile=profile)
    SubscriptionFactory(profile=profile, **subscription)
    return profile


def test_trial_owner_sees_days_left_and_choose_a_plan(client):
    profile = ProfileFactory(trial_ends_at=timezone.now() + timedelta(days=9, hours=3))
    text = dashboard_text(client, profile)
    assert "10 days left" in text
    assert "Choose a plan" in text
    assert "Manage subscription" not in text


def test_expired_trial_owner_is_told_and_offered_plans(client):
    text = dashboard_text(client, ProfileFactory(trial_ended=True))
    assert "Your free trial ended on" in text
    assert "Choose a plan" in text


def test_active_subscriber_sees_plan_status_renewal_and_manage(client):
    renews = timezone.now() + timedelta(days=20)
    profile = subscriber(
        plan=PlanFactory(name="Growth"), status="active", current_period_end=renews
    )
    text = dashboard_text(client, profile)
    assert "Growth" in text
    assert "Active" in text
    assert "Renews on" in text
    assert f"{localtime(renews):%-d %B %Y}" in text
    assert "Manage subscription" in text
    assert "Choose a plan" not in text


def test_cancel_at_period_end_shows_the_end_date(client):
    end = timezone.now() + timedelta(days=5)
    profile = subscriber(status="active", cancel_at_period_end=True, current_period_end=end)
    text = dashboard_text(client, profile)
    assert f"Your subscription is set to end on {localtime(end):%-d %B %Y}" in text


def test_past_due_owner_is_warned_and_keeps_the_studio(client):
    text = dashboard_text(client, subscriber(past_due=True))
    assert "Your last payment failed" in text
    assert "Payment overdue" in text
    assert "Open MintKit Studio" in text
    assert "Fix payment" in text


def test_canceled_subscriber_is_offered_plans_again(client):
    text = dashboard_text(client, subscriber(canceled=True))
    assert "Cancelled" in text
    assert "Choose a plan" in text
    assert "Open MintKit Studio" not in text


def test_home_page_shows_plans_and_prices(client):
    PlanFactory(name="Starter", price_amount=900, free_period_days=14)
    text = page_text(client.get("/"))
    assert "Starter" in text
    assert "£9.00" in text
    assert "First 14 days free" in text


def test_test_payments_ribbon_only_with_the_offline_stand_in(client, settings):
    assert "Test payments: no real money moves" in client.get("/").content.decode()
    settings.STRIPE_SECRET_KEY = "sk_live_real"
    settings.STRIPE_API_BASE = "https://api.stripe.com"
    assert "Test payments" not in client.get("/").content.decode()
