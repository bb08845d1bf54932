"""What an owner may see of the page tree and do to their own storefront page."""

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester

from accounts.roles import is_staff_role


def pages_visible_to_owner(user):
    """The pages an owner may see in choosers: the ones they can edit, and the path to them."""
    editable = Page.objects.filter(group_permissions__group__user=user).distinct()
    ancestor_paths = {
        page.path[:length]
        for page in editable.only("path", "depth")
        for length in range(4, len(page.path), 4)
    }
    return Page.objects.filter(Q(pk__in=editable.values("pk")) | Q(path__in=ancestor_paths))


def staff_only(action):
    """Wagtail's ``action`` check, answered only for staff (owners always get False)."""
    wagtail_check = getattr(PagePermissionTester, action)

    def check(self, *args, **kwargs):
        return is_staff_role(self.user) and wagtail_check(self, *args, **kwargs)

    check.__name__ = action
    return check


class StorefrontPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, minus the structural actions owners must never take.

    Owners hold ``change_page`` and ``publish_page`` on their one page. In Wagtail that also
    lets them delete it (``change``), copy it (``change``), set its privacy (``publish``), lock
    it and sort its (non-existent) children; none of those make sense for a storefront tied to
    a business profile, so only staff may, and the editor shows owners none of them. Those
    checks are the ``STAFF_ONLY_ACTIONS`` below.
    """


# Structural actions: staff only.
STAFF_ONLY_ACTIONS = (
    "can_delete",
    "can_move",
    "can_copy",
    "can_set_view_restrictions",
    "can_lock",
    "can_unlock",
    "can_reorder_children",
)
for action in STAFF_ONLY_ACTIONS:
    setattr(StorefrontPermissionTester, action, staff_only(action))
