"""Every kind of page carries the Content-Security-Policy and Permissions-Policy it should."""

import re
from pathlib import Path

import pytest

from accounts.tests.factories import ProfileFactory
from fake_stripe import pages as stand_in_pages

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def staff(client):
    from accounts.tests.factories import UserFactory

    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url", ["/", "/storefront/", "/search/?q=salon", "/billing/plans/", "/accounts/login/"]
)
def test_public_pages_enforce_scripts_and_styles_from_self_only(client, url, settings):
    response = client.get(url)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    # Forms lead on to Stripe's hosted pages (here the stand-in) and the Studio.
    assert "http://127.0.0.1:9" in policy["form-action"]
    assert "https://studio.mintkit.co.uk" in policy["form-action"]
    assert "Content-Security-Policy-Report-Only" not in response
    assert "camera=()" in response["Permissions-Policy"]


def test_owner_pages_are_enforced_too(client):
    client.force_login(ProfileFactory().user)
    for url in ["/dashboard/", "/dashboard/profile/", "/studio/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_with_stripe_itself_forms_may_lead_to_its_hosted_pages(client, settings):
    settings.STRIPE_API_BASE = "https://api.stripe.com"
    policy = directives(client.get("/")["Content-Security-Policy"])
    assert "https://checkout.stripe.com" in policy["form-action"]
    assert "https://billing.stripe.com" in policy["form-action"]
    assert "https://api.stripe.com" not in policy["form-action"]


def test_the_admins_are_report_only(client, staff):
    for url in ["/admin/", "/django-admin/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" not in response
        assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_the_stand_ins_pages_allow_their_own_stylesheet_and_the_hubs_return():
    status, html = stand_in_pages.document("Checkout", "Test", "<p>hi</p>")
    policy = directives(
        stand_in_pages.content_security_policy(["http://127.0.0.1:8000/billing/success/?x=1"])
    )
    assert policy["default-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'", "http://127.0.0.1:8000"]
    style = re.search(r"<style>(.*)</style>", html, re.S).group(1)
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert policy["style-src"] == [f"'sha256-{digest}'"]


def served_templates():
    """Every page template of the project's and its apps' (emails are not pages: mail clients
    need their inline styles, and no browser loads them under the site's policy)."""
    project = TEMPLATES.parent
    for folder in [TEMPLATES, *project.glob("*/templates")]:
        for template in folder.rglob("*.html"):
            if "emails" not in template.relative_to(folder).parts:
                yield template


def test_no_template_has_inline_script_style_or_event_handler():
    offenders = []
    for template in served_templates():
        text = template.read_text()
        for match in re.finditer(r"<script(?P<attrs>[^>]*)>", text):
            attrs = match.group("attrs")
            if "src=" not in attrs and "application/ld+json" not in attrs:
                offenders.append(f"{template.relative_to(TEMPLATES.parent)}: inline <script>")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{template.relative_to(TEMPLATES.parent)}: on* handler")
        if re.search(r"\sstyle\s*=|<style", text):
            offenders.append(f"{template.relative_to(TEMPLATES.parent)}: inline style")
    assert offenders == []
