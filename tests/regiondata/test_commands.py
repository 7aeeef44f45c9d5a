"""`standortkompass import-statistics`: the report, exit status 2 on errors, nothing saved."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from standortkompass.__main__ import main
from standortkompass.regiondata.models import ImportBatch, Observation, Region

from .conftest import RAW, genesis_excerpt


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """Messages are checked as German users see them, whatever language an earlier test's request left active."""
    with translation.override("de"):
        yield


RAW_2020 = RAW / "13111-07-05-4_2020.csv"


@pytest.fixture
def excerpt(tmp_path: Path) -> Path:
    path = tmp_path / "13111-07-05-4_2020.csv"
    path.write_bytes(genesis_excerpt(RAW_2020, ["DG", "08", "081", "08118"]))
    return path


def test_the_command_imports_a_file_and_prints_what_it_did(excerpt: Path, db: None) -> None:
    output = io.StringIO()
    call_command("import_statistics", str(excerpt), stdout=output)
    text = output.getvalue()
    assert "336 Werte gelesen, 336 neu, 0 revidiert, 0 unverändert, 4 Regionen angelegt." in text
    assert "employees_workplace" in text
    assert Observation.objects.count() == 336
    output = io.StringIO()
    call_command("import_statistics", str(excerpt), "--format", "genesis", stdout=output)
    assert "0 neu, 0 revidiert, 336 unverändert" in output.getvalue()
    assert ImportBatch.objects.count() == 1


def test_a_dry_run_reports_but_saves_nothing(excerpt: Path, db: None) -> None:
    output = io.StringIO()
    call_command("import_statistics", str(excerpt), "--dry-run", stdout=output)
    assert "336 neu" in output.getvalue()
    assert "Probelauf" in output.getvalue()
    assert not Observation.objects.exists()
    assert not Region.objects.exists()


def test_problems_are_printed_with_line_and_column_and_exit_status_2(excerpt: Path, db: None) -> None:
    excerpt.write_bytes(excerpt.read_bytes().replace(b"Insgesamt;206752;", b"Insgesamt;zwei;"))
    errors = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_statistics", str(excerpt), stderr=errors)
    assert refused.value.returncode == 2
    assert "nothing was imported" in str(refused.value)
    assert f"{excerpt.name}, Zeile " in errors.getvalue()
    assert ", Spalte 4: 'zwei'" in errors.getvalue()
    assert not Observation.objects.exists()


def test_the_hyphenated_command_name_works_and_exits_with_2_on_errors(
    excerpt: Path, db: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["standortkompass", "import-statistics", str(excerpt), "--dry-run"])
    main()
    assert "336 neu" in capsys.readouterr().out
    excerpt.write_bytes(b"GENESIS-Tabelle: 13111-07-05-4\n")
    monkeypatch.setattr(sys, "argv", ["standortkompass", "import-statistics", str(excerpt)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert "problem(s) found" in capsys.readouterr().err


def test_a_missing_file_exits_with_2(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("import_statistics", str(tmp_path / "fehlt.csv"))
    assert refused.value.returncode == 2
