"""Who counts as MintKit staff: the role groups' names and the questions every app asks of them."""

STAFF_GROUP_NAME = "Staff"
SUPPORT_GROUP_NAME = "Support"
STAFF_ROLE_GROUPS = (STAFF_GROUP_NAME, SUPPORT_GROUP_NAME)


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


def is_hub_staff(user):
    """People who run the Hub (Staff and Support): they keep Wagtail's admin as it is.

    Everyone else (business owners) gets only the owners' allowlist of admin views.
    """
    return has_role(user, *STAFF_ROLE_GROUPS)
