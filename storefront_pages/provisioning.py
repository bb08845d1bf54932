"""Finding or creating an owner's storefront, with the admin rights that scope them to it.

Wagtail grants page and media permissions to groups, never to single users, so every owner gets
a group of their own holding exactly: access to the admin, ``change_page`` and ``publish_page``
on their one page, and add/change/choose on their own image and document collection.
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    PageLogEntry,
)

from accounts.models import Profile

from .models import StorefrontAccess, StorefrontIndexPage, StorefrontPage
from .slugs import suggest_slug

logger = logging.getLogger(__name__)

STOREFRONTS_COLLECTION_NAME = "Storefronts"
OWNER_PAGE_PERMISSIONS = ("change_page", "publish_page")
OWNER_MEDIA_ACTIONS = ("add", "change", "choose")
MEDIA_APPS = {"wagtailimages": "image", "wagtaildocs": "document"}


class StorefrontExists(Exception):
    """The profile already has a storefront; a profile has at most one."""

    def __init__(self, storefront):
        super().__init__(f"Profile {storefront.profile_id} already has storefront {storefront.pk}")
        self.storefront = storefront


def storefront_for_profile(profile):
    """The profile's one storefront, or None (no profile, or none created yet)."""
    if profile is None:
        return None
    return StorefrontPage.objects.filter(profile=profile).select_related("owner").first()


def storefront_index():
    """The one directory page every storefront lives under."""
    return StorefrontIndexPage.objects.get()


def slug_is_taken(slug, exclude_page=None):
    siblings = storefront_index().get_children().filter(slug=slug)
    if exclude_page is not None:
        siblings = siblings.exclude(pk=exclude_page.pk)
    return siblings.exists()


def suggested_slug_for(name):
    return suggest_slug(name, slug_is_taken)


class OwnerGrants:
    """The permissions every owner's group holds, fetched in one query."""

    def __init__(self):
        wanted = {
            ("wagtailadmin", "access_admin"),
            *(("wagtailcore", codename) for codename in OWNER_PAGE_PERMISSIONS),
            *(
                (app_label, f"{action}_{model_name}")
                for app_label, model_name in MEDIA_APPS.items()
                for action in OWNER_MEDIA_ACTIONS
            ),
        }
        found = {
            (grant.content_type.app_label, grant.codename): grant
            for grant in Permission.objects.filter(
                content_type__app_label__in={app_label for app_label, _ in wanted},
                codename__in={codename for _, codename in wanted},
            ).select_related("content_type")
        }
        self.admin = found["wagtailadmin", "access_admin"]
        self.page = [found["wagtailcore", codename] for codename in OWNER_PAGE_PERMISSIONS]
        self.media = [
            found[app_label, f"{action}_{model_name}"]
            for app_label, model_name in MEDIA_APPS.items()
            for action in OWNER_MEDIA_ACTIONS
        ]


@transaction.atomic
def create_storefront(profile, name, slug):
    """A new draft storefront for ``profile``, provisioned; ``StorefrontExists`` if it has one.

    The caller has validated ``slug``; the profile row is locked so a double-submitted form
    cannot create two storefronts.
    """
    profile = Profile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    existing = StorefrontPage.objects.filter(profile=profile).first()
    if existing is not None:
        raise StorefrontExists(existing)
    page = StorefrontPage(
        title=name,
        slug=slug,
        profile=profile,
        owner=profile.user,
        contact_email=profile.contact_email,
        live=False,
    )
    storefront_index().add_child(instance=page)
    page.save_revision(user=profile.user, log_action=True)
    provision_owner_access(page)
    logger.info("Created storefront %s (%s) for profile %s", page.pk, slug, profile.pk)
    return page


@transaction.atomic
def provision_storefront(profile, name=None, slug=None):
    """The profile's storefront with every grant in place, creating what is missing.

    Safe to run any number of times (``seed_demo``, staff repairs): an existing storefront
    keeps its content and only missing rights are added.
    """
    existing = StorefrontPage.objects.filter(profile=profile).first()
    if existing is not None:
        provision_owner_access(existing)
        return existing
    name = name or profile.business_name
    return create_storefront(profile, name, slug or suggested_slug_for(name))


@transaction.atomic
def provision_owner_access(page):
    """Give ``page``'s owner their group, page rights and collection; add nothing twice."""
    profile = page.profile
    user = profile.user
    access = StorefrontAccess.objects.filter(profile=profile).select_related("group").first()
    if access is None:
        group, _ = Group.objects.get_or_create(name=f"Storefront owner #{profile.pk}")
        collection = storefronts_collection().add_child(
            instance=Collection(name=owner_collection_name(profile))
        )
        access = StorefrontAccess.objects.create(
            profile=profile, group=group, collection=collection
        )
    group = access.group
    grants = OwnerGrants()
    group.permissions.add(grants.admin)
    # One INSERT each; the unique constraints on both tables make a grant already there a no-op.
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page=page, permission=grant) for grant in grants.page],
        ignore_conflicts=True,
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=access.collection, permission=grant)
            for grant in grants.media
        ],
        ignore_conflicts=True,
    )
    user.groups.add(group)
    if page.owner_id != user.pk:
        page.owner = user
        page.save(update_fields=["owner"])
    return access


def owner_collection_name(profile):
    """Named so that each new collection sorts after every earlier one.

    Wagtail keeps collections sorted by name, and the tree inserts a child in name order by
    renumbering every later sibling: a name in alphabetical position cost one UPDATE per later
    owner (thousands at 10,000 storefronts). A zero-padded, increasing number always lands last.
    """
    return f"Storefront {profile.pk:08d}: {profile.business_name}"


def storefronts_collection():
    """The parent collection of every owner's media collection."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=STOREFRONTS_COLLECTION_NAME).first()
    if existing is not None:
        return existing
    return root.add_child(instance=Collection(name=STOREFRONTS_COLLECTION_NAME))


def owner_media(profile):
    """The owner's images and documents: everything in their collection."""
    access = StorefrontAccess.objects.filter(profile=profile).first()
    if access is None:
        return [], []
    images = list(get_image_model().objects.filter(collection=access.collection))
    documents = list(get_document_model().objects.filter(collection=access.collection))
    return images, documents


@transaction.atomic
def remove_storefront(profile):
    """Undo everything provisioning made for ``profile``: page, revisions, media, group, collection,
    and the admin history that names them.

    Wagtail removes image, rendition and document files from storage once the transaction
    commits (its post_delete handlers), so a failure half way leaves every file in place.
    """
    images, documents = owner_media(profile)
    for item in [*images, *documents]:
        ModelLogEntry.objects.for_instance(item).delete()  # the history names them
        item.delete()  # renditions go with their image
    page = StorefrontPage.objects.filter(profile=profile).first()
    if page is not None:
        page_id = page.pk
        page.delete()  # its revisions, opening hours and links go with it
        PageLogEntry.objects.filter(page_id=page_id).delete()
    access = StorefrontAccess.objects.filter(profile=profile).select_related("group").first()
    if access is not None:
        group, collection = access.group, access.collection
        for item in (group, collection):
            ModelLogEntry.objects.for_instance(item).delete()
        access.delete()
        group.delete()
        collection.delete()
    logger.info("Removed the storefront, media, group and collection of profile %s", profile.pk)
