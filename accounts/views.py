"""Hand-overs from the Wagtail and Django admins' own log-in pages to allauth's."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def login_handover(request):
    """/admin/login/ → /accounts/login/?next=…, so there is exactly one way in."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("dashboard")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def password_reset_handover(request):
    return redirect("account_reset_password")
