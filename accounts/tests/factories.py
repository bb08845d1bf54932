"""Test data for owners and their profiles (used by every app's tests)."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Profile, trial_end_from

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"owner{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    business_name = factory.Sequence(lambda n: f"Business {n}")
    contact_email = factory.LazyAttribute(lambda p: p.user.email)
    created_at = factory.LazyFunction(timezone.now)
    trial_ends_at = factory.LazyAttribute(lambda p: trial_end_from(p.created_at))

    class Params:
        # Signed up a while ago; the sign-up trial ended yesterday.
        trial_ended = factory.Trait(
            created_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=15)),
            trial_ends_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )
