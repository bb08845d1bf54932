"""Steps the browser journeys share: signing up and in, ending a trial, checking accessibility."""

PASSWORD = "a-long-and-unusual-passphrase-42"


def sign_up(page, email, business_name):
    page.goto("/accounts/signup/")
    page.get_by_label("Business name").fill(business_name)
    page.get_by_label("Email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Start free trial").click()


def log_in(page, email, password=PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()


def expire_trial(hub, email):
    hub.shell(
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from accounts.models import Profile\n"
        f"Profile.objects.filter(user__email={email!r})"
        ".update(trial_ends_at=timezone.now() - timedelta(days=1))\n"
    )


def serious_accessibility_violations(page):
    """axe-core's serious and critical findings on the current page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
