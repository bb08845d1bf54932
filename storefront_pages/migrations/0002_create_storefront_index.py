"""Create the one storefront directory at /storefront/, as the home page's child."""

import uuid

from django.db import migrations
from django.utils import timezone

# Wagtail's page tree (treebeard materialised path): four base-36 characters per level.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP_LENGTH = 4


def path_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP_LENGTH, "0")


def create_storefront_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    StorefrontIndexPage = apps.get_model("storefront_pages.StorefrontIndexPage")

    if StorefrontIndexPage.objects.exists():
        return
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    last_child = (
        Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        .order_by("-path")
        .first()
    )
    next_step = int(last_child.path[-STEP_LENGTH:], 36) + 1 if last_child else 1
    content_type, _ = ContentType.objects.get_or_create(
        app_label="storefront_pages", model="storefrontindexpage"
    )
    now = timezone.now()
    StorefrontIndexPage.objects.create(
        title="Storefronts",
        draft_title="Storefronts",
        seo_title="Local businesses on MintKit Hub",
        search_description="Find local businesses: opening hours, contact details and more.",
        slug="storefront",
        content_type=content_type,
        path=home.path + path_step(next_step),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}storefront/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        intro="Local businesses on MintKit Hub: find opening hours, contact details and more.",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


def remove_storefront_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    StorefrontIndexPage = apps.get_model("storefront_pages.StorefrontIndexPage")
    for index_page in StorefrontIndexPage.objects.all():
        parent_path = index_page.path[:-STEP_LENGTH]
        index_page.delete()
        parent = Page.objects.get(path=parent_path)
        Page.objects.filter(pk=parent.pk).update(numchild=max(parent.numchild - 1, 0))


class Migration(migrations.Migration):
    dependencies = [
        ("storefront_pages", "0001_initial"),
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(create_storefront_index, remove_storefront_index)]
