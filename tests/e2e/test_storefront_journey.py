"""An owner builds, publishes and unpublishes a storefront; the public sees exactly that."""

import re
import uuid

from playwright.sync_api import expect

from storefront_pages.tests.factories import png_bytes

from .journeys import serious_accessibility_violations, sign_up


def test_owner_creates_edits_publishes_and_unpublishes_a_storefront(journey, tmp_path):
    owner = journey("owner")
    page = owner.page
    suffix = uuid.uuid4().hex[:6]
    sign_up(page, f"kiln-{suffix}@example.com", f"Kiln Corner {suffix}")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.get_by_role("button", name="Create your storefront").click()

    # The Wagtail editor, restricted to this owner's page.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_role("textbox", name="Web address")).to_have_value(f"kiln-corner-{suffix}")
    page.locator("#id_headline").fill("Handmade stoneware, fired in Leeds")
    logo = tmp_path / "kiln-logo.png"
    logo.write_bytes(png_bytes((240, 240), "darkorange"))
    page.locator("[data-field-wrapper]", has=page.locator("#id_logo")).get_by_role(
        "button", name="Choose an image"
    ).click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(str(logo))
    # Wagtail fills the title from the file name; wait for it, or on a busy machine it lands
    # after ours ("kiln-logoKiln Corner logo").
    expect(modal.get_by_label("Title")).to_have_value("kiln-logo")
    modal.get_by_label("Title").fill("Kiln Corner logo")
    modal.get_by_role("button", name="Upload").click()
    expect(page.locator("[data-field-wrapper]", has=page.locator("#id_logo"))).to_contain_text(
        "Kiln Corner logo"
    )
    owner.snap("editor with headline and logo")
    # Monday typed as people write times, then copied to the other weekdays.
    page.get_by_role("button", name=re.compile("^Add day$", re.I)).click()
    monday = page.locator("#id_opening_hours-FORMS > [data-inline-panel-child]").last
    monday.get_by_label("Weekday").select_option(label="Monday")
    monday.get_by_label("Opens").fill("9am")
    monday.get_by_label("Closes").fill("5.30pm")
    page.get_by_role("button", name="Copy the first day’s hours to Mon–Fri").click()
    expect(page.get_by_role("status").filter(has_text="Monday's hours copied")).to_be_visible()
    owner.snap("hours copied to the weekdays")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("Your storefront is published")).to_be_visible()
    owner.snap("published from the editor")

    public_path = f"/storefront/kiln-corner-{suffix}/"
    visitor = journey("visitor").page
    response = visitor.goto(public_path)
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Kiln Corner {suffix}")
    expect(visitor.get_by_text("Handmade stoneware, fired in Leeds")).to_be_visible()
    expect(visitor.locator("img.storefront-logo")).to_have_attribute("alt", "Kiln Corner logo")
    for day in ("Monday", "Friday"):
        expect(visitor.get_by_role("row", name=re.compile(day))).to_contain_text("09:00–17:30")
    expect(visitor.get_by_role("row", name=re.compile("Saturday"))).to_contain_text("Closed")
    assert serious_accessibility_violations(visitor) == [], public_path

    page.goto("/dashboard/")
    expect(page.get_by_test_id("storefront-state")).to_contain_text("Live")
    owner.snap("dashboard shows live")
    page.get_by_role("button", name="Unpublish").click()
    expect(page.get_by_test_id("storefront-state")).to_contain_text("Not public")
    owner.snap("dashboard after unpublish")

    assert visitor.goto(public_path).status == 404
    preview = page.goto(public_path)
    assert preview.status == 200
    expect(page.get_by_test_id("draft-banner")).to_contain_text(
        "Not public — only you can see this"
    )
    owner.snap("owner preview of the draft")


def test_directory_and_search_have_no_serious_accessibility_violations(journey):
    j = journey()
    page = j.page
    page.goto("/storefront/")
    expect(page.get_by_role("link", name="Bloom & Blade Salon")).to_be_visible()
    expect(page.get_by_text("Crumb & Crust Bakery")).to_have_count(0)
    assert serious_accessibility_violations(page) == [], "/storefront/"
    j.snap("directory")
    page.get_by_label("Search storefronts").fill("salon")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=salon$"))
    expect(page.get_by_role("link", name="Bloom & Blade Salon")).to_be_visible()
    assert serious_accessibility_violations(page) == [], "/search/?q=salon"
    j.snap("search results")
    page.goto("/search/?q=nothing-matches-this")
    assert serious_accessibility_violations(page) == [], "/search/ empty"
    expect(page.get_by_text("No storefronts match")).to_be_visible()
