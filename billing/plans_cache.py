"""Pages that show the plans (home, plans) leave the page cache when a plan changes."""

from django.db.models.signals import post_delete, post_save

from accounts.public_site import absolute_reverse, absolute_url
from page_cache.store import invalidate

PLANS_CACHE_TAG = "plans"


def plans_changed(sender, instance, **kwargs):
    invalidate(PLANS_CACHE_TAG, urls=[absolute_url("/"), absolute_reverse("billing_plans")])


def connect_plan_signals():
    from .models import SubscriptionPlan

    post_save.connect(plans_changed, sender=SubscriptionPlan, dispatch_uid="billing.plans_saved")
    post_delete.connect(
        plans_changed, sender=SubscriptionPlan, dispatch_uid="billing.plans_deleted"
    )
