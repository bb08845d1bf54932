"""The site and the page a request routes to, read by SQL written once, are what the ORM and
Wagtail's own lookups give: every field, on SQLite and PostgreSQL alike."""

import itertools

import pytest
from django.forms.models import model_to_dict
from django.test import RequestFactory
from wagtail.models import Page, Site

from page_cache.routing import route_below
from page_cache.site_root import site_for_request
from raw_sql.reads import read_children
from storefront_pages.models import StorefrontIndexPage, StorefrontPage
from storefront_pages.tests.test_storefront_look import dressed_storefront

pytestmark = pytest.mark.django_db


def every_field(instance):
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def test_a_routed_storefront_has_every_field_the_orm_reads_with_its_images():
    page = dressed_storefront("Harbour Coffee")
    home = Site.objects.get(is_default_site=True).root_page
    request = RequestFactory().get(page.url)

    routed = route_below(home, request, ["storefront", page.slug]).page

    from_orm = StorefrontPage.objects.select_related("logo", "cover_image").get(pk=page.pk)
    assert type(routed) is StorefrontPage
    assert every_field(routed) == every_field(from_orm)
    assert every_field(routed.logo) == every_field(from_orm.logo)
    assert every_field(routed.cover_image) == every_field(from_orm.cover_image)
    assert model_to_dict(routed) == model_to_dict(from_orm)


def test_a_storefront_without_images_knows_it_has_none_without_asking(django_assert_num_queries):
    page = dressed_storefront("Plain Bakery")
    StorefrontPage.objects.filter(pk=page.pk).update(logo=None, cover_image=None)
    home = Site.objects.get(is_default_site=True).root_page
    routed = route_below(home, RequestFactory().get(page.url), ["storefront", page.slug]).page
    with django_assert_num_queries(0):
        assert routed.logo is None and routed.cover_image is None


def test_the_directory_is_routed_as_its_own_class():
    home = Site.objects.get(is_default_site=True).root_page
    routed = route_below(home, RequestFactory().get("/storefront/"), ["storefront"]).page
    assert type(routed) is StorefrontIndexPage
    assert every_field(routed) == every_field(StorefrontIndexPage.objects.get())


@pytest.fixture
def sites():
    """The default site, the same home on a second port, the directory under its own hostname
    on two ports, and a third hostname that is nobody's default."""
    home = Site.objects.get(is_default_site=True)
    directory = StorefrontIndexPage.objects.get()
    Site.objects.create(hostname=home.hostname, port=8080, root_page=home.root_page)
    Site.objects.create(hostname="shops.example", port=80, root_page=directory)
    Site.objects.create(hostname="shops.example", port=8443, root_page=home.root_page)
    Site.objects.create(hostname="solo.example", port=81, root_page=directory)
    return Site.objects.all()


HOSTS = ["localhost", "testserver", "shops.example", "solo.example", "nobody.example"]
PORTS = ["80", "81", "8080", "8443", "9999"]


@pytest.mark.parametrize("has_default", [True, False])
def test_every_host_and_port_finds_the_site_wagtail_finds(sites, settings, has_default):
    if not has_default:
        Site.objects.update(is_default_site=False)
    settings.USE_X_FORWARDED_PORT = True
    for host, port in itertools.product(HOSTS, PORTS):
        request = RequestFactory().get("/", HTTP_HOST=host, HTTP_X_FORWARDED_PORT=port)
        expected = Site._find_for_request(request)
        found = site_for_request(request)
        # Wagtail's own lookup fails on a forwarded port that is not a number; here it is
        # a port no site has.
        nonsense = RequestFactory().get("/", HTTP_HOST=host, HTTP_X_FORWARDED_PORT="x")
        assert site_for_request(nonsense) == site_for_request(
            RequestFactory().get("/", HTTP_HOST=host, HTTP_X_FORWARDED_PORT="9999")
        )
        assert (found and found.pk) == (expected and expected.pk), (host, port)
        if found:
            assert every_field(found) == every_field(expected)
            assert every_field(found.root_page) == every_field(
                Page.objects.get(pk=found.root_page_id)
            )


def test_finding_the_site_reads_it_and_its_root_page_in_one_query(django_assert_num_queries):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    with django_assert_num_queries(1):
        site = site_for_request(request)
        assert site.root_page.depth == 2


def test_a_pages_child_rows_are_the_orms_in_its_order():
    page = dressed_storefront("Harbour Coffee")
    for related_name in ("opening_hours", "links"):
        from_orm = list(getattr(page, related_name).all())
        read = read_children(page, related_name)
        assert read
        assert [every_field(row) for row in read] == [every_field(row) for row in from_orm]
        assert all(row.page is page for row in read)
