"""The demo data behind ``seed_demo``: every part of the house contributes its piece here."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.profiles import ensure_profile

DEMO_PASSWORD = "mintkit-demo-2026"


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str = DEMO_PASSWORD


def demo_user(email, *, staff=False, superuser=False):
    """The demo account for ``email``, created once, with a verified address and known password."""
    user, _ = get_user_model().objects.get_or_create(
        username=email.split("@")[0], defaults={"email": email}
    )
    user.email = email
    user.is_staff = staff or superuser
    user.is_superuser = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_demo():
    owner = demo_user("owner@demo.mintkit.co.uk")
    ensure_profile(owner, business_name="Bloom & Blade Salon")
    demo_user("staff@demo.mintkit.co.uk", superuser=True)
    return [
        DemoLogin("Demo owner (live storefront)", "owner@demo.mintkit.co.uk"),
        DemoLogin("Staff (full admin)", "staff@demo.mintkit.co.uk"),
    ]
