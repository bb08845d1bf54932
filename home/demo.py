"""The demo data behind ``seed_demo``: every part of the house contributes its piece here."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.profiles import ensure_profile
from accounts.roles import SUPPORT_GROUP_NAME, ensure_role
from billing.models import SubscriptionPlan
from storefront_pages.models import OpeningHours, StorefrontLink, StorefrontPage
from storefront_pages.provisioning import provision_storefront
from storefront_pages.publishing import publish_storefront

from .demo_images import demo_image, draw_cover, draw_logo

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


BLOOM_AND_BLADE = {
    "headline": "Hair, beauty and barbering in the heart of Leeds",
    "description": (
        "<h2>Welcome</h2><p>A friendly, <b>award-winning</b> salon for cuts, colour and "
        "wet shaves. Walk-ins welcome on weekdays.</p>"
        "<ul><li>Cuts and styling</li><li>Colour and balayage</li><li>Hot-towel shaves</li></ul>"
    ),
    "phone": "0113 496 0123",
    "street_address": "12 Briggate",
    "town": "Leeds",
    "postcode": "LS1 6HD",
    "hours": [(day, "09:00", "18:00") for day in range(5)] + [(5, "09:00", "16:00")],
    "links": [
        ("Buy a gift card", "https://studio.mintkit.co.uk/demo/bloom-and-blade/gift-card"),
        ("Book an appointment", "https://studio.mintkit.co.uk/demo/bloom-and-blade/book"),
    ],
    "theme": "bold",
    "brand_colour": "#9d174d",
    "cover_accent": "#fbe4ee",
    "initials": "B&B",
    "instagram_url": "https://www.instagram.com/bloomandblade.demo",
    "facebook_url": "https://www.facebook.com/bloomandblade.demo",
}
LOOK_FIELDS = ("theme", "brand_colour", "instagram_url", "facebook_url")


def demo_look(page, content):
    """Theme, brand colour, social links, and a drawn logo and cover in the owner's collection."""
    for field in LOOK_FIELDS:
        setattr(page, field, content.get(field, ""))
    collection = page.profile.storefront_access.collection
    page.logo = demo_image(
        collection,
        f"{page.title} logo",
        f"{page.title} logo",
        draw_logo(content["initials"], content["brand_colour"]),
    )
    page.cover_image = demo_image(
        collection,
        f"{page.title} cover",
        f"Decorative stripes in {page.title}’s colours",
        draw_cover(content["brand_colour"], content["cover_accent"]),
    )


def demo_storefront(owner, profile, content, *, live):
    """The owner's provisioned storefront; content is filled in and published only once."""
    is_new = not StorefrontPage.objects.filter(profile=profile).exists()
    page = provision_storefront(profile)
    if not is_new:
        return page
    for field in ("headline", "description", "phone", "street_address", "town", "postcode"):
        setattr(page, field, content[field])
    page.opening_hours = [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
        for day, opens, closes in content["hours"]
    ] + [OpeningHours(weekday=6, closed=True)]
    page.links = [StorefrontLink(label=label, url=url) for label, url in content["links"]]
    demo_look(page, content)
    page.save_revision(user=owner, log_action=True)
    if live:
        publish_storefront(page, owner)
    return page


DEMO_PLANS = [
    {
        "slug": "starter",
        "name": "Starter",
        "description": "Your storefront page, MintKit Studio and email support.",
        "price_amount": 900,
        "interval": "month",
        "free_period_days": 14,
        "ordering": 1,
    },
    {
        "slug": "growth",
        "name": "Growth",
        "description": "Everything in Starter, plus priority support and lower Studio fees.",
        "price_amount": 2900,
        "interval": "month",
        "free_period_days": 30,
        "ordering": 2,
    },
    {
        "slug": "growth-yearly",
        "name": "Growth (yearly)",
        "description": "Growth, paid yearly: two months free.",
        "price_amount": 29000,
        "interval": "year",
        "free_period_days": 30,
        "ordering": 3,
    },
]


def demo_plans():
    """The plans on offer; their Stripe Prices come from ``sync_stripe_plans``."""
    for plan in DEMO_PLANS:
        SubscriptionPlan.objects.update_or_create(
            slug=plan["slug"], defaults={**plan, "currency": "gbp", "active": True}
        )


def seed_demo():
    demo_plans()
    owner = demo_user("owner@demo.mintkit.co.uk")
    profile = ensure_profile(owner, business_name="Bloom & Blade Salon")
    demo_storefront(owner, profile, BLOOM_AND_BLADE, live=True)
    draft_owner = demo_user("draft@demo.mintkit.co.uk")
    draft_profile = ensure_profile(draft_owner, business_name="Crumb & Crust Bakery")
    demo_storefront(
        draft_owner,
        draft_profile,
        {
            **BLOOM_AND_BLADE,
            "headline": "Sourdough, pastries and coffee, baked every morning",
            "description": "<p>Our new bakery opens soon. <i>Watch this space.</i></p>",
            "street_address": "3 Kirkgate",
            "postcode": "LS2 7DJ",
            "links": [],
            "theme": "classic",
            "brand_colour": "#8a4b08",
            "cover_accent": "#fdf0dc",
            "initials": "C&C",
            "instagram_url": "https://www.instagram.com/crumbandcrust.demo",
            "facebook_url": "",
        },
        live=False,
    )
    demo_user("staff@demo.mintkit.co.uk", superuser=True)
    support = demo_user("support@demo.mintkit.co.uk", staff=True)
    support.groups.add(ensure_role(SUPPORT_GROUP_NAME))
    return [
        DemoLogin("Demo owner (live storefront)", "owner@demo.mintkit.co.uk"),
        DemoLogin("Demo owner (draft storefront)", "draft@demo.mintkit.co.uk"),
        DemoLogin("Staff (full admin)", "staff@demo.mintkit.co.uk"),
        DemoLogin("Support (view only)", "support@demo.mintkit.co.uk"),
    ]
