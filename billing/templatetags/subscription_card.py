"""What the dashboard's subscription card shows, decided by billing's rules, not the template."""

from dataclasses import dataclass

from django import template

from billing.access import GRACE, SUBSCRIPTION_ACCESS
from billing.checkout import LIVE_STATUSES
from billing.models import Subscription

register = template.Library()


@dataclass(frozen=True)
class SubscriptionCard:
    """The card's answers about one owner's current subscription (None: they have none)."""

    subscription: Subscription | None

    @property
    def status_tone(self):
        """The badge's Bootstrap colour: access, access at risk, or none."""
        status = self.subscription.status if self.subscription else None
        if status in SUBSCRIPTION_ACCESS:
            return "success"
        if status in GRACE:
            return "warning"
        return "secondary"

    @property
    def payment_failed(self):
        return self.subscription is not None and self.subscription.status in GRACE

    @property
    def may_choose_plan(self):
        """No subscription that is still the owner's: checkout would start a new one."""
        return self.subscription is None or self.subscription.status not in LIVE_STATUSES


@register.simple_tag
def subscription_card(subscription):
    return SubscriptionCard(subscription)
