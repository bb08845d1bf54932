"""allauth adapter: the sign-up creates the user and their profile together."""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from .profiles import ensure_profile


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # One transaction: a user never exists without the profile the form asked for.
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                ensure_profile(user, business_name=form.cleaned_data.get("business_name", ""))
        return user
