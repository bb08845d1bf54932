"""The staff admins' shared rules: read-only rows in both admins, and honest 403s in modeladmin.

Wagtail's admin turns PermissionDenied into a redirect to its dashboard; for staff roles such as
Support ("may look, may not change") an honest 403 is clearer and what tests and tools expect.
"""

from django.contrib import admin
from django.views.defaults import permission_denied
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import CreateView, DeleteView, EditView


class ForbiddenWithStatusMixin:
    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            return permission_denied(request, exception=None)
        return super().dispatch(request, *args, **kwargs)


class StrictCreateView(ForbiddenWithStatusMixin, CreateView):
    pass


class StrictEditView(ForbiddenWithStatusMixin, EditView):
    pass


class StrictDeleteView(ForbiddenWithStatusMixin, DeleteView):
    pass


class StrictModelAdmin(ModelAdmin):
    """A ModelAdmin whose create, edit and delete views answer 403 when not permitted."""

    create_view_class = StrictCreateView
    edit_view_class = StrictEditView
    delete_view_class = StrictDeleteView


class ReadOnlyPermissionHelper(PermissionHelper):
    """Rows that Stripe or the Hub itself writes: staff may look, never create, edit or delete."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ReadOnlyWagtailAdmin(StrictModelAdmin):
    """The Wagtail admin's list and inspect views of those rows, and nothing that writes."""

    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True


class ReadOnlyDjangoAdmin(admin.ModelAdmin):
    """The Django admin's view of the same rows: look, never add, change or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
