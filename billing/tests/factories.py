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
