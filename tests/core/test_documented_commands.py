"""The ``standortkompass`` command works as README.md and docs/ print it.

Every command line the documentation shows runs as printed in a clean environment (only PATH
and HOME, as in a new shell) on a local installation made like ``make demo-data`` makes it:
the settings ``make local-settings`` keeps in ``var/local.env``, then ``migrate``,
``load-official-data`` and ``demo``. Commands that run until stopped, ask for input or need a
file of the reader's own are checked without running: the command and each option shown exist.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[2]
COMMAND_FILE = Path(sys.executable).with_name("standortkompass")
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
COMMAND = re.compile(r"^(?:\.venv/bin/)?standortkompass\s+[a-z]")
# A systemd unit's command line: /srv/standortkompass/venv/bin/standortkompass serve …
UNIT_COMMAND = re.compile(r"^ExecStart=\S*/bin/(standortkompass\s.*)$")
PRODUCTION_DOCUMENTS = {"docs/deployment.md"}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-of-fifty-characters-0123456",
    "ALLOWED_HOSTS": "standortkompass.example",
}
# Run until stopped, ask on the terminal, or work on a file of the reader's own.
NOT_RUN = {
    "serve": "runs until stopped",
    "db_worker": "runs until stopped",
    "createsuperuser": "asks for input",
    "import_statistics": "imports a file of the reader's own",
    "survey_import": "imports a file of the reader's own",
    "survey_export": "exports a survey of the reader's own",
}
# The reader's own files; the test brings the one the analysis reads.
MY_TABLE = (
    "region_code,region_name,sector_code,sector_name,year,value\n"
    "08118,Ludwigsburg,C,Verarbeitendes Gewerbe,2015,100\n"
    "08118,Ludwigsburg,F,Baugewerbe,2015,50\n"
    "08118,Ludwigsburg,C,Verarbeitendes Gewerbe,2020,120\n"
    "08118,Ludwigsburg,F,Baugewerbe,2020,55\n"
    "DG,Deutschland,C,Verarbeitendes Gewerbe,2015,1000\n"
    "DG,Deutschland,F,Baugewerbe,2015,800\n"
    "DG,Deutschland,C,Verarbeitendes Gewerbe,2020,1050\n"
    "DG,Deutschland,F,Baugewerbe,2020,900\n"
)

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="the commands run on their own SQLite installation; the SQLite pass runs them",
)


@dataclass(frozen=True)
class DocumentedCommand:
    line: str
    document: str

    @property
    def arguments(self) -> list[str]:
        arguments = shlex.split(self.line)[1:]
        return [arguments[0].replace("-", "_"), *arguments[1:]]

    @property
    def name(self) -> str:
        return self.arguments[0]

    @property
    def is_synopsis(self) -> bool:
        """A usage line with placeholders (``FILE``, ``[--dry-run]``, ``csv|xlsx``), not a command to type."""
        return any(re.fullmatch(r"[A-Z][A-Z_]*", word) or "[" in word or "|" in word for word in self.arguments)

    @property
    def runs(self) -> bool:
        interactive = self.name == "collectstatic" and "--no-input" not in self.arguments
        return not (self.is_synopsis or self.name in NOT_RUN or interactive)


def documented_commands() -> list[DocumentedCommand]:
    found: dict[str, DocumentedCommand] = {}
    for document in DOCUMENTS:
        name = document.relative_to(ROOT).as_posix()
        text = document.read_text()
        in_block = False
        for line in text.splitlines():
            if line.lstrip().startswith("```"):
                in_block = not in_block
                continue
            if in_block:
                candidate = line.split("  #")[0].strip()
                unit = UNIT_COMMAND.match(candidate)
                candidate = unit.group(1) if unit else candidate
                if COMMAND.match(candidate):
                    found.setdefault(candidate, DocumentedCommand(candidate, name))
        for span in re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.DOTALL)):
            if COMMAND.match(span.strip()):
                found.setdefault(span.strip(), DocumentedCommand(span.strip(), name))
    return list(found.values())


COMMANDS = documented_commands()


def _run(arguments: list[str], *, cwd: Path, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # A new shell: PATH and HOME, nothing else (the bare command as after `source .venv/bin/activate`).
    clean = {"PATH": f"{COMMAND_FILE.parent}:/usr/bin:/bin", "HOME": str(cwd), **(environment or {})}
    return subprocess.run(  # noqa: S603 - our own command with the arguments the documentation prints
        [str(COMMAND_FILE), *arguments],
        cwd=cwd,
        env=clean,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _make_local_settings(var: Path) -> None:
    """``make local-settings``, the step of ``make run`` and ``make demo-data`` that keeps their settings in ``var``."""
    made = subprocess.run(  # noqa: S603 - make with fixed arguments
        ["make", "--no-print-directory", "-s", "-C", str(ROOT), "local-settings"],  # noqa: S607 - make from PATH
        env={"PATH": "/usr/bin:/bin", "STANDORTKOMPASS_VAR_DIR": str(var)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr


@dataclass(frozen=True)
class Checkout:
    directory: Path
    # The runs of the set-up, by their arguments: a documented command that is one of them is not run twice.
    set_up: dict[tuple[str, ...], subprocess.CompletedProcess]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Checkout:
    """A working directory like the checkout after ``make demo-data``: ``var/`` with its local settings and data."""
    directory = tmp_path_factory.mktemp("checkout")
    _make_local_settings(directory / "var")
    set_up = {}
    for arguments in (["migrate", "--no-input"], ["load_official_data"], ["demo"]):
        result = _run(arguments, cwd=directory)
        assert result.returncode == 0, f"standortkompass {' '.join(arguments)}: {result.stderr}"
        set_up[tuple(arguments)] = result
    (directory / "my-table.csv").write_text(MY_TABLE)
    return Checkout(directory, set_up)


def test_the_documentation_shows_the_commands_this_test_runs():
    lines = {command.line for command in COMMANDS}

    assert ".venv/bin/standortkompass analyse --region 08118 --reference DG --start 2015 --end 2020" in lines
    assert any(command.name == "demo_totp_code" and command.runs for command in COMMANDS)
    assert any(command.name == "serve" for command in COMMANDS)


def test_make_local_settings_keeps_debug_on_in_var(tmp_path):
    _make_local_settings(tmp_path / "var")

    assert "DEBUG=true" in (tmp_path / "var" / "local.env").read_text().splitlines()


@pytest.mark.parametrize("command", [command for command in COMMANDS if command.runs], ids=lambda command: command.line)
def test_a_documented_command_runs_as_printed_in_a_new_shell(command, checkout):
    production = command.document in PRODUCTION_DOCUMENTS
    ran_in_set_up = None if production else checkout.set_up.get(tuple(command.arguments))

    result = ran_in_set_up or _run(
        command.arguments, cwd=checkout.directory, environment=PRODUCTION if production else None
    )

    assert result.returncode == 0, f"{command.document}: {command.line}\n{result.stderr}"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command", [command for command in COMMANDS if not command.runs], ids=lambda command: command.line
)
def test_a_documented_command_that_is_not_run_exists_with_the_options_shown(command):
    commands = get_commands()
    assert command.name in commands, f"{command.document}: {command.line}"
    parser = load_command_class(commands[command.name], command.name).create_parser("standortkompass", command.name)
    known = set(parser._option_string_actions)

    shown = set(re.findall(r"--[a-z][a-z-]*", command.line))

    assert shown <= known, f"{command.document}: {command.line}"


# A configuration error is one line naming the variable, exit status 2 -------------------------------


@pytest.mark.parametrize(
    ("environment", "variable"),
    [
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "true", "DATABASE_URL": "mysql://localhost/db"}, "DATABASE_URL"),
        ({"DEBUG": "true", "DATABASE_URL": "postgres://user:secret@host:port/db"}, "DATABASE_URL"),
    ],
)
def test_a_configuration_error_is_one_line_naming_the_variable_with_exit_status_2(tmp_path, environment, variable):
    result = _run(
        ["analyse", "--region", "08118", "--reference", "DG", "--start", "2015", "--end", "2020"],
        cwd=tmp_path,
        environment=environment,
    )

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert variable in result.stderr
    assert "Konfigurationsfehler" in result.stderr
    assert "secret" not in result.stderr


def test_without_local_settings_a_command_names_the_missing_secret_key(tmp_path):
    result = _run(["demo-totp-code", "redaktion@demo.standortkompass.de"], cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "SECRET_KEY" in result.stderr


def test_the_environment_wins_over_the_local_settings(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "local.env").write_text("DEBUG=true\n")

    result = _run(["check"], cwd=tmp_path, environment={"DEBUG": "false"})

    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr


def test_a_local_settings_line_that_is_not_name_equals_value_is_named(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "local.env").write_text("DEBUG=true\nthis is not a setting\n")

    result = _run(["check"], cwd=tmp_path)

    assert result.returncode == 2
    assert "local.env, line 2" in result.stderr
    assert result.stderr.count("\n") == 1


def test_check_deploy_names_the_local_settings_when_they_turn_debug_on(tmp_path):
    _make_local_settings(tmp_path / "var")

    result = _run(["check", "--deploy"], cwd=tmp_path)

    assert "standortkompass.W001" in result.stderr
    assert "local.env" in result.stderr


def test_check_deploy_is_quiet_about_local_settings_when_the_environment_sets_debug(tmp_path):
    _make_local_settings(tmp_path / "var")

    result = _run(["check", "--deploy"], cwd=tmp_path, environment={"DEBUG": "true"})

    assert "standortkompass.W001" not in result.stderr + result.stdout
