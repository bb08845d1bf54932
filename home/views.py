"""The owner's dashboard and the load balancer's health check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.decorators import owner_required
from accounts.forms import ProfileForm

from .dashboard import dashboard_context
from .health import health_report


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
    """200 when the database answers (cache and worker reported), 503 when it does not."""
    status, report = health_report()
    return JsonResponse(report, status=status)
