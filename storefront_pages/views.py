"""Dashboard storefront actions (create, publish, discard, unpublish, QR code) and brand CSS."""

import logging
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import owner_required

from . import brand_colours
from .forms import CreateStorefrontForm
from .provisioning import (
    StorefrontExists,
    create_storefront,
    storefront_for_profile,
    suggested_slug_for,
)
from .publishing import (
    NoChangesToDiscard,
    StorefrontNotAllowed,
    discard_storefront_changes,
    publish_storefront,
    unpublish_storefront,
)
from .qr import qr_svg_file, qr_svg_inline

logger = logging.getLogger(__name__)

NO_STOREFRONT_MESSAGE = "You have no storefront yet. Create one first."
# The address names the colours it defines, so its content never changes: cache it for a year.
BRAND_CSS_MAX_AGE = 365 * 24 * 60 * 60
CREATED_MESSAGE = "Your storefront is created. Add your details, then press “Publish” to go live."
ALREADY_EXISTS_MESSAGE = "You already have a storefront; here it is in the editor."


def editor_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def storefront_owner_required(view):
    """``owner_required``; then the view gets the owner's storefront as its second argument,
    or the owner is sent to create one, with the reason."""

    @owner_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        page = storefront_for_profile(request.profile)
        if page is None:
            messages.info(request, NO_STOREFRONT_MESSAGE)
            return redirect("create_storefront")
        return view(request, page, *args, **kwargs)

    return guarded


def created(request, page):
    messages.success(request, CREATED_MESSAGE)
    return redirect(editor_url(page))


@owner_required
def create(request):
    """The dashboard's "Create your storefront": straight into the editor, named after the business.

    The dashboard's button posts nothing but itself; the form (a GET, or a POST with a name)
    stays for the case where the business name makes no web address.
    """
    profile = request.profile
    existing = storefront_for_profile(profile)
    if existing is not None:
        messages.info(request, ALREADY_EXISTS_MESSAGE)
        return redirect(editor_url(existing))
    if request.method == "POST":
        from_business_name = "name" not in request.POST
        data = {"name": profile.business_name, "slug": ""} if from_business_name else request.POST
        form = CreateStorefrontForm(data)
        if form.is_valid():
            return create_and_open(request, profile, form)
        if from_business_name:
            # The business name makes no web address (e.g. only symbols): ask for one.
            return render(request, "storefront_pages/create_storefront.html", {"form": form})
        messages.error(request, "Please correct the highlighted fields; nothing was created.")
    else:
        form = CreateStorefrontForm(
            initial={
                "name": profile.business_name,
                "slug": suggested_slug_for(profile.business_name),
            }
        )
    return render(request, "storefront_pages/create_storefront.html", {"form": form})


def create_and_open(request, profile, form):
    """Create the storefront the valid ``form`` describes and open it in the editor."""
    try:
        page = create_storefront(profile, form.cleaned_data["name"], form.cleaned_data["slug"])
    except StorefrontExists as exc:
        messages.info(request, ALREADY_EXISTS_MESSAGE)
        return redirect(editor_url(exc.storefront))
    return created(request, page)


def back_to_dashboard(request, level, message):
    """The dashboard, with what became of the owner's action (a ``messages`` level and text)."""
    messages.add_message(request, level, message)
    return redirect("dashboard")


@storefront_owner_required
@require_POST
def publish(request, page):
    had_changes = page.live
    try:
        is_live = publish_storefront(page, request.user)
    except StorefrontNotAllowed:
        return back_to_dashboard(
            request, messages.ERROR, "You are not allowed to publish this storefront."
        )
    if is_live and had_changes:
        outcome = "Your changes are live: customers now see them."
    elif is_live:
        outcome = "Your storefront is live: anyone can now see it."
    else:
        outcome = "Your storefront is scheduled and goes live at the time set in the editor."
    return back_to_dashboard(request, messages.SUCCESS, outcome)


@storefront_owner_required
@require_POST
def discard_changes(request, page):
    try:
        discard_storefront_changes(page, request.user)
    except NoChangesToDiscard:
        return back_to_dashboard(
            request, messages.INFO, "There are no unpublished changes to discard."
        )
    except StorefrontNotAllowed:
        return back_to_dashboard(
            request, messages.ERROR, "You are not allowed to change this storefront."
        )
    return back_to_dashboard(
        request,
        messages.SUCCESS,
        "Your unpublished changes are discarded; the editor shows your live page again.",
    )


@storefront_owner_required
@require_POST
def unpublish(request, page):
    if not page.live:
        return back_to_dashboard(request, messages.INFO, "Your storefront is already not public.")
    try:
        unpublish_storefront(page, request.user)
    except StorefrontNotAllowed:
        return back_to_dashboard(
            request, messages.ERROR, "You are not allowed to unpublish this storefront."
        )
    return back_to_dashboard(
        request,
        messages.SUCCESS,
        "Your storefront is no longer public. Only you can see it until you publish.",
    )


@storefront_owner_required
@require_GET
def qr_code_download(request, page):
    response = HttpResponse(
        qr_svg_file(page.public_url(), f"QR code for {page.title}"), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-qr-code.svg"'
    return response


@storefront_owner_required
@require_GET
def qr_code_print(request, page):
    url = page.public_url()
    return render(
        request,
        "storefront_pages/qr_code_print.html",
        {
            "storefront": page,
            "storefront_url": url,
            "qr_svg": qr_svg_inline(url, f"QR code for {page.title}"),
        },
    )


@require_GET
def brand_colours_css(request, key):
    """The classes for the brand colours named in the address (see brand_colours.py)."""
    colours = brand_colours.colours_from_key(key)
    if colours is None:
        raise Http404("Not a list of brand colours")
    response = HttpResponse(
        brand_colours.stylesheet(colours), content_type="text/css; charset=utf-8"
    )
    patch_cache_control(response, public=True, max_age=BRAND_CSS_MAX_AGE, immutable=True)
    return response
