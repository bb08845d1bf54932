"""allauth adapter: the sign-up creates the user and their profile together."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .profiles import ensure_profile

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # One transaction: a user never exists without the profile the form asked for.
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                ensure_profile(user, business_name=form.cleaned_data.get("business_name", ""))
        return user

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
