"""Sign-up and profile forms."""

from allauth.account.forms import SignupForm
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
