"""The storefront directory and each owner's storefront page, edited in the Wagtail admin."""

import zoneinfo
from functools import cache
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from accounts.models import Profile
from accounts.public_site import absolute_url
from accounts.roles import is_hub_staff
from page_cache.wagtail_pages import CachedPublicPageMixin
from raw_sql.reads import read_children

from . import brand_colours
from .editor_panels import (
    CheckedImageChooser,
    CheckedInlinePanel,
    OpeningHoursPanel,
    StaffCommentPanel,
    StorefrontFieldPanel,
    StorefrontPublishingPanel,
    StorefrontTitlePanel,
    WebAddressPanel,
)
from .opening_status import DEFAULT_TIME_ZONE, business_zone, open_status
from .opening_times import OpeningTimeField
from .ownership import (
    FOREIGN_IMAGE_MESSAGE,
    FOREIGN_RICH_TEXT_MESSAGE,
    foreign_image_fields,
    has_foreign_rich_text_references,
)
from .permissions import StorefrontPermissionTester
from .slugs import is_reserved, reserved_slug_message
from .social_links import (
    SOCIAL_NETWORKS,
    SOCIAL_NETWORKS_BY_FIELD,
    NetworkHostValidator,
    social_links,
)
from .structured_data import as_script_json, canonical_url, local_business
from .themes import DEFAULT_THEME, THEMES, BrandColourInput, ThemePreviewSelect

DIRECTORY_PAGE_SIZE = 12
# Renditions the directory cards use; prefetched together so the listing's query count is fixed.
DIRECTORY_LOGO_FILTER = "fill-96x96"
DIRECTORY_COVER_FILTER = "fill-640x240-c50"
DESCRIPTION_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$",
    "Enter a phone number using digits, spaces and an optional leading +, e.g. 020 7946 0123.",
)
web_link_validator = URLValidator(
    schemes=["http", "https"],
    message="Enter a full web address starting with https:// (or http://).",
)


@cache
def known_time_zones():
    """Every time zone this machine knows. Read once per process: finding them walks the time
    zone database's files (~20 ms), and every save of a storefront validates its zone."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError(
            "Choose your time zone from the list, e.g. Europe/London.", code="unknown_time_zone"
        )


def time_zone_choices():
    """Every time zone this machine knows, London first (most storefronts are in the UK)."""
    others = sorted(known_time_zones() - {DEFAULT_TIME_ZONE})
    return [(name, name.replace("_", " ")) for name in [DEFAULT_TIME_ZONE, *others]]


def social_link_field(field):
    network = SOCIAL_NETWORKS_BY_FIELD[field]
    validators = [web_link_validator]
    if network.hosts:
        validators.append(NetworkHostValidator(network.label, network.hosts))
    return models.URLField(
        f"{network.label} link",
        max_length=300,
        blank=True,
        validators=validators,
        help_text=f"e.g. {network.example}",
    )


class StorefrontIndexPage(CachedPublicPageMixin, Page):
    """The public directory at ``/storefront/``: every live storefront, newest first.

    Exactly one exists, created by a data migration under the home page.
    """

    intro = models.TextField(
        max_length=400,
        blank=True,
        default="Local businesses on MintKit Hub: find opening hours, contact details and more.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["storefront_pages.StorefrontPage"]
    max_count = 1

    class Meta:
        verbose_name = "storefront directory"

    def live_storefronts(self):
        """Live, public storefronts under this directory, newest first, ready to render."""
        return with_card_images(
            StorefrontPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.live_storefronts(), DIRECTORY_PAGE_SIZE)
        try:
            storefronts = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            storefronts = paginator.page(1)
        except EmptyPage:
            storefronts = paginator.page(paginator.num_pages)
        context["storefronts"] = storefronts
        return context


def with_card_images(storefronts):
    """``storefronts`` with the logos, covers and renditions their cards show, read together."""
    image_model = get_image_model()
    return storefronts.prefetch_related(
        models.Prefetch(
            "logo", queryset=image_model.objects.prefetch_renditions(DIRECTORY_LOGO_FILTER)
        ),
        models.Prefetch(
            "cover_image",
            queryset=image_model.objects.prefetch_renditions(DIRECTORY_COVER_FILTER),
        ),
    )


# Fields of Wagtail's page form that mean nothing for a storefront's owner; staff keep them.
STAFF_ONLY_PAGE_FIELDS = ("show_in_menus", "comment_notifications")


class StorefrontPageForm(WagtailAdminPageForm):
    """The editor's form: checks across opening-hours rows, slugs, and whose media it uses.

    For an owner it also leaves out Wagtail's comments and site-menu setting: a one-person
    storefront has no one to comment to and no menu to appear in.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].label = "Storefront name"
        self.fields["title"].help_text = "Usually your business name, shown as your page's heading."
        if not is_hub_staff(self.for_user):
            self.formsets.pop("comments", None)
            for name in STAFF_ONLY_PAGE_FIELDS:
                self.fields.pop(name, None)

    @property
    def show_comments_toggle(self):
        return "comments" in getattr(self, "formsets", self.__class__.formsets)

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        if slug and is_reserved(slug):
            self.add_error("slug", reserved_slug_message(slug))
        self._refuse_repeated_weekdays()
        if not is_hub_staff(self.for_user):
            self._refuse_foreign_references(cleaned_data)
        return cleaned_data

    def clean_brand_colour(self):
        # Stored as lower-case #rrggbb so equal colours share one stylesheet address.
        colour = self.cleaned_data.get("brand_colour")
        return brand_colours.normalise(colour) or colour

    def _refuse_foreign_references(self, cleaned_data):
        """An owner's page may use only their own images and link only to their own things."""
        chosen_images = {field: cleaned_data.get(field) for field in ("logo", "cover_image")}
        for field in foreign_image_fields(self.instance, chosen_images):
            self.add_error(field, FOREIGN_IMAGE_MESSAGE)
            # Re-show the saved image, not the foreign one (its title and thumbnail are not theirs).
            self.data = self.data.copy()
            self.data[self.add_prefix(field)] = getattr(self.instance, f"{field}_id") or ""
        if has_foreign_rich_text_references(self.instance, cleaned_data.get("description")):
            self.add_error("description", FOREIGN_RICH_TEXT_MESSAGE)

    def _refuse_repeated_weekdays(self):
        formset = self.formsets.get("opening_hours")
        if formset is None:
            return
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            weekday = form.cleaned_data.get("weekday")
            if weekday is None:
                continue
            if weekday in seen:
                form.add_error(
                    "weekday",
                    f"{dict(WEEKDAYS)[weekday]} is listed twice; keep one row per day.",
                )
            seen.add(weekday)


# An image the owner may leave empty; deleting the image empties the field, not the page.
OPTIONAL_IMAGE = {
    "to": "wagtailimages.Image",
    "null": True,
    "blank": True,
    "on_delete": models.SET_NULL,
    "related_name": "+",
}


class StorefrontPage(CachedPublicPageMixin, Page):
    """One business's public page at ``/storefront/<slug>/``, owned and edited by that business.

    Created only by ``storefront_pages.provisioning`` (never from the admin's "add page"),
    which also grants the owner their scoped editing rights.
    """

    profile = models.OneToOneField(
        Profile,
        on_delete=models.PROTECT,
        related_name="storefront",
        help_text="The business this storefront belongs to.",
    )
    headline = models.CharField(
        max_length=160,
        blank=True,
        help_text="One line under your name, e.g. “Award-winning hair and beauty in Leeds”.",
    )
    description = RichTextField(
        features=DESCRIPTION_FEATURES,
        blank=True,
        help_text="Tell customers what you offer. Headings, bold, italic, lists and links.",
    )
    logo = models.ForeignKey(
        **OPTIONAL_IMAGE,
        help_text="Square works best. Give the image a description: it is read out to "
        "customers who use screen readers.",
    )
    cover_image = models.ForeignKey(
        **OPTIONAL_IMAGE,
        help_text="A wide photo of your shop, team or work, shown at the top of your page.",
    )
    contact_email = models.EmailField(blank=True, help_text="Where customers can email you.")
    phone = models.CharField(max_length=20, blank=True, validators=[phone_validator])
    street_address = models.CharField("street address", max_length=200, blank=True)
    town = models.CharField("town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    time_zone = models.CharField(
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text="Where your opening hours are kept, so “Open now” is right for your customers.",
    )
    theme = models.CharField(
        max_length=20,
        choices=THEMES,
        default=DEFAULT_THEME,
        help_text="How your page is laid out. Your content is the same in every theme.",
    )
    brand_colour = models.CharField(
        max_length=7,
        default=brand_colours.DEFAULT_BRAND_COLOUR,
        validators=[brand_colours.validate_brand_colour],
        help_text="Used for your buttons and links. Pick from the palette, or any colour dark "
        "enough for white text to be easy to read on it.",
    )
    instagram_url = social_link_field("instagram_url")
    facebook_url = social_link_field("facebook_url")
    tiktok_url = social_link_field("tiktok_url")
    x_url = social_link_field("x_url")
    website_url = social_link_field("website_url")

    search_fields = Page.search_fields + [
        index.SearchField("headline"),
        index.SearchField("description"),
    ]

    # One tab holds everything an owner fills in; the rest is optional or for staff.
    content_panels = [
        StorefrontTitlePanel("title", heading="Storefront name"),
        WebAddressPanel("slug", heading="Web address"),
        StorefrontFieldPanel("headline"),
        StorefrontFieldPanel("description"),
        FieldRowPanel(
            [
                StorefrontFieldPanel("logo", widget=CheckedImageChooser),
                StorefrontFieldPanel("cover_image", widget=CheckedImageChooser),
            ],
            heading="Images",
        ),
        MultiFieldPanel(
            [StorefrontFieldPanel("contact_email"), StorefrontFieldPanel("phone")],
            heading="How to reach you",
        ),
        MultiFieldPanel(
            [
                StorefrontFieldPanel("street_address"),
                StorefrontFieldPanel("town"),
                StorefrontFieldPanel("postcode"),
            ],
            heading="Address",
        ),
        OpeningHoursPanel(
            "opening_hours",
            heading="Opening hours",
            label="Day",
            help_text="Use a quick fill below, or add one row per day. Days you leave out are "
            "shown as closed. Times like 9, 9am, 5.30pm or 17:30 all work.",
            max_num=7,
        ),
    ]
    link_panels = [
        CheckedInlinePanel(
            "links",
            heading="Buttons",
            label="Button",
            help_text="Buttons shown on your page, in this order, e.g. “Buy a gift card”.",
            max_num=8,
        ),
    ]
    look_and_links_panels = [
        StorefrontFieldPanel("theme", widget=ThemePreviewSelect),
        StorefrontFieldPanel("brand_colour", widget=BrandColourInput),
        StorefrontFieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices)),
        MultiFieldPanel(
            [StorefrontFieldPanel(network.field) for network in SOCIAL_NETWORKS],
            heading="Social links",
            help_text="Shown as icons on your page and given to search engines.",
        ),
    ]
    promote_panels = [
        MultiFieldPanel(
            [StorefrontFieldPanel("seo_title"), StorefrontFieldPanel("search_description")],
            heading="How search engines show your page",
        ),
        # Only staff have the field (StorefrontPageForm); the heading goes with it.
        MultiFieldPanel([StorefrontFieldPanel("show_in_menus")], heading="For site menus"),
    ]
    settings_panels = [StorefrontPublishingPanel(), StaffCommentPanel()]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Your storefront"),
            ObjectList(link_panels, heading="Buttons"),
            ObjectList(promote_panels, heading="Search engines"),
            ObjectList(settings_panels, heading="Publishing"),
            ObjectList(look_and_links_panels, heading="Look & links"),
        ]
    )
    base_form_class = StorefrontPageForm

    parent_page_types = ["storefront_pages.StorefrontIndexPage"]
    subpage_types = []
    # Provisioning creates storefronts together with the owner's permissions; an "add page"
    # in the admin would make a storefront nobody owns.
    is_creatable = False

    class Meta:
        verbose_name = "storefront"

    def permissions_for_user(self, user):
        return StorefrontPermissionTester(user, self)

    # The page shows its logo and cover in several sizes: the images are read with the page,
    # and the renditions of both in one query, not one per image and per size.
    routed_select_related = ("logo", "cover_image")

    # The hours and buttons read along with the route (prefetch_routed); None until then.
    routed_children = None

    def prefetch_routed(self):
        images = [image for image in (self.logo, self.cover_image) if image is not None]
        models.prefetch_related_objects(images, "renditions")
        self.routed_children = {
            name: read_children(self, name) for name in ("opening_hours", "links")
        }

    def children(self, related_name):
        """The page's ``opening_hours`` or ``links``: those read with the route when it was
        routed to; otherwise as the page holds them (a draft preview's are its revision's)."""
        if self.routed_children is not None:
            return self.routed_children[related_name]
        return list(getattr(self, related_name).all())

    def route(self, request, path_components):
        """Serve the latest draft to the owner and staff while not live; 404 for everyone else."""
        if path_components or self.live:
            return super().route(request, path_components)
        user = request.user
        if user.is_authenticated and self.permissions_for_user(user).can_edit():
            return RouteResult(self.get_latest_revision_as_object())
        raise Http404

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not self.live:
            # A draft preview is personal: never cache it anywhere.
            patch_cache_control(response, private=True, no_store=True)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read each child list once: the template, the hours table and the JSON-LD all use them.
        opening_hours = self.children("opening_hours")
        now = timezone.now()
        context["is_draft_preview"] = not self.live
        context["links"] = self.children("links")
        context["social_links"] = social_links(self)
        context["has_opening_hours"] = bool(opening_hours)
        context["opening_week"] = opening_week(
            opening_hours, now.astimezone(business_zone(self.time_zone)).date()
        )
        context["open_status"] = self.open_status_at(now, opening_hours)
        context["canonical_url"] = canonical_url(self, request)
        context["local_business_json"] = as_script_json(
            local_business(self, request, opening_hours)
        )
        return context

    def public_cache_fresh_for(self, response):
        """The page says "Open now" or "Closed now": cached copies end when that changes."""
        status = (getattr(response, "context_data", None) or {}).get("open_status")
        return status.seconds_until_change(timezone.now()) if status else None

    def open_status_at(self, now, opening_hours=None):
        """Open or closed at ``now`` (None without hours), and when that changes.

        The rendered page says "Open now" or "Closed now", so a cache must not keep it longer
        than ``open_status_at(now).seconds_until_change(now)`` (see opening_status.py).
        """
        if opening_hours is None:
            opening_hours = list(self.opening_hours.all())
        return open_status(opening_hours, self.time_zone, now)

    @property
    def theme_name(self):
        """The page's theme, or the default one if the stored value is not a theme any more."""
        return self.theme if self.theme in dict(THEMES) else DEFAULT_THEME

    @property
    def hero_template(self):
        return f"storefront_pages/themes/{self.theme_name}_hero.html"

    @property
    def brand_class(self):
        return brand_colours.css_class(self.brand_colour)

    @property
    def map_url(self):
        """An OpenStreetMap search for the address: a link, so no map is embedded or tracked."""
        return "https://www.openstreetmap.org/search?" + urlencode(
            {"query": ", ".join(self.address_lines)}
        )

    def public_url(self):
        """The address customers use, on the public site (``SITE_URL``), not the request's host."""
        _site_id, _root_url, page_path = self.get_url_parts()
        return absolute_url(page_path)

    @property
    def address_lines(self):
        return [line for line in (self.street_address, self.town, self.postcode) if line]


def opening_week(opening_hours, today):
    """Monday to Sunday, each with its hours (``None`` when closed) and whether it is today."""
    hours_by_day = {row.weekday: row for row in opening_hours}
    week = []
    for weekday, day_name in WEEKDAYS:
        row = hours_by_day.get(weekday)
        is_open = row is not None and not row.closed
        week.append(
            {
                "name": day_name,
                "hours": row if is_open else None,
                "is_today": weekday == today.weekday(),
            }
        )
    return week


class OpeningHours(Orderable):
    """A storefront's hours on one weekday: closed, or open from one time until a later one."""

    page = ParentalKey(StorefrontPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    closed = models.BooleanField(default=False, help_text="Tick if you are closed all day.")
    opens = OpeningTimeField(null=True, blank=True)
    closes = OpeningTimeField(null=True, blank=True)

    panels = [
        FieldRowPanel(
            [
                StorefrontFieldPanel("weekday"),
                StorefrontFieldPanel("opens"),
                StorefrontFieldPanel("closes"),
                StorefrontFieldPanel("closed"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"

    def __str__(self):
        if self.closed:
            return f"{self.get_weekday_display()}: closed"
        return f"{self.get_weekday_display()}: {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.closed:
            # A closed day has no times; drop any left over from before it was ticked.
            self.opens = self.closes = None
            return
        errors = {}
        if self.opens is None:
            errors["opens"] = "Enter the opening time, or tick “closed”."
        if self.closes is None:
            errors["closes"] = "Enter the closing time, or tick “closed”."
        if not errors and self.closes <= self.opens:
            errors["closes"] = (
                "The closing time must be after the opening time. For the afternoon write "
                "e.g. 5.30pm or 17:30."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def opens_iso(self):
        return self.opens.strftime("%H:%M") if self.opens else "00:00"

    @property
    def closes_iso(self):
        return self.closes.strftime("%H:%M") if self.closes else "00:00"


class StorefrontLink(Orderable):
    """A labelled button on a storefront, e.g. "Buy a gift card" to a MintKit product page."""

    page = ParentalKey(StorefrontPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=60, help_text="What the button says.")
    url = models.URLField(
        "web address",
        max_length=500,
        validators=[web_link_validator],
        help_text="Where the button goes, starting with https://.",
    )

    panels = [FieldRowPanel([StorefrontFieldPanel("label"), StorefrontFieldPanel("url")])]

    class Meta(Orderable.Meta):
        verbose_name = "button"

    def __str__(self):
        return self.label


class StorefrontAccess(models.Model):
    """What provisioning made for one owner: their admin group and their media collection.

    Kept apart from the page so that editing or reverting the page never touches permissions.
    """

    profile = models.OneToOneField(
        Profile, on_delete=models.CASCADE, related_name="storefront_access"
    )
    group = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="storefront_access"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="storefront_access"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "storefront access"
        verbose_name_plural = "storefront access"

    def __str__(self):
        return f"Storefront access for {self.profile}"
