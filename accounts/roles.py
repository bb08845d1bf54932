"""The staff roles as data: their names, what each may do, and the question every app asks.

Permissions are named as ``(app_label, codename)`` strings so this module imports no other app;
``ensure_roles`` (run after every ``migrate``, see home/apps.py) makes the groups hold exactly
these lists, taking away anything added by hand.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

STAFF_GROUP_NAME = "Staff"
SUPPORT_GROUP_NAME = "Support"
STAFF_ROLE_GROUPS = (STAFF_GROUP_NAME, SUPPORT_GROUP_NAME)

# Support looks at every business, plan, subscription and event, and changes nothing.
SUPPORT_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("accounts", "view_profile"),
    ("billing", "view_subscriptionplan"),
    ("billing", "view_subscription"),
    ("billing", "view_billingcustomer"),
    ("billing", "view_stripeevent"),
    ("studio", "view_mintkitaccess"),
    ("studio", "view_accesswebhook"),
    # Background tasks and their failures (the Django admin's task results): look, never change.
    ("django_tasks_database", "view_dbtaskresult"),
)

# Staff run the business: businesses (owners' accounts, deleted only through the safe deletion),
# storefronts, plans and the site's settings; subscriptions and events stay Stripe's to write.
STAFF_PERMISSIONS = (
    *SUPPORT_PERMISSIONS,
    ("accounts", "change_profile"),
    ("billing", "add_subscriptionplan"),
    ("billing", "change_subscriptionplan"),
    ("auth", "view_user"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "delete_user"),
    ("auth", "view_group"),
    ("wagtailcore", "add_site"),
    ("wagtailcore", "change_site"),
    ("wagtailcore", "view_site"),
    ("wagtailcore", "add_collection"),
    ("wagtailcore", "change_collection"),
    ("wagtailcore", "delete_collection"),
    ("wagtailcore", "view_collection"),
    ("wagtailcore", "add_locale"),
    ("wagtailcore", "change_locale"),
    ("wagtailcore", "view_locale"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("wagtailredirects", "view_redirect"),
    ("wagtailforms", "add_formsubmission"),
    ("wagtailforms", "change_formsubmission"),
    ("wagtailforms", "delete_formsubmission"),
    ("wagtailforms", "view_formsubmission"),
)

# Wagtail grants pages and media per tree: Staff hold these on the root page and root collection.
STAFF_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
STAFF_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
)

ROLE_PERMISSIONS = {
    STAFF_GROUP_NAME: STAFF_PERMISSIONS,
    SUPPORT_GROUP_NAME: SUPPORT_PERMISSIONS,
}


def has_role(user, *group_names):
    """A superuser, or an active signed-in member of one of ``group_names``."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: one request asks this many times.
    cache = user.__dict__.setdefault("_hub_roles", {})
    if group_names not in cache:
        cache[group_names] = user.groups.filter(name__in=group_names).exists()
    return cache[group_names]


def is_staff_role(user):
    """Superusers and the Staff group: they may also restructure storefronts (move, delete,
    copy, lock); Support only looks."""
    return has_role(user, STAFF_GROUP_NAME)


def is_hub_staff(user):
    """People who run the Hub (Staff and Support): they keep Wagtail's admin as it is.

    Everyone else (business owners) gets only the owners' allowlist of admin views.
    """
    return has_role(user, *STAFF_ROLE_GROUPS)


def permissions_named(pairs):
    """The Permission rows for ``(app_label, codename)`` pairs; a missing one is an error."""
    if not pairs:
        return []
    wanted = Q()
    for app_label, codename in pairs:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(wanted))
    missing = set(pairs) - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"Permissions not found (migrate first?): {sorted(missing)}")
    return found


@transaction.atomic
def ensure_role(name):
    """The role's group holding exactly its permissions (and, for Staff, its page and media
    rights from the root down); safe to run any number of times."""
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(permissions_named(ROLE_PERMISSIONS[name]))
    page_permissions = STAFF_PAGE_PERMISSIONS if name == STAFF_GROUP_NAME else ()
    collection_permissions = STAFF_COLLECTION_PERMISSIONS if name == STAFF_GROUP_NAME else ()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    # A flushed database (tests) has no page or collection tree yet: nothing to grant on.
    if root_page is not None:
        GroupPagePermission.objects.filter(group=group).exclude(
            page=root_page, permission__codename__in=page_permissions
        ).delete()
        for permission in permissions_named([("wagtailcore", c) for c in page_permissions]):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )
    if root_collection is not None:
        wanted_media = permissions_named(collection_permissions)
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=wanted_media
        ).delete()
        for permission in wanted_media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def ensure_roles():
    """Every role's group, made or repaired to hold exactly its permissions."""
    return {name: ensure_role(name) for name in ROLE_PERMISSIONS}
