"""The Studio tab and the launch hand-off."""

import logging

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import owner_required
from billing.access import studio_access

from .handoff import StudioClosed, launch_studio

logger = logging.getLogger(__name__)


class SeeOther(HttpResponseRedirect):
    status_code = 303


@require_GET
@owner_required
def studio(request):
    return render(
        request,
        "studio/studio.html",
        {"profile": request.profile, "access": studio_access(request.profile)},
    )


@require_POST
@owner_required
def launch(request):
    try:
        return SeeOther(launch_studio(request.profile))
    except StudioClosed as closed:
        logger.info("Studio launch refused for profile %s: %s", request.profile.pk, closed)
        return render(
            request,
            "studio/closed.html",
            {"profile": request.profile, "access": closed.access},
            status=403,
        )
