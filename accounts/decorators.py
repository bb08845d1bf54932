"""View guard for pages that only business owners (users with a profile) can use."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .profiles import profile_of


def owner_required(view):
    """Log-in required; then ``request.profile`` is the owner's profile, or a 403 page explains."""

    @login_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        profile = profile_of(request.user)
        if profile is None:
            return render(
                request,
                "accounts/owner_only.html",
                {"reason": "This page is for business owners; your account has no business."},
                status=403,
            )
        request.profile = profile
        return view(request, *args, **kwargs)

    return guarded
