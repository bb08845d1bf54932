"""The numbers staff run the business by, computed in the database, each with the Businesses
list filter that shows the owners behind it.

Definitions (also in docs/UX.md):

- An owner's *state* comes from their latest subscription (by Stripe's creation time); owners
  who never subscribed are *trial* while their sign-up trial lasts, then *trial ended*. The
  statuses unpaid, incomplete, incomplete_expired and paused count as *other*.
- *MRR*: active subscriptions at their plan's price, yearly plans divided by 12, per currency.
- *Trial → paid conversion* over N days: of the owners whose sign-up trial ended in the last N
  days, the share whose latest subscription is active or past due (they have been billed).
- *Churn* over 30 days: of the subscriptions running (free period, active or past due) 30 days
  ago, the share that has ended since.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from billing.models import Subscription, format_money
from storefront_pages.models import StorefrontPage

S = Subscription.Status
OTHER_STATUSES = [S.UNPAID, S.INCOMPLETE, S.INCOMPLETE_EXPIRED, S.PAUSED]
RUNNING_STATUSES = [S.TRIALING, S.ACTIVE, S.PAST_DUE]
STATES = {
    "trial": "Sign-up trial",
    "trial_ended": "Trial ended, no plan",
    "free_period": "Plan's free period",
    "active": "Active",
    "past_due": "Payment overdue",
    "canceled": "Cancelled",
    "other": "Other (unpaid, incomplete, paused)",
}
CONVERSION_WINDOWS = (30, 90)
SIGN_UP_WEEKS = 12
CHART_HEIGHT = 80
CHART_TOP = 10  # room for the count above the tallest bar
BAR_PITCH = 20


def with_current_status(profiles):
    """Profiles annotated with the status of their latest subscription (None if never)."""
    latest = Subscription.objects.filter(profile=OuterRef("pk")).order_by(
        "-stripe_created_at", "-pk"
    )
    return profiles.annotate(current_status=Subquery(latest.values("status")[:1]))


def state_q(state, now):
    """The condition on ``with_current_status`` profiles for one of STATES."""
    never = Q(current_status__isnull=True)
    return {
        "trial": never & Q(trial_ends_at__gt=now),
        "trial_ended": never & Q(trial_ends_at__lte=now),
        "free_period": Q(current_status=S.TRIALING),
        "active": Q(current_status=S.ACTIVE),
        "past_due": Q(current_status=S.PAST_DUE),
        "canceled": Q(current_status=S.CANCELED),
        "other": Q(current_status__in=OTHER_STATUSES),
    }[state]


def trial_ended_within_q(days, now):
    return Q(trial_ends_at__gt=now - timedelta(days=days), trial_ends_at__lte=now)


def paid_q():
    return Q(current_status__in=[S.ACTIVE, S.PAST_DUE])


def businesses_url(**filters):
    """The staff list of businesses (the Profile modeladmin), filtered."""
    return f"{reverse('accounts_profile_modeladmin_index')}?{urlencode(filters)}"


@dataclass
class Figure:
    label: str
    value: str
    url: str


@dataclass
class WeekBar:
    week_start: object
    count: int
    url: str
    height: int = 0  # in the chart's units: the busiest week is CHART_HEIGHT tall
    x: int = 0

    @property
    def y(self):
        return CHART_TOP + CHART_HEIGHT - self.height

    @property
    def label_y(self):
        return self.y - 2


def owners_by_state(now):
    profiles = with_current_status(Profile.objects.all())
    counts = profiles.aggregate(
        **{state: Count("pk", filter=state_q(state, now)) for state in STATES}
    )
    return [
        Figure(label, str(counts[state]), businesses_url(state=state))
        for state, label in STATES.items()
    ]


def monthly_recurring_revenue():
    """Per currency, in minor units: active subscriptions at their plan's price."""
    totals = {}
    rows = (
        Subscription.objects.filter(status=S.ACTIVE, plan__isnull=False)
        .values("plan__currency", "plan__interval", "plan__price_amount")
        .annotate(subscriptions=Count("pk"))
    )
    for row in rows:
        yearly = row["plan__interval"] == "year"
        amount = row["plan__price_amount"] * row["subscriptions"] / (12 if yearly else 1)
        currency = row["plan__currency"].lower()
        totals[currency] = totals.get(currency, 0) + amount
    if not totals:
        return [Figure("MRR", "none yet (no active subscriptions)", businesses_url(state="active"))]
    return [
        Figure(
            f"MRR ({currency.upper()})",
            format_money(round(amount), currency),
            businesses_url(state="active"),
        )
        for currency, amount in sorted(totals.items())
    ]


def percent(part, whole):
    return f"{100 * part / whole:.0f}% ({part} of {whole})" if whole else "— (none yet)"


def conversions(now):
    profiles = with_current_status(Profile.objects.all())
    figures = []
    for days in CONVERSION_WINDOWS:
        window = trial_ended_within_q(days, now)
        counts = profiles.aggregate(
            ended=Count("pk", filter=window), paid=Count("pk", filter=window & paid_q())
        )
        figures.append(
            Figure(
                f"Trial → paid, last {days} days",
                percent(counts["paid"], counts["ended"]),
                businesses_url(trial_ended=str(days)),
            )
        )
    return figures


def churn(now, days=30):
    start = now - timedelta(days=days)
    running_at_start = Subscription.objects.filter(
        Q(started_at__lt=start) | Q(started_at__isnull=True, stripe_created_at__lt=start),
        Q(ended_at__isnull=True) | Q(ended_at__gte=start),
    ).exclude(status__in=[S.INCOMPLETE, S.INCOMPLETE_EXPIRED])
    counts = running_at_start.aggregate(
        running=Count("pk"), ended=Count("pk", filter=Q(ended_at__gte=start, ended_at__lte=now))
    )
    return Figure(
        f"Churn, last {days} days",
        percent(counts["ended"], counts["running"]),
        businesses_url(state="canceled"),
    )


def sign_up_weeks(now):
    """The Mondays that start the last SIGN_UP_WEEKS calendar weeks, this week last."""
    today = timezone.localtime(now).date()
    this_week = today - timedelta(days=today.weekday())
    return [this_week - timedelta(weeks=n) for n in range(SIGN_UP_WEEKS - 1, -1, -1)]


def sign_ups_per_week(now):
    """Sign-ups in each of the last SIGN_UP_WEEKS calendar weeks (Monday to Sunday)."""
    weeks = sign_up_weeks(now)
    first_week = weeks[0]
    rows = (
        Profile.objects.filter(created_at__date__gte=first_week)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(count=Count("pk"))
    )
    by_week = {row["week"].date(): row["count"] for row in rows}
    busiest = max(by_week.values(), default=0) or 1
    return [
        WeekBar(
            week,
            by_week.get(week, 0),
            businesses_url(signed_up_week=week.isoformat()),
            height=round(CHART_HEIGHT * by_week.get(week, 0) / busiest),
            x=index * BAR_PITCH,
        )
        for index, week in enumerate(weeks)
    ]


def live_storefronts():
    return Figure(
        "Live storefronts",
        str(StorefrontPage.objects.live().count()),
        businesses_url(storefront="live"),
    )


def business_figures(now=None):
    """Everything the staff panel shows."""
    now = now or timezone.now()
    return {
        "states": owners_by_state(now),
        "revenue": [
            *monthly_recurring_revenue(),
            *conversions(now),
            churn(now),
            live_storefronts(),
        ],
        "sign_ups": sign_ups_per_week(now),
    }
