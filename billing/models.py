"""Plans, the Stripe customer and subscription of each owner, and every Stripe event received."""

from django.db import models
from django.utils import timezone

from accounts.models import Profile

CURRENCY_SYMBOLS = {"gbp": "£", "eur": "€", "usd": "$"}


def format_money(amount, currency):
    """Minor units as people read them: 1999, "gbp" → "£19.99"; unknown currencies by code."""
    symbol = CURRENCY_SYMBOLS.get(currency.lower(), "")
    number = f"{amount / 100:,.2f}"
    return f"{symbol}{number}" if symbol else f"{number} {currency.upper()}"


class SubscriptionPlan(models.Model):
    """A plan an owner can subscribe to; its Stripe Price is made by ``sync_stripe_plans``."""

    class Interval(models.TextChoices):
        MONTH = "month", "Monthly"
        YEAR = "year", "Yearly"

    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True, help_text="Used in the checkout address; never change it.")
    description = models.TextField(blank=True)
    price_amount = models.PositiveIntegerField(
        "price (minor units)", help_text="In pence/cents: 1999 is £19.99."
    )
    currency = models.CharField(max_length=3, default="gbp")
    interval = models.CharField(max_length=5, choices=Interval.choices, default=Interval.MONTH)
    free_period_days = models.PositiveSmallIntegerField(
        default=14, help_text="Free days at the start of a Stripe subscription (0 for none)."
    )
    stripe_product_id = models.CharField(max_length=255, blank=True)
    stripe_price_id = models.CharField(
        max_length=255, blank=True, help_text="Filled in by sync_stripe_plans."
    )
    active = models.BooleanField(default=True, help_text="Inactive plans are not offered.")
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ordering", "price_amount"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A Stripe Price never changes its amount: once ours does, the old Price would charge the
        # wrong money, so the plan is not for sale until sync_stripe_plans gives it a new one.
        if self.pk and self.stripe_price_id:
            before = (
                SubscriptionPlan.objects.filter(pk=self.pk)
                .values("price_amount", "currency", "interval")
                .first()
            )
            now = {
                "price_amount": self.price_amount,
                "currency": self.currency,
                "interval": self.interval,
            }
            if before and before != now:
                self.stripe_price_id = ""
        super().save(*args, **kwargs)

    @property
    def price_display(self):
        return format_money(self.price_amount, self.currency)

    @property
    def interval_display(self):
        return "month" if self.interval == self.Interval.MONTH else "year"


class BillingCustomer(models.Model):
    """The one Stripe customer of an owner: kept so an owner never gets two."""

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="billing")
    stripe_customer_id = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self):
        return self.stripe_customer_id


class Subscription(models.Model):
    """Our copy of one Stripe subscription; Stripe is the source of truth, sync.py writes it."""

    class Status(models.TextChoices):
        TRIALING = "trialing", "Free period"
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Payment overdue"
        CANCELED = "canceled", "Cancelled"
        UNPAID = "unpaid", "Unpaid"
        INCOMPLETE = "incomplete", "Incomplete"
        INCOMPLETE_EXPIRED = "incomplete_expired", "Incomplete (expired)"
        PAUSED = "paused", "Paused"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="subscriptions")
    plan = models.ForeignKey(
        SubscriptionPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stripe_customer_id = models.CharField(max_length=255, db_index=True)
    stripe_subscription_id = models.CharField(max_length=255, unique=True)
    stripe_price_id = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    trial_end = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    cancel_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    stripe_created_at = models.DateTimeField(null=True, blank=True)
    last_synced_at = models.DateTimeField()

    class Meta:
        ordering = ["-stripe_created_at", "-pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.stripe_subscription_id} ({self.status})"

    @property
    def ends_at(self):
        """When the subscription stops, if it is set to stop."""
        if self.ended_at:
            return self.ended_at
        if self.cancel_at_period_end or self.cancel_at:
            return self.cancel_at or self.current_period_end
        return None


class StripeEvent(models.Model):
    """Every signed Stripe event, stored once by id: the webhook's audit trail and dedupe key."""

    stripe_event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    stripe_created_at = models.DateTimeField()
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.stripe_event_id}"


class TrialReminder(models.Model):
    """A reminder sent before an owner's sign-up trial ends: one row per owner and reminder,
    so running the scheduled command again never sends it twice."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="trial_reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "days_before"], name="one_trial_reminder_per_day_before"
            )
        ]

    def __str__(self):
        return f"{self.profile}: {self.days_before} day(s) before the trial ends"
