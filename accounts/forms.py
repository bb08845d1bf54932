"""Sign-up, profile and account deletion forms."""

from allauth.account.forms import SignupForm
from allauth.mfa.base.forms import BaseAuthenticateForm
from allauth.mfa.utils import is_mfa_enabled
from django import forms

from .models import Profile


class BusinessSignupForm(SignupForm):
    """allauth's sign-up form plus the business name the profile starts with."""

    business_name = forms.CharField(
        max_length=120,
        label="Business name",
        help_text="As your customers know it. You can change it later.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    field_order = ["business_name", "email", "password1", "password2"]

    # The sign-up page offers "Log in" and "Reset your password" when this is set.
    email_taken = False

    def clean_email(self):
        try:
            return super().clean_email()
        except forms.ValidationError as error:
            if any(item.code == "email_taken" for item in error.error_list):
                self.email_taken = True
                raise forms.ValidationError(
                    "There is already an account with this email address.", code="email_taken"
                ) from error
            raise


class ProfileForm(forms.ModelForm):
    """What an owner may change about their business profile."""

    class Meta:
        model = Profile
        fields = ["business_name", "contact_email"]
        labels = {"contact_email": "Contact email"}
        help_texts = {
            "contact_email": "Where customers reach the business. MintKit Hub's own emails go to "
            "the address you sign in with (change it under Account → Email addresses).",
        }


class AccountDeletionForm(forms.Form):
    """Proof that the person deleting the account is its owner: their two-factor code if they
    have two-factor authentication, else their password."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label="Code from your authenticator app (or a recovery code)",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if is_mfa_enabled(user):
            del self.fields["password"]
        else:
            del self.fields["code"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return password

    def clean_code(self):
        # allauth's own check: TOTP or recovery codes, with its rate limit.
        check = BaseAuthenticateForm({"code": self.cleaned_data["code"]}, user=self.user)
        if not check.is_valid():
            raise forms.ValidationError("That code is not right. Nothing was deleted.")
        return self.cleaned_data["code"]
