"""Every email to an owner: to their current primary address, as plain text and HTML, as the Hub.

The text part is rendered with ``{% autoescape off %}`` in its template: a business called
"Lee's Gym & Spa" must read as that, not as HTML entities.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

from .models import Profile
from .public_site import absolute_reverse


def send_owner_email(profile, template, subject, context=None):
    """Render ``template``.txt and ``template``.html and send them to the owner."""
    context = {
        "profile": profile,
        "site_url": settings.SITE_URL,
        "dashboard_url": absolute_reverse("dashboard"),
        "plans_url": absolute_reverse("billing_plans"),
        **(context or {}),
    }
    message = EmailMultiAlternatives(
        subject,
        render_to_string(f"{template}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [profile.user.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


@task()
def send_welcome_email(profile_id):
    profile = Profile.objects.select_related("user").get(pk=profile_id)
    send_owner_email(
        profile,
        "accounts/email/welcome",
        "Welcome to MintKit Hub",
        {"trial_ends_at": profile.trial_ends_at},
    )
