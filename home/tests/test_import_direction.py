"""The house's one-way imports (DESIGN.md) hold: no app reaches up or sideways."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
APPS = {"accounts", "home", "storefront_pages", "billing", "studio", "search"}
# Which other apps each app may import (directly or not at all).
ALLOWED = {
    "accounts": set(),
    "billing": {"accounts"},
    "storefront_pages": {"accounts"},
    "studio": {"billing", "accounts"},
    "search": {"storefront_pages", "accounts"},
    "home": {"studio", "billing", "storefront_pages", "accounts"},
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
        for imported in imported_apps(path):
            if imported in APPS and imported != app and imported not in ALLOWED[app]:
                wrong.add(f"{path.relative_to(PROJECT)} imports {imported}")
    assert not wrong, sorted(wrong)


def test_only_the_gateway_imports_stripe():
    importers = {
        str(path.relative_to(PROJECT))
        for app in APPS
        for path in (PROJECT / app).rglob("*.py")
        if "stripe" in set(imported_apps(path))
        and "tests" not in path.parts
        and "fake_stripe" not in path.parts
    }
    assert importers == {"billing/gateway.py"}
