"""The ``standortkompass`` command runs Django's management commands with the real settings."""

from __future__ import annotations

import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("standortkompass")


def _run(tmp_path: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """Runs the command in a clean environment (nothing from the test settings leaks in)."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "STANDORTKOMPASS_VAR_DIR": str(tmp_path / "var")}
    return subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [str(COMMAND), *args],
        env=env | environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _production_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!#%&()*+-=@^_"
    return "".join(secrets.choice(alphabet) for _ in range(50))


@pytest.fixture(scope="module")
def command() -> Path:
    if not COMMAND.exists():
        pytest.fail(f"{COMMAND} is missing: install the project into the virtual environment (make install)")
    return COMMAND


def test_standortkompass_check_passes(command, tmp_path):
    result = _run(tmp_path, "check", SECRET_KEY=_production_secret_key(), DEBUG="false", ALLOWED_HOSTS="x")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_standortkompass_check_deploy_passes_with_production_settings(command, tmp_path):
    result = _run(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=_production_secret_key(),
        DEBUG="false",
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_standortkompass_refuses_to_start_without_secret_key_in_production(command, tmp_path):
    result = _run(tmp_path, "check", DEBUG="false", ALLOWED_HOSTS="x")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_standortkompass_refuses_to_start_with_a_bad_boolean(command, tmp_path):
    result = _run(tmp_path, "check", SECRET_KEY=_production_secret_key(), DEBUG="vielleicht")

    assert result.returncode != 0
    assert "DEBUG='vielleicht' is not a boolean" in result.stderr


def test_standortkompass_lists_the_project_commands(command, tmp_path):
    result = _run(tmp_path, "help", SECRET_KEY=_production_secret_key(), DEBUG="false", ALLOWED_HOSTS="x")

    assert result.returncode == 0, result.stderr
    assert "serve" in result.stdout
    assert "load_official_data" in result.stdout


def test_command_names_may_be_written_with_hyphens(command, tmp_path):
    result = _run(tmp_path, "load-official-data", "--help", SECRET_KEY=_production_secret_key(), DEBUG="false")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: standortkompass load_official_data")
