"""The home page: what MintKit Hub is, what it costs, and a way to sign up."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from accounts.models import Profile
from billing.checkout import offers_free_period
from billing.models import SubscriptionPlan
from billing.plans_cache import PLANS_CACHE_TAG
from page_cache.wagtail_pages import CachedPublicPageMixin


class BenefitBlock(blocks.StructBlock):
    """One reason to choose MintKit Hub, shown as a card."""

    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300)

    class Meta:
        icon = "tick"
        template = "home/blocks/benefit.html"


class HomePage(CachedPublicPageMixin, Page):
    """The site's root page at ``/``; only one exists and it cannot be created again."""

    hero_title = models.CharField(max_length=120, default="Your business, online in minutes")
    hero_text = models.TextField(
        max_length=400,
        default="A storefront page your customers can find, subscriptions that look after "
        "themselves, and MintKit Studio for gift cards, tickets and vouchers.",
    )
    hero_cta_label = models.CharField(
        "Sign-up button label", max_length=40, default="Start your free trial"
    )
    benefits = StreamField([("benefit", BenefitBlock())], blank=True)
    closing_title = models.CharField(max_length=120, default="Ready when you are")
    closing_text = models.TextField(
        max_length=400,
        blank=True,
        default="Try everything free for 14 days. No card needed to start.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_cta_label")],
            heading="Hero",
        ),
        FieldPanel("benefits"),
        MultiFieldPanel(
            [FieldPanel("closing_title"), FieldPanel("closing_text")], heading="Call to action"
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]

    def public_cache_tags(self):
        return (*super().public_cache_tags(), PLANS_CACHE_TAG)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = SubscriptionPlan.objects.filter(active=True)
        # An anonymous visitor has no profile: no query for one (the page is served to many).
        user = request.user
        profile = Profile.objects.filter(user=user).first() if user.is_authenticated else None
        context["free_period_offered"] = offers_free_period(profile)
        return context

    max_count = 1

    class Meta:
        verbose_name = "home page"
