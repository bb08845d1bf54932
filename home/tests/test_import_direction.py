"""The house's one-way imports (DESIGN.md) hold: no app reaches up or sideways."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
# The page cache, the worker's retries and SQL written once per process are infrastructure under
# every app: any app may use them, and their own code imports no app (their tests drive them
# through the apps).
INFRASTRUCTURE = {"page_cache", "worker", "raw_sql"}
APPS = {"accounts", "home", "storefront_pages", "billing", "studio", "search", *INFRASTRUCTURE}
# The offline stand-ins play Stripe and the Studio from outside: clients of the contract only.
STAND_INS = {"fake_stripe", "fake_studio"}
# What both stand-ins share (serving HTTP on a thread, running until stopped): not the Hub and not
# a stand-in, so it imports neither, and no stand-in reaches the other through it.
STAND_IN_SUPPORT = "stand_in_http"
# The thin commands that launch them (CONTRACT.md: `manage.py fake_stripe` and `fake_studio`),
# in home (the top of the house), with what they share.
LAUNCH_COMMANDS = {
    "home/management/commands/fake_stripe.py",
    "home/management/commands/fake_studio.py",
    "home/stand_in_commands.py",
}
# Which other apps each app may import (directly or not at all).
ALLOWED = {
    "page_cache": {"raw_sql"},
    "worker": set(),
    "raw_sql": set(),
    "accounts": INFRASTRUCTURE,
    "billing": {"accounts", *INFRASTRUCTURE},
    "storefront_pages": {"accounts", *INFRASTRUCTURE},
    "studio": {"billing", "accounts", *INFRASTRUCTURE},
    "search": {"storefront_pages", "accounts", *INFRASTRUCTURE},
    "home": {"studio", "billing", "storefront_pages", "accounts", *INFRASTRUCTURE},
}


def imported_apps(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]


@pytest.mark.parametrize("app", sorted(APPS))
def test_app_imports_only_what_is_below_it(app):
    wrong = set()
    for path in (PROJECT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue  # migrations name their dependencies, which Django orders itself
        if app in INFRASTRUCTURE and "tests" in path.parts:
            continue
        for imported in imported_apps(path):
            if imported in APPS and imported != app and imported not in ALLOWED[app]:
                wrong.add(f"{path.relative_to(PROJECT)} imports {imported}")
    assert not wrong, sorted(wrong)


def test_only_the_gateway_imports_stripe():
    importers = {
        str(path.relative_to(PROJECT))
        for app in APPS
        for path in (PROJECT / app).rglob("*.py")
        if "stripe" in set(imported_apps(path)) and "tests" not in path.parts
    }
    assert importers == {"billing/gateway.py"}


def test_no_app_imports_a_stand_in_but_its_launch_command_and_tests():
    importers = {
        str(path.relative_to(PROJECT))
        for app in [*APPS, "mintkit_site"]
        for path in (PROJECT / app).rglob("*.py")
        if {*STAND_INS, STAND_IN_SUPPORT} & set(imported_apps(path)) and "tests" not in path.parts
    }
    assert importers == LAUNCH_COMMANDS


@pytest.mark.parametrize("stand_in", [*sorted(STAND_INS), STAND_IN_SUPPORT])
def test_a_stand_in_imports_nothing_of_the_hub_nor_of_another_stand_in(stand_in):
    hub = {*APPS, "mintkit_site", "django", "wagtail", *(STAND_INS - {stand_in})}
    wrong = {
        f"{path.relative_to(PROJECT)} imports {imported}"
        for path in (PROJECT / stand_in).rglob("*.py")
        for imported in imported_apps(path)
        if imported in hub
    }
    assert not wrong, sorted(wrong)
