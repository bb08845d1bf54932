"""Every storefront theme, wide and narrow: fits the screen, accessible, light, and self-hosted.

Prints each theme's HTML + CSS weight (gzip, as whitenoise and a CDN serve it) for the closing
note; screenshots land in artifacts/e2e/test_each_theme_*/.
"""

import gzip
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from home.demo import DEMO_PASSWORD

from .journeys import log_in, serious_accessibility_violations

STOREFRONT = "/storefront/bloom-blade-salon/"
WEIGHT_BUDGET = 60 * 1024
VIEWPORTS = [(1280, 900), (360, 780)]


def use_theme(hub, theme):
    hub.shell(
        "from storefront_pages.models import StorefrontPage\n"
        "from storefront_pages.publishing import publish_storefront\n"
        "page = StorefrontPage.objects.get(slug='bloom-blade-salon')\n"
        f"page.theme = '{theme}'\n"
        "page.save_revision(user=page.owner)\n"
        "publish_storefront(page, page.owner)\n"
    )


@pytest.mark.parametrize("theme", ["classic", "bold", "minimal"])
def test_each_theme_fits_is_accessible_light_and_self_hosted(journey, hub, theme):
    use_theme(hub, theme)
    j = journey(theme)
    j.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=hub.url)
    page = j.page
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    for width, height in VIEWPORTS:
        requests.clear()
        page.set_viewport_size({"width": width, "height": height})
        page.goto(STOREFRONT)
        page.wait_for_load_state("networkidle")
        expect(page.locator("body")).to_contain_class(f"theme-{theme}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bloom & Blade Salon")
        expect(page.get_by_role("img", name="Bloom & Blade Salon logo")).to_be_visible()
        expect(page.locator(".storefront-cover")).to_be_visible()
        expect(page.get_by_test_id("open-status")).to_contain_text("now")
        expect(page.get_by_role("link", name="Made with MintKit Hub")).to_be_visible()
        expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{theme} at {width} px scrolls sideways by {overflow} px"
        assert serious_accessibility_violations(page) == [], f"{theme} at {width} px"
        j.snap(f"{theme} {width}px")
        # Headless Chromium has no share sheet, so the button offers to copy the link.
        page.get_by_role("button", name="Copy link").click()
        expect(page.get_by_role("button", name="Link copied")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == f"{hub.url}{STOREFRONT}"

        hosts = {urlparse(request.url).netloc for request in requests}
        assert hosts == {urlparse(hub.url).netloc}, f"{theme} asked other hosts: {hosts}"
        html_and_css = [
            request for request in requests if request.resource_type in {"document", "stylesheet"}
        ]
        weight = sum(len(gzip.compress(request.response().body())) for request in html_and_css)
        print(
            f"\n{theme} at {width} px: HTML + CSS {weight} bytes ({weight / 1024:.1f} KB) gzip "
            f"over {len(html_and_css)} files, {len(requests)} requests in all"
        )
        assert weight < WEIGHT_BUDGET, f"{theme}: {weight} bytes of HTML + CSS (gzip)"


def test_owner_picks_a_theme_and_colour_from_pictures_in_the_editor(journey):
    j = journey("owner")
    page = j.page
    log_in(page, "draft@demo.mintkit.co.uk", DEMO_PASSWORD)
    page.get_by_role("link", name="Edit storefront").click()
    page.get_by_role("tab", name="Look & links").click()
    picker = page.locator(".theme-preview-select")
    expect(picker.locator("img")).to_have_count(3)
    j.snap("look and links tab")
    page.get_by_role("radio", name="Minimal").check()
    page.locator("#id_brand_colour").fill("#115e67")
    # Publish is the owner's main button; a draft is saved from the menu beside it.
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()
    page.goto("/dashboard/")
    page.get_by_role("link", name="Preview your page").click()
    expect(page.locator("body")).to_contain_class("theme-minimal")
    expect(page.locator("body")).to_contain_class("brand-115e67")
    expect(page.get_by_test_id("draft-banner")).to_be_visible()
    j.snap("draft preview in the minimal theme")
