"""Benchmark of the importers on files made to exhaust the server, and on the largest real files.

Each case runs in its own one-core child process (see ``analysis.run_child``), which reads the
file as the upload would (only reading and checking; nothing is written) and reports the time and
its maximum resident set size (``getrusage``, the interpreter with Django included). The bombs:

- a ``.tsv.gz`` of 300 KB that unpacks to 200 MB (Eurostat format, statistics upload);
- an XLSX of 200,000 rows (statistics upload, organisation import, questionnaire upload);
- a CSV line of 2 million cells (statistics upload).

The real files: the largest GENESIS download the product ships (13111-07-05-4, 2020: employees of
every Kreis by sector), as CSV and as XLSX; an organisation list of 5,000 rows (the cap) as XLSX;
the default questionnaire "Unternehmensbefragung Zukunftsstrategie" (read and validated with pyxform);
the largest LimeSurvey file of the test corpus (LimeSurvey 2.05's sample survey, 563 KB, 12 groups).
Targets: every bomb refused within 5 s and 400 MB; every real file read within 10 s and 600 MB.

``python bench/imports.py`` prints the table and exits 1 when a target is missed.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis import _django_environment, run_child  # bench/analysis.py, next to this script

BOMB_TARGET = (5_000.0, 400.0)  # ms, MB
REAL_TARGET = (10_000.0, 600.0)


def _workbook(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _gzip_bomb(header: bytes, megabytes: int) -> bytes:
    """A gzip file of ``header`` and ``megabytes`` MB of zeros, packed piece by piece (never whole in memory)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as packed:
        packed.write(header)
        zeros = b"\0" * 2**20
        for _ in range(megabytes):
            packed.write(zeros)
    return buffer.getvalue()


def _genesis_csv() -> bytes:
    from django.conf import settings

    return (Path(settings.OFFICIAL_DATA_DIR) / "raw" / "13111-07-05-4_2020.csv").read_bytes()


def _statistics(data: bytes, file_name: str) -> str:
    from standortkompass.regiondata.importers import read_statistics_file

    parsed = read_statistics_file(data, file_name=file_name)
    first = str(parsed.problems[0]) if parsed.problems else ""
    return f"{len(parsed.records)} records, {len(parsed.problems)} problems {first[:80]}"


def _organisations(data: bytes) -> str:
    from standortkompass.processes.importers.organisations import ImportFileError, read_table

    try:
        return f"{len(read_table(io.BytesIO(data), 'organisationen.xlsx'))} rows"
    except ImportFileError as error:
        return f"refused: {str(error)[:80]}"


def _questionnaire(data: bytes) -> str:
    from standortkompass.surveys.xlsform import XLSFormError, read_xlsform

    try:
        read = read_xlsform(data, "fragebogen.xlsx")
    except XLSFormError as error:
        return f"refused: {str(error)[:80]}"
    return f"{sum(len(page['questions']) for page in read.schema['pages'])} questions"


def _default_questionnaire() -> bytes:
    from standortkompass.surveys.demo import DEFAULT_QUESTIONNAIRE

    return DEFAULT_QUESTIONNAIRE.read_bytes()


def _lss(data: bytes) -> str:
    from standortkompass.surveys.lss import parse_lss
    from standortkompass.surveys.xlsform import XLSFormError

    try:
        imported = parse_lss(data)
    except XLSFormError as error:
        return f"refused: {str(error)[:80]}"
    return f"{sum(len(page['questions']) for page in imported.schema['pages'])} questions"


def _lss_sample() -> bytes:
    corpus = Path(__file__).resolve().parent.parent / "tests" / "surveys" / "fixtures" / "lss"
    return (corpus / "limesurvey_fork_ls205_sample_survey_english.lss").read_bytes()


def _cases() -> dict[str, tuple[str, Callable[[], bytes], Callable[[bytes], str]]]:
    eurostat_header = b"unit,nace_r2,geo\\TIME_PERIOD\t2019 \t2020 \n"
    return {
        "statistics: .tsv.gz bomb (200 MB unpacked)": (
            "bomb",
            lambda: _gzip_bomb(eurostat_header, 200),
            lambda data: _statistics(data, "nama_10r_3empers.tsv.gz"),
        ),
        "statistics: XLSX bomb (200,000 rows)": (
            "bomb",
            lambda: _workbook([["08118", str(row)] for row in range(200_000)]),
            lambda data: _statistics(data, "tabelle.xlsx"),
        ),
        "statistics: CSV line of 2 million cells": (
            "bomb",
            lambda: b"GENESIS-Tabelle: 1\n" + b";" * 2_000_000 + b"\n",
            lambda data: _statistics(data, "tabelle.csv"),
        ),
        "organisations: XLSX bomb (200,000 rows)": (
            "bomb",
            lambda: _workbook([["Name", "Typ"], *([f"Firma {row}", "Unternehmen"] for row in range(200_000))]),
            _organisations,
        ),
        "questionnaire: XLSX bomb (200,000 rows)": (
            "bomb",
            lambda: _workbook([["type", "name", "label"], *(["text", f"q{row}", "Frage"] for row in range(200_000))]),
            _questionnaire,
        ),
        "questionnaire: the default questionnaire (real)": ("real", _default_questionnaire, _questionnaire),
        "questionnaire: LimeSurvey 2.05 sample .lss (real)": ("real", _lss_sample, _lss),
        "statistics: GENESIS 13111-07-05-4 CSV (real)": ("real", _genesis_csv, lambda d: _statistics(d, "t.csv")),
        "statistics: GENESIS 13111-07-05-4 as XLSX (real)": (
            "real",
            lambda: _workbook([line.split(";") for line in _genesis_csv().decode("latin-1").splitlines()]),
            lambda data: _statistics(data, "13111-07-05-4.xlsx"),
        ),
        "organisations: 5,000 rows XLSX (the cap)": (
            "real",
            lambda: _workbook([["Name", "Typ"], *([f"Firma {row}", "Unternehmen"] for row in range(5_000))]),
            _organisations,
        ),
    }


def child(name: str) -> dict[str, Any]:
    import django

    django.setup()
    kind, make, read = _cases()[name]
    data = make()
    start = time.perf_counter()
    outcome = read(data)
    elapsed_ms = (time.perf_counter() - start) * 1000
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    target_ms, target_mb = BOMB_TARGET if kind == "bomb" else REAL_TARGET
    return {
        "name": name,
        "kind": kind,
        "file_kb": len(data) / 1024,
        "ms": elapsed_ms,
        "maxrss_mb": maxrss_mb,
        "target_ms": target_ms,
        "target_mb": target_mb,
        "outcome": outcome,
    }


def import_benchmarks() -> list[dict[str, Any]]:
    _django_environment()
    return [run_child(__file__, name, dict(os.environ)) for name in _cases()]


def main() -> int:
    results = import_benchmarks()
    print(f"{'importer and file':52} {'file':>9} {'time':>9} {'max RSS':>9} {'target':>16}  outcome")
    status = 0
    for result in results:
        missed = result["ms"] > result["target_ms"] or result["maxrss_mb"] > result["target_mb"]
        status |= missed
        print(
            f"{result['name']:52} {result['file_kb']:7.0f}KB {result['ms']:7.0f}ms {result['maxrss_mb']:7.0f}MB "
            f"{result['target_ms'] / 1000:5.0f}s {result['target_mb']:5.0f}MB {'MISSED' if missed else 'ok':6}  "
            f"{result['outcome']}"
        )
    return status


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2])))
        sys.exit(0)
    sys.exit(main())
