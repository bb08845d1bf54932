"""Storefronts leave the page cache when something they show changes outside the page itself.

The page's own saves, publishing, unpublishing, moves and deletion are handled for every
Wagtail page by page_cache; here: the owner's profile and the images a storefront shows.
"""

from django.db.models import Q
from django.db.models.signals import post_save, pre_delete
from wagtail.images import get_image_model

from accounts.models import Profile
from page_cache.wagtail_pages import invalidate_page_and_parent

from .models import StorefrontPage


def invalidate_storefronts(storefronts):
    for page in storefronts.only("id", "path", "depth", "url_path"):
        invalidate_page_and_parent(page)


def profile_changed(sender, instance, **kwargs):
    invalidate_storefronts(StorefrontPage.objects.filter(profile_id=instance.pk))


def image_changed(sender, instance, **kwargs):
    # Before deletion: the pages' references are then cleared by an UPDATE that sends no signal.
    invalidate_storefronts(
        StorefrontPage.objects.filter(Q(logo_id=instance.pk) | Q(cover_image_id=instance.pk))
    )


def connect_storefront_signals():
    post_save.connect(profile_changed, sender=Profile, dispatch_uid="storefront.profile_saved")
    image_model = get_image_model()
    post_save.connect(image_changed, sender=image_model, dispatch_uid="storefront.image_saved")
    pre_delete.connect(image_changed, sender=image_model, dispatch_uid="storefront.image_deleted")
