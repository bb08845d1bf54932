"""Making each plan's Stripe Product and Price exist: creates what is missing, never duplicates."""

import logging

from django.contrib import messages

from . import gateway
from .models import SubscriptionPlan

logger = logging.getLogger(__name__)


def sync_plan(plan):
    """Ensure ``plan`` has a Stripe Product and a Price matching its amount; returns what it did."""
    done = []
    # Looked up by the plan's slug every time, so an account that lost the product (or a fresh
    # offline stand-in) gets it back instead of an error about a stale id.
    product = gateway.find_product(plan.slug)
    if product is None:
        product = gateway.create_product(
            plan_slug=plan.slug, name=plan.name, description=plan.description
        )
        done.append(f"product {product.id}")
    plan.stripe_product_id = product.id
    price = gateway.find_price(
        product_id=plan.stripe_product_id,
        amount=plan.price_amount,
        currency=plan.currency,
        interval=plan.interval,
    )
    if price is None:
        price = gateway.create_price(
            product_id=plan.stripe_product_id,
            plan_slug=plan.slug,
            amount=plan.price_amount,
            currency=plan.currency,
            interval=plan.interval,
        )
        done.append(f"price {price.id}")
    if plan.stripe_price_id != price.id:
        plan.stripe_price_id = price.id
        done.append(f"linked price {price.id}")
    plan.save(update_fields=["stripe_product_id", "stripe_price_id"])
    return done


def sync_all_plans():
    """(plan, what was done) for every plan, active or not, so old subscriptions still map."""
    return [(plan, sync_plan(plan)) for plan in SubscriptionPlan.objects.all()]


def sync_plan_for_staff(request, plan):
    """After staff save a plan, make its Stripe Price match at once and say how it went."""
    try:
        done = sync_plan(plan)
    except gateway.PaymentServiceError:
        logger.exception("Could not sync plan %s with Stripe after an admin edit", plan.slug)
        messages.warning(
            request,
            f"“{plan}” is saved, but Stripe could not be reached: owners cannot buy it until "
            "`python manage.py sync_stripe_plans` has run.",
        )
        return
    if done:
        messages.info(request, f"Stripe is up to date for “{plan}”: {', '.join(done)}.")
