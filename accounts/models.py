"""The business profile every owner gets at sign-up."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class Profile(models.Model):
    """One business owner: their business name, contact email and sign-up trial."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    business_name = models.CharField(max_length=120)
    contact_email = models.EmailField(
        help_text="Where customers and MintKit reach the business. Defaults to the sign-up email."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    trial_ends_at = models.DateTimeField(
        help_text="End of the free trial that starts at sign-up (no card needed)."
    )

    class Meta:
        ordering = ["business_name"]
        indexes = [
            # The staff Businesses list pages through every profile in this order (the admin
            # adds "-id" to make it total): without the index each page sorts all of them.
            models.Index(fields=["business_name", "-id"], name="profile_listing_order"),
        ]

    def __str__(self):
        return self.business_name

    @property
    def email(self):
        return self.user.email

    def trial_active(self, now=None):
        return (now or timezone.now()) < self.trial_ends_at

    def trial_days_left(self, now=None):
        """Whole days of the sign-up trial still to come (a part day counts as one)."""
        remaining = self.trial_ends_at - (now or timezone.now())
        if remaining.total_seconds() <= 0:
            return 0
        return remaining.days + (1 if remaining.seconds or remaining.microseconds else 0)


def trial_end_from(start):
    """When a sign-up trial that starts at ``start`` ends."""
    return start + timedelta(days=settings.TRIAL_DAYS)
