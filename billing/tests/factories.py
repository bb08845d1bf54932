"""Test data for plans and subscriptions."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import ProfileFactory
from billing.models import BillingCustomer, Subscription, SubscriptionPlan


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubscriptionPlan
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    description = "Storefront, Studio and support."
    price_amount = 1900
    currency = "gbp"
    interval = "month"
    free_period_days = 14


class BillingCustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillingCustomer

    profile = factory.SubFactory(ProfileFactory)
    stripe_customer_id = factory.Sequence(lambda n: f"cus_test{n:06d}")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    profile = factory.SubFactory(ProfileFactory)
    plan = factory.SubFactory(PlanFactory)
    stripe_customer_id = factory.Sequence(lambda n: f"cus_sub{n:06d}")
    stripe_subscription_id = factory.Sequence(lambda n: f"sub_test{n:06d}")
    status = Subscription.Status.ACTIVE
    current_period_end = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    stripe_created_at = factory.Sequence(lambda n: timezone.now() + timedelta(seconds=n))
    last_synced_at = factory.LazyFunction(timezone.now)

    class Params:
        # In the plan's free period (Stripe's "trialing"), billed when it ends.
        trialing = factory.Trait(
            status=Subscription.Status.TRIALING,
            trial_end=factory.LazyFunction(lambda: timezone.now() + timedelta(days=14)),
        )
        # The last payment failed; Stripe is retrying.
        past_due = factory.Trait(status=Subscription.Status.PAST_DUE)
        # Ended: no access, a new checkout may start.
        canceled = factory.Trait(
            status=Subscription.Status.CANCELED,
            ended_at=factory.LazyFunction(timezone.now),
        )


def owner_in_state(trial_active=True, status=None):
    """A profile whose sign-up trial is running or over, with a subscription in ``status``."""
    profile = ProfileFactory(trial_ended=not trial_active)
    if status:
        SubscriptionFactory(profile=profile, status=status)
    return profile


# Every state the access rule knows: (label, trial active, subscription status, access, reason).
ACCESS_STATES = [
    ("trial active", True, None, True, "signup_trial"),
    ("trial expired", False, None, False, "none"),
    ("trialing", False, "trialing", True, "subscription"),
    ("active", False, "active", True, "subscription"),
    ("past_due", False, "past_due", True, "past_due_grace"),
    ("canceled", False, "canceled", False, "none"),
    ("unpaid", False, "unpaid", False, "none"),
    ("incomplete", False, "incomplete", False, "none"),
    ("paused", False, "paused", False, "none"),
]
