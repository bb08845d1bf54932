"""Content-Security-Policy (enforced on the site, report-only in the admins), Permissions-Policy."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings

# Wagtail's and Django's admins still carry inline scripts and styles: they get the same policy
# as report-only, so a browser's console shows what it would block without breaking staff work.
REPORT_ONLY_PREFIXES = ("/admin/", "/django-admin/")
STRIPE_HOSTED_PAGES = ("https://checkout.stripe.com", "https://billing.stripe.com")

# No page of the Hub uses these browser features; no script loaded here may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def form_targets():
    """Where a form of ours may lead: Stripe's hosted pages and the Studio, after our 303s.

    Browsers apply form-action to the redirects that follow a form's POST, so the checkout,
    portal and Studio-launch buttons need those origins. Stripe's own API base means Stripe's
    hosted pages; any other base is the offline stand-in, which serves its pages itself.
    """
    api_base = settings.STRIPE_API_BASE
    stripe = STRIPE_HOSTED_PAGES if urlsplit(api_base).hostname == "api.stripe.com" else ()
    return [*(stripe or [origin(api_base)]), origin(settings.MINTKIT_STUDIO_URL)]


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware: the policy enforced on the site, reported only in the admins."""

    def process_response(self, request, response):
        additions = {"form-action": form_targets(), "img-src": settings.MEDIA_ORIGINS or None}
        if request.path_info.startswith(REPORT_ONLY_PREFIXES):
            response._csp_exempt = True
            response._csp_update_ro = additions
        else:
            response._csp_exempt_ro = True
            response._csp_update = additions
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return super().process_response(request, response)
