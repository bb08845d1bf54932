"""Issue 9's measure: from the home page to a published storefront in at most 12 pointer actions.

A new owner (never seen a CMS) signs up and publishes a storefront with a headline, a
description, a contact email, opening hours and a logo, using only what is on the screen: no
typed addresses after the home page, every click on something a person can see. The test counts
pointer actions (clicks, taps, the file picker) and typed fields, prints them, and fails above 12
pointer actions. It runs at desktop width (1280 px) and phone width (360 px), and checks the
pages on the way with axe. Screenshots: artifacts/e2e/test_owner_publishes_a_storefront_in_
twelve_actions_<width>_-owner/.
"""

import re
import uuid

import pytest
from playwright.sync_api import expect

from storefront_pages.tests.factories import png_bytes

from .journeys import PASSWORD, serious_accessibility_violations

MAX_POINTER_ACTIONS = 12

# axe findings inside Wagtail's own admin markup that this project's configuration does not
# cause, as (rule, element): each is listed with its upstream reason in docs/UX.md ("Remaining
# findings in Wagtail's own admin"). Anything else fails the test.
WAGTAIL_CORE_FINDINGS = {
    # Draftail's editable area (Draft.js, class "notranslate", role textbox) has no name.
    ("aria-input-field-name", "'.notranslate'"),
    # Wagtail's chooser modal (role dialog) has no aria-label/labelledby.
    ("aria-dialog-name", "'.modal'"),
}


class CountedActions:
    """Drives the page like a person and counts what they would do."""

    def __init__(self, page):
        self.page = page
        self.pointer = 0
        self.typed = 0
        self.steps = []

    def click(self, locator, what):
        expect(locator).to_be_visible()
        locator.click()
        self.pointer += 1
        self.steps.append(f"click {what}")

    def type(self, locator, text, what):
        expect(locator).to_be_visible()
        locator.fill(text)
        self.typed += 1
        self.steps.append(f"type {what}")

    def pick_file(self, file_input, path, what):
        # A person clicks "Choose file", then picks the file in the system dialog: two actions.
        file_input.set_input_files(str(path))
        self.pointer += 2
        self.steps.append(f"pick file {what} (2 actions)")


def axe_findings(page):
    # Check the page as it settles: Wagtail's messages fade in, and half-faded text fails contrast.
    # Polled from here: wait_for_function evaluates a string, which the site's CSP forbids.
    for _ in range(50):
        if page.evaluate(
            "() => document.getAnimations().every((animation) => animation.playState !== "
            "'running' || animation.effect.getTiming().iterations === Infinity)"
        ):
            break
        page.wait_for_timeout(100)
    return [
        finding
        for finding in serious_accessibility_violations(page)
        if not any(
            finding.startswith(f"{rule} ") and finding.endswith(f"[[{element}]]")
            for rule, element in WAGTAIL_CORE_FINDINGS
        )
    ]


@pytest.mark.parametrize("width", [1280, 360])
def test_owner_publishes_a_storefront_in_twelve_actions(journey, tmp_path, width):
    owner = journey(f"{width}px")
    page = owner.page
    page.set_viewport_size({"width": width, "height": 900 if width > 600 else 780})
    act = CountedActions(page)
    suffix = uuid.uuid4().hex[:6]
    business = f"Maya's Salon {suffix}"
    logo = tmp_path / "maya-logo.png"
    logo.write_bytes(png_bytes((240, 240), "hotpink"))
    findings = {}

    page.goto("/")
    act.click(page.get_by_role("link", name=re.compile("free trial", re.I)).first, "free trial")
    act.type(page.get_by_label("Business name"), business, "business name")
    act.type(page.get_by_label("Email"), f"maya-{suffix}@example.com", "email")
    act.type(page.locator("#id_password1"), PASSWORD, "password")
    act.type(page.locator("#id_password2"), PASSWORD, "password again")
    findings["sign-up"] = axe_findings(page)
    owner.snap("sign up")
    act.click(page.get_by_role("button", name="Start free trial"), "Start free trial")

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    findings["dashboard"] = axe_findings(page)
    owner.snap("dashboard")
    act.click(page.get_by_role("button", name="Create your storefront"), "Create your storefront")

    # The focused editor: everything to fill in on its first tab.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    act.type(
        page.get_by_role("textbox", name="Headline"), "Cuts, colour and calm in Leeds", "headline"
    )
    description = page.locator("[data-field-wrapper]", has=page.locator("#id_description"))
    act.type(
        description.get_by_role("textbox"),
        "Walk-ins welcome. Gift cards in the shop.",
        "description",
    )
    act.type(
        page.get_by_role("textbox", name="Contact email"),
        f"hello-{suffix}@example.com",
        "contact email",
    )
    findings["editor"] = axe_findings(page)
    owner.snap("editor")

    logo_field = page.locator("[data-field-wrapper]", has=page.locator("#id_logo"))
    act.click(logo_field.get_by_role("button", name="Choose an image"), "Choose an image")
    modal = page.locator(".modal-content")
    # With no images yet, the chooser opens on its Upload tab.
    expect(modal.get_by_role("tab", name="Upload")).to_have_attribute("aria-selected", "true")
    act.pick_file(modal.locator("input[type=file]"), logo, "logo")
    act.type(modal.get_by_label("What the image shows"), "Maya's logo: a pink comb", "alt text")
    findings["image upload"] = axe_findings(page)
    owner.snap("image upload")
    act.click(modal.get_by_role("button", name="Upload"), "Upload")
    expect(logo_field).to_contain_text("maya-logo")

    act.click(page.get_by_role("button", name="Quick fill: Mon–Fri 9–5"), "Mon–Fri 9–5")
    expect(page.get_by_role("status").filter(has_text="Monday to Friday")).to_be_visible()
    owner.snap("editor filled in")
    act.click(page.get_by_role("button", name="Publish", exact=True), "Publish")

    # Back on the dashboard, with the way to the live page.
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_test_id("storefront-state")).to_contain_text("Live")
    owner.snap("published, on the dashboard")
    act.click(page.get_by_role("link", name="View your storefront"), "View your storefront")

    expect(page.get_by_role("heading", level=1)).to_have_text(business)
    expect(page.get_by_text("Cuts, colour and calm in Leeds")).to_be_visible()
    expect(page.get_by_text("Walk-ins welcome.")).to_be_visible()
    expect(page.locator("img.storefront-logo")).to_have_attribute("alt", "Maya's logo: a pink comb")
    expect(page.get_by_text("09:00").first).to_be_attached()
    expect(page.get_by_test_id("draft-banner")).to_have_count(0)
    owner.snap("the public storefront")

    print(
        f"\nOwner's journey at {width} px: {act.pointer} pointer actions and {act.typed} typed "
        f"fields, home page to published storefront.\n  " + "\n  ".join(act.steps)
    )
    assert {page: found for page, found in findings.items() if found} == {}
    assert act.pointer <= MAX_POINTER_ACTIONS, act.steps
