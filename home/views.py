"""The owner's dashboard and the load balancer's health check."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.decorators import owner_required
from accounts.forms import ProfileForm

from .dashboard import dashboard_context

logger = logging.getLogger(__name__)


@login_required
def dashboard(request):
    return render(request, "home/dashboard.html", dashboard_context(request.user))


@owner_required
def edit_profile(request):
    profile = request.profile
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your business profile is saved.")
            return redirect("dashboard")
        messages.error(request, "Please correct the highlighted fields; nothing was saved.")
    return render(request, "home/profile_form.html", {"form": form, "profile": profile})


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not: the load balancer's signal."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok"})
