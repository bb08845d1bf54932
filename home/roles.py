"""The Support role: staff who can look at every business, plan and event but change nothing."""

from django.contrib.auth.models import Group, Permission

from accounts.roles import SUPPORT_GROUP_NAME

SUPPORT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("accounts", "view_profile"),
    ("billing", "view_subscriptionplan"),
    ("billing", "view_subscription"),
    ("billing", "view_billingcustomer"),
    ("billing", "view_stripeevent"),
    ("studio", "view_mintkitaccess"),
    # Failed background tasks (worker/admin.py): support looks, never changes.
    ("django_tasks_database", "view_dbtaskresult"),
]


def ensure_support_group():
    """Create the Support group with exactly its view permissions; safe to run again."""
    group, _ = Group.objects.get_or_create(name=SUPPORT_GROUP_NAME)
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in SUPPORT_PERMISSIONS
    ]
    group.permissions.set(permissions)
    return group
