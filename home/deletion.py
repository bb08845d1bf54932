"""Deleting an owner completely, whoever asks (the owner, Wagtail's or Django's admin).

Stripe goes first: the subscription is cancelled at once through the gateway. If Stripe cannot
be reached nothing is deleted, because a deleted owner whose card is still charged is the worst
outcome. Then, in one transaction: the storefront with its revisions, images, documents and
renditions (files leave storage once it commits), the owner's group and collection, and the
profile and user with every row that hangs off them (billing customer, subscriptions, Studio
record). StripeEvent rows stay: they are Stripe's record of what happened, not the Hub's.
"""

import logging
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import ModelLogEntry

from accounts.models import Profile
from accounts.profiles import profile_of
from accounts.signals import owner_will_be_deleted
from billing.closure import close_billing, subscriptions_to_cancel
from billing.gateway import PaymentServiceError
from storefront_pages.models import StorefrontPage
from storefront_pages.provisioning import owner_media, remove_storefront

logger = logging.getLogger(__name__)

STRIPE_DOWN = (
    "Nothing was deleted: we couldn't reach our payment provider to end the subscription, and "
    "we won't delete an account that could still be charged. Please try again in a few minutes."
)


class OwnerDeletionFailed(Exception):
    """Nothing was deleted; ``user_message`` says why in words an owner understands."""

    def __init__(self, user_message):
        super().__init__(user_message)
        self.user_message = user_message


@dataclass
class DeletionPreview:
    """What deleting this owner will remove, to show before anyone confirms."""

    business_name: str
    email: str
    storefront: StorefrontPage | None
    image_count: int
    document_count: int
    subscriptions: list

    @property
    def summary(self):
        lines = [f"The account {self.email} and the business profile “{self.business_name}”."]
        if self.storefront is not None:
            lines.append(
                f"The storefront “{self.storefront.title}” (/storefront/{self.storefront.slug}/) "
                "with every saved version; it stops being public at once."
            )
        lines.append(
            f"{self.image_count} image(s) and {self.document_count} document(s), with their files."
        )
        for subscription in self.subscriptions:
            plan = subscription.plan.name if subscription.plan else "a plan"
            lines.append(
                f"The {plan} subscription ({subscription.get_status_display().lower()}) is "
                "cancelled now: no further payments, and no refund for the current period."
            )
        lines.append("Studio access ends now. This cannot be undone.")
        return lines


def forget_admin_history(*instances):
    """Drop the Wagtail and Django admin history rows about ``instances``: they name the owner."""
    for instance in instances:
        ModelLogEntry.objects.for_instance(instance).delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
        ).delete()


def deletion_preview(user):
    """What ``delete_owner`` would remove for ``user``, or None if they are not an owner."""
    profile = profile_of(user)
    if profile is None:
        return None
    images, documents = owner_media(profile)
    return DeletionPreview(
        business_name=profile.business_name,
        email=user.email,
        storefront=StorefrontPage.objects.filter(profile=profile).first(),
        image_count=len(images),
        document_count=len(documents),
        subscriptions=subscriptions_to_cancel(profile),
    )


def delete_owner(user, *, requested_by=None):
    """Delete ``user`` and, if they own a business, all of it; ``OwnerDeletionFailed`` if not.

    A user without a profile (staff) is simply deleted.
    """
    profile = profile_of(user)
    who, profile_id = f"user {user.pk}", getattr(profile, "pk", None)
    actor = f"user {requested_by.pk}" if requested_by is not None else "the owner"
    if profile is None:
        user.delete()
        logger.info("Deleted %s (no business) at the request of %s", who, actor)
        return
    try:
        close_billing(profile)
    except PaymentServiceError as exc:
        logger.error("Did not delete profile %s: Stripe could not end its billing", profile.pk)
        raise OwnerDeletionFailed(STRIPE_DOWN) from exc
    with transaction.atomic():
        owner_will_be_deleted.send(sender=Profile, profile=profile)
        remove_storefront(profile)
        forget_admin_history(profile, user)
        profile.delete()
        user.delete()
    logger.info("Deleted profile %s and %s at the request of %s", profile_id, who, actor)
