"""Plans, Stripe Checkout, the Billing Portal and the Stripe webhook: thin views over billing."""

import logging

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import owner_required
from accounts.models import Profile
from page_cache.store import cache_publicly

from . import gateway, webhooks
from .access import studio_access
from .checkout import (
    CheckoutRefused,
    confirm_checkout,
    offers_free_period,
    portal_url,
    start_checkout,
)
from .models import SubscriptionPlan
from .plans_cache import PLANS_CACHE_TAG

logger = logging.getLogger(__name__)


class SeeOther(HttpResponseRedirect):
    """303: after a POST, the browser follows with a GET (Stripe's hosted pages expect it)."""

    status_code = 303


@require_GET
def plans(request):
    # An anonymous visitor has no profile: no query for one (the page is served to many).
    user = request.user
    profile = Profile.objects.filter(user=user).first() if user.is_authenticated else None
    response = render(
        request,
        "billing/plans.html",
        {
            "plans": SubscriptionPlan.objects.filter(active=True),
            "free_period_offered": offers_free_period(profile),
        },
    )
    return cache_publicly(response, PLANS_CACHE_TAG)


@require_POST
@owner_required
def checkout(request, slug):
    plan = get_object_or_404(SubscriptionPlan, slug=slug, active=True)
    try:
        start = start_checkout(request.profile, plan)
    except (CheckoutRefused, gateway.PaymentServiceError) as exc:
        messages.error(request, exc.user_message)
        return SeeOther("/billing/plans/")
    if start.already_subscribed:
        messages.info(
            request,
            "You already have a subscription. Change plan or payment details here.",
        )
    return SeeOther(start.redirect_url)


@require_GET
@owner_required
def success(request):
    session_id = request.GET.get("session_id", "").strip()
    if not session_id:
        messages.error(request, "That checkout link is incomplete. Your dashboard shows your plan.")
        return redirect("dashboard")
    try:
        subscription = confirm_checkout(request.profile, session_id)
    except (CheckoutRefused, gateway.PaymentServiceError) as exc:
        messages.error(request, exc.user_message)
        return redirect("dashboard")
    return render(
        request,
        "billing/success.html",
        {
            "subscription": subscription,
            "access": studio_access(request.profile),
            "session_id": session_id,
        },
    )


@require_GET
@owner_required
def cancel(request):
    return render(request, "billing/cancel.html")


@require_POST
@owner_required
def portal(request):
    try:
        return SeeOther(portal_url(request.profile))
    except (CheckoutRefused, gateway.PaymentServiceError) as exc:
        messages.error(request, exc.user_message)
        return redirect("dashboard")


@csrf_exempt  # Stripe cannot send our CSRF token; the signature check stands in for it
@require_POST
def webhook(request):
    try:
        event = gateway.verified_event(request.body, request.headers.get("Stripe-Signature"))
    except gateway.InvalidWebhook as exc:
        logger.warning("Rejected a Stripe webhook: %s", exc)
        return HttpResponse("invalid webhook", status=400, content_type="text/plain")
    outcome = webhooks.receive(event)
    if outcome == webhooks.Outcome.FAILED:
        return HttpResponse("processing failed; retry", status=503, content_type="text/plain")
    if outcome == webhooks.Outcome.UNPROCESSABLE:
        return HttpResponse("event cannot be processed", status=400, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")
