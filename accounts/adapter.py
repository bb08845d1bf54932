"""allauth adapter: sign-up makes user and profile together; allauth's emails speak as the Hub."""

import logging
from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from .profiles import ensure_profile
from .public_site import on_public_site

HUB_NAME = "MintKit Hub"


@dataclass(frozen=True)
class HubSite:
    """What allauth's templates call ``current_site``: the public name and address, never the
    host name a request happened to use (``127.0.0.1:8600`` behind a proxy or in development)."""

    name: str
    domain: str


def hub_site():
    return HubSite(name=HUB_NAME, domain=settings.SITE_URL)


logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # One transaction: a user never exists without the profile the form asked for.
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                ensure_profile(user, business_name=form.cleaned_data.get("business_name", ""))
        return user

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_public_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return on_public_site(super().get_reset_password_from_key_url(key))

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        # allauth ships plain text only; every Hub email also has an HTML part.
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            html = render_to_string(
                "emails/from_text.html", {"text": message.body, "site_url": settings.SITE_URL}
            )
            message.attach_alternative(html, "text/html")
        return message

    def send_mail(self, template_prefix, email, context):
        super().send_mail(template_prefix, email, {**context, "current_site": hub_site()})

    def get_client_ip(self, request):
        # allauth raises when X-Forwarded-For has fewer hops than TRUSTED_PROXY_COUNT: a request
        # that did not come through every proxy. Count it by its peer address instead of a 500.
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning(
                "X-Forwarded-For has fewer hops than TRUSTED_PROXY_COUNT; using REMOTE_ADDR"
            )
            return request.META["REMOTE_ADDR"]
