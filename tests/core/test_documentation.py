"""The documentation keeps up with the code: every setting and make target is described."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "src" / "standortkompass" / "config" / "settings.py"


def _environment_variables() -> set[str]:
    source = SETTINGS.read_text()
    return set(re.findall(r'(?:os\.environ\.get|env_bool|env_int|env_list)\(\s*"([A-Z][A-Z0-9_]*)"', source))


def _configuration_table() -> str:
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"^## Configuration.*?(?=^## )", readme, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no '## Configuration' section"
    return match.group(0)


def test_the_settings_read_environment_variables():
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REDIS_URL"} <= _environment_variables()


def test_every_environment_variable_is_in_the_readme_configuration_table():
    table = _configuration_table()

    missing = sorted(name for name in _environment_variables() if f"| `{name}` |" not in table)

    assert not missing, f"add these variables to the configuration table in README.md: {missing}"


def test_the_readme_describes_no_variable_that_the_settings_do_not_read():
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", _configuration_table(), re.MULTILINE))

    assert documented - _environment_variables() == set()


def test_every_make_target_is_in_the_readme():
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert phony
    readme = (ROOT / "README.md").read_text()

    missing = [target for target in phony.group(1).split() if f"make {target}" not in readme]

    assert not missing, f"describe these make targets in README.md: {missing}"


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "docs/architecture.md",
        "docs/directory-structure.md",
        "docs/glossary.md",
        "docs/deployment.md",
        "docs/decisions/0001-record-architecture-decisions.md",
    ],
)
def test_the_documentation_file_exists(path):
    assert (ROOT / path).read_text().strip()


def test_the_licence_is_the_eupl():
    assert "SPDX-License-Identifier: EUPL-1.2" in (ROOT / "LICENSE").read_text()
