"""Owners' data rights under Account: delete the account, download a copy of their data."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.decorators import owner_required
from accounts.forms import AccountDeletionForm

from .data_export import owner_data
from .deletion import OwnerDeletionFailed, delete_owner, deletion_preview


@never_cache
@owner_required
def delete_account(request):
    form = AccountDeletionForm(request.user, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            email = request.user.email
            try:
                delete_owner(request.user)
            except OwnerDeletionFailed as failure:
                messages.error(request, failure.user_message)
                status = 503
            else:
                logout(request)
                messages.success(
                    request,
                    f"Your account {email} and your business are deleted, and your "
                    "subscription has ended. Thank you for using MintKit Hub.",
                )
                return redirect("/")
        else:
            status = 400
    context = {"form": form, "preview": deletion_preview(request.user)}
    return render(request, "home/delete_account.html", context, status=status)


@never_cache
@require_GET
@owner_required
def export_data(request):
    body = json.dumps(owner_data(request.profile), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"mintkit-hub-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
