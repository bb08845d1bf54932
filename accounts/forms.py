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


class ProfileForm(forms.ModelForm):
    """What an owner may change about their business profile."""

    class Meta:
        model = Profile
        fields = ["business_name", "contact_email"]
        labels = {"contact_email": "Contact email"}
