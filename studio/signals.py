"""How the Studio hears of access changes made elsewhere: syncs, profile edits, deletions."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from accounts.models import Profile
from billing.signals import subscription_synced

from .access_webhooks import announce_access_change, announce_account_deleted
from .models import MintKitAccess


@receiver(subscription_synced, dispatch_uid="studio-access-after-sync")
def access_after_sync(sender, profile_id, **kwargs):
    announce_access_change(profile_id)


@receiver(post_save, sender=Profile, dispatch_uid="studio-access-after-profile-save")
def access_after_profile_save(sender, instance, created, raw=False, **kwargs):
    # Staff may move a sign-up trial's end in the admin; that changes access at once.
    if not created and not raw:
        announce_access_change(instance.pk)


@receiver(pre_delete, sender=MintKitAccess, dispatch_uid="studio-access-deleted")
def access_deleted(sender, instance, **kwargs):
    # Deleting a user or profile cascades here, inside the deletion's transaction: whoever
    # deletes an account needs to do nothing more for the Studio to hear of it.
    announce_account_deleted(instance)
