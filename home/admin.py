"""The Django admin's users: deleting an owner goes through the safe deletion, never a cascade."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin  # registers Django's UserAdmin on import
from django.shortcuts import redirect
from django.urls import reverse

from accounts.profiles import profile_of

from .deletion import OwnerDeletionFailed, delete_owner

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class HubUserAdmin(UserAdmin):
    """Django's user admin, with an owner's deletion done by ``home.deletion.delete_owner``."""

    def get_actions(self, request):
        # A bulk delete would cascade past Stripe: owners are deleted one at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, object_id)
        if (
            request.method == "POST"
            and user is not None
            and self.has_delete_permission(request, user)
            and profile_of(user) is not None
        ):
            try:
                delete_owner(user, requested_by=request.user)
            except OwnerDeletionFailed as failure:
                messages.error(request, failure.user_message)
                return redirect(reverse("admin:auth_user_delete", args=[object_id]))
            messages.success(
                request, f"{user.email} and their business are deleted; Stripe billing has ended."
            )
            return redirect(reverse("admin:auth_user_changelist"))
        return super().delete_view(request, object_id, extra_context)
