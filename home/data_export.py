"""An owner's copy of their data: everything the Hub keeps about them, as one JSON document."""

from django.utils import timezone

from billing.models import Subscription
from storefront_pages.models import StorefrontPage
from storefront_pages.provisioning import owner_media
from studio.models import MintKitAccess


def when(value):
    return value.isoformat() if value else None


def storefront_data(page):
    if page is None:
        return None
    draft = page.get_latest_revision_as_object()
    return {
        "address": page.url,
        "public": page.live,
        "name": draft.title,
        "headline": draft.headline,
        "description_html": draft.description,
        "contact_email": draft.contact_email,
        "phone": draft.phone,
        "street_address": draft.street_address,
        "town": draft.town,
        "postcode": draft.postcode,
        "logo_file": draft.logo.file.name.rsplit("/", 1)[-1] if draft.logo else None,
        "cover_image_file": (
            draft.cover_image.file.name.rsplit("/", 1)[-1] if draft.cover_image else None
        ),
        "opening_hours": [
            {
                "day": hours.get_weekday_display(),
                "closed": hours.closed,
                "opens": hours.opens.strftime("%H:%M") if hours.opens else None,
                "closes": hours.closes.strftime("%H:%M") if hours.closes else None,
            }
            for hours in draft.opening_hours.all()
        ],
        "links": [{"label": link.label, "url": link.url} for link in draft.links.all()],
        "saved_versions": [
            when(created)
            for created in page.revisions.order_by("created_at").values_list(
                "created_at", flat=True
            )
        ],
        "first_published_at": when(page.first_published_at),
        "last_published_at": when(page.last_published_at),
    }


def owner_data(profile):
    """Everything the Hub keeps about ``profile``'s owner, as JSON-ready values."""
    user = profile.user
    page = StorefrontPage.objects.filter(profile=profile).first()
    images, documents = owner_media(profile)
    studio = MintKitAccess.objects.filter(profile=profile).first()
    return {
        "exported_at": when(timezone.now()),
        "account": {
            "email": user.email,
            "other_emails": [
                address.email for address in user.emailaddress_set.exclude(email__iexact=user.email)
            ],
            "signed_up_at": when(user.date_joined),
            "last_login_at": when(user.last_login),
        },
        "business_profile": {
            "business_name": profile.business_name,
            "contact_email": profile.contact_email,
            "created_at": when(profile.created_at),
            "sign_up_trial_ends_at": when(profile.trial_ends_at),
        },
        "storefront": storefront_data(page),
        "images": [
            {"title": image.title, "file": image.file.name.rsplit("/", 1)[-1]} for image in images
        ],
        "documents": [
            {"title": document.title, "file": document.file.name.rsplit("/", 1)[-1]}
            for document in documents
        ],
        "subscriptions": [
            {
                "plan": subscription.plan.name if subscription.plan else None,
                "status": subscription.get_status_display(),
                "started_at": when(subscription.started_at),
                "free_period_ends_at": when(subscription.trial_end),
                "current_period_ends_at": when(subscription.current_period_end),
                "ended_at": when(subscription.ended_at),
            }
            for subscription in Subscription.objects.filter(profile=profile).select_related("plan")
        ],
        "studio_launches": {
            "count": studio.launch_count if studio else 0,
            "first_at": when(studio.first_accessed_at) if studio else None,
            "last_at": when(studio.last_accessed_at) if studio else None,
        },
    }
