"""Who counts as MintKit staff: the role groups' names and the one question every app asks."""

STAFF_GROUP_NAME = "Staff"
SUPPORT_GROUP_NAME = "Support"
STAFF_ROLE_GROUPS = (STAFF_GROUP_NAME, SUPPORT_GROUP_NAME)


def is_hub_staff(user):
    """Superusers and members of the Staff or Support group: people who run the Hub.

    They keep Wagtail's admin as Wagtail and their group permissions make it; everyone else
    (business owners) gets only the owners' allowlist of admin views.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: one request asks this many times.
    if not hasattr(user, "_hub_staff"):
        user._hub_staff = user.groups.filter(name__in=STAFF_ROLE_GROUPS).exists()
    return user._hub_staff
