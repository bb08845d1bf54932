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


class StorefrontPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, minus the structural actions owners must never take.

    Owners hold ``change_page`` and ``publish_page`` on their one page. In Wagtail that also
    lets them delete it (``change``), copy it (``change``), set its privacy (``publish``), lock
    it and sort its (non-existent) children; none of those make sense for a storefront tied to
    a business profile, so only staff may, and the editor shows owners none of them.
    """

    def _is_staff(self):
        return is_staff_role(self.user)

    def can_delete(self, ignore_bulk=False):
        return self._is_staff() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return self._is_staff() and super().can_move()

    def can_copy(self):
        return self._is_staff() and super().can_copy()

    def can_set_view_restrictions(self):
        return self._is_staff() and super().can_set_view_restrictions()

    def can_lock(self):
        return self._is_staff() and super().can_lock()

    def can_unlock(self):
        return self._is_staff() and super().can_unlock()

    def can_reorder_children(self):
        return self._is_staff() and super().can_reorder_children()
