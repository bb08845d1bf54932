"""The Studio tab, the launch hand-off, and the Studio's signed API (exchange, access)."""

import json
import logging
import uuid
from functools import wraps
from http import HTTPStatus

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import owner_required
from billing.access import studio_access

from . import signing
from .access_webhooks import unix
from .handoff import InvalidCode, StudioClosed, exchange_code, launch_studio
from .models import MintKitAccess

logger = logging.getLogger(__name__)


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
        # 303 See Other: after the POST, the browser follows to the Studio with a GET.
        return HttpResponseRedirect(launch_studio(request.profile), status=HTTPStatus.SEE_OTHER)
    except StudioClosed as closed:
        logger.info("Studio launch refused for profile %s: %s", request.profile.pk, closed)
        return render(
            request,
            "studio/closed.html",
            {"profile": request.profile, "access": closed.access},
            status=403,
        )


def studio_api(view):
    """A Studio API endpoint: a POST the Studio signed, whose JSON object the view gets as its
    second argument; a bad signature answers 401 and anything but a JSON object 400.

    Server to server: the signature, not a cookie, says who is calling, so no CSRF token.
    """

    @csrf_exempt
    @require_POST
    @wraps(view)
    def signed(request):
        try:
            signing.verify(request.headers.get(signing.HEADER), request.body)
        except signing.BadSignature as bad:
            logger.warning("Studio API %s: signature refused (%s)", request.path, bad)
            return JsonResponse({"error": "invalid_signature"}, status=401)
        try:
            payload = json.loads(request.body)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's parser goes
            payload = None
        if not isinstance(payload, dict):
            return JsonResponse({"error": "invalid_request"}, status=400)
        return view(request, payload)

    return signed


@studio_api
def exchange(request, payload):
    try:
        token, claims = exchange_code(payload.get("code"))
    except InvalidCode:
        return JsonResponse({"error": "invalid_code"}, status=400)
    return JsonResponse({"token": token, "claims": claims})


@studio_api
def access(request, payload):
    try:
        sub = uuid.UUID(str(payload.get("sub")))
        record = MintKitAccess.objects.select_related("profile").get(external_id=sub)
    except (ValueError, MintKitAccess.DoesNotExist):
        return JsonResponse({"error": "unknown_sub"}, status=404)
    answer = studio_access(record.profile)
    return JsonResponse(
        {
            "sub": str(record.external_id),
            "allowed": answer.allowed,
            "reason": answer.reason,
            "until": unix(answer.until),
        }
    )
