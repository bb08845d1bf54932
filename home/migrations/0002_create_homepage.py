"""Replace Wagtail's welcome page with the MintKit home page and make it the default site's root."""

import uuid

from django.db import migrations

BENEFITS = [
    ("A storefront page in minutes", "Your opening hours, contact details and links to buy, "
     "on a fast page customers can find."),
    ("Subscriptions that look after themselves", "Pay monthly through Stripe, change or cancel "
     "any time from your billing portal."),
    ("MintKit Studio included", "Sell gift cards, tickets and vouchers with the Studio while "
     "your trial or subscription lasts."),
]


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Wagtail's own migration made a plain welcome page at depth 2; its Site cascades with it.
    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page",
                        slug="home", depth=2).delete()
    welcome_locale = Locale.objects.order_by("pk").first()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="MintKit Hub",
        draft_title="MintKit Hub",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=welcome_locale,
        translation_key=uuid.uuid4(),
        benefits=[
            {"type": "benefit", "value": {"title": title, "text": text}, "id": str(uuid.uuid4())}
            for title, text in BENEFITS
        ],
    )
    Site.objects.create(hostname="localhost", port=80, site_name="MintKit Hub",
                        root_page=homepage, is_default_site=True)


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home.HomePage")
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="home").delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
