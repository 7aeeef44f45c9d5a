"""Every app has the same shape (docs/directory-structure.md, docs/decisions/0002-dependency-direction.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "standortkompass"
APPS = sorted(
    path.name
    for path in PACKAGE_DIR.iterdir()
    if (path / "apps.py").is_file()  # the Django apps; `analysis` and `config` are not apps
)
# Modules that are data rather than code may be long.
LONG_DATA_MODULES = {"surveys/questionnaires/build_default.py"}
MAX_LINES = 600
SIDE_FILE = re.compile(r"^(views|forms|urls|selectors|services|models)_\w+\.py$|^\w+_urls\.py$")


def test_the_apps_are_found():
    assert {"core", "accounts", "audit", "regiondata", "processes", "standortanalyse", "surveys"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_the_app_has_no_side_files_next_to_its_packages(app):
    side_files = sorted(path.name for path in (PACKAGE_DIR / app).glob("*.py") if SIDE_FILE.match(path.name))

    assert side_files == [], f"move these into the app's views/, forms/, urls/ … packages: {side_files}"


@pytest.mark.parametrize("app", APPS)
def test_the_app_keeps_its_templates_in_its_own_folder(app):
    folder = PACKAGE_DIR / app / "templates"
    if folder.is_dir():
        assert sorted(path.name for path in folder.iterdir()) == [app]
    assert not (PACKAGE_DIR / "templates" / app).exists()


def test_the_project_templates_are_only_the_layout_and_the_error_pages():
    names = {str(path.relative_to(PACKAGE_DIR / "templates")) for path in (PACKAGE_DIR / "templates").rglob("*.*")}

    assert {name for name in names if not re.fullmatch(r"base\.html|\d{3}\.html|errors/.+\.html", name)} == set()


def test_no_module_is_longer_than_six_hundred_lines():
    long_modules = [
        f"{path.relative_to(PACKAGE_DIR)} ({lines} lines)"
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if "migrations" not in path.parts
        and str(path.relative_to(PACKAGE_DIR)) not in LONG_DATA_MODULES
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]

    assert long_modules == [], "split these along their seams: " + ", ".join(long_modules)
