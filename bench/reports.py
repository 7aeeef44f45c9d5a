"""The documents of the reports (issue 14 §4): how long the Standortanalyse takes as PDF, DOCX and HTML.

Seeds a fresh SQLite database (in a temporary folder) with the shipped official data and the demo process
(``load-official-data``, ``demo``), then runs ``standortkompass report standortanalyse`` once per format as a
user would, each in its own process: wall time from start to the written file, and the peak memory of that
process (Linux ``ru_maxrss`` of the finished child). Targets: the Standortanalyse PDF under 15 s; every
document under 1 GB.

``python bench/reports.py`` prints one line per format and a closing line, and exits with status 1 when a
target is missed. The machine's other load counts: run it on a quiet machine or say it was shared.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = Path(sys.executable).with_name("standortkompass")
TARGETS_S = {"pdf": 15.0, "docx": float("inf"), "html": float("inf")}  # only the PDF has a target for this kind
MEMORY_TARGET_MB = 1024.0


def _environment(folder: Path) -> dict[str, str]:
    (folder / "var" / "static").mkdir(parents=True)
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "STANDORTKOMPASS_VAR_DIR": str(folder / "var"),
        "SECRET_KEY": "bench-secret-key-that-is-long-enough-for-django",
        "DEBUG": "true",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
    }


def _run(arguments: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(COMMAND), *arguments], env=environment, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="standortkompass-bench-reports-") as name:
        folder = Path(name)
        environment = _environment(folder)
        print("Seeding: migrate, load-official-data, demo …", flush=True)
        for arguments in (["migrate", "-v", "0"], ["load-official-data"], ["demo"]):
            _run(arguments, environment)
        ok = True
        figures = []
        for fmt in ("pdf", "docx", "html"):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            output = folder / f"standortanalyse.{fmt}"
            seconds = _run(["report", "standortanalyse", "--format", fmt, "--output", str(output)], environment)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            # ru_maxrss of the children is the largest of all so far: a format that needs less shows the earlier peak.
            peak_mb = max(peak, before) / 1024
            target = TARGETS_S[fmt]
            missed = seconds > target or peak_mb > MEMORY_TARGET_MB
            ok = ok and not missed
            shown_target = "—" if target == float("inf") else f"< {target:.0f} s"
            print(
                f"standortanalyse {fmt:5} {seconds:6.1f} s (target {shown_target}), peak memory so far "
                f"{peak_mb:6.0f} MB, {output.stat().st_size:,} bytes{'  MISSED' if missed else ''}"
            )
            figures.append(f"{fmt}_s={seconds:.1f}")
        print("OK" if ok else "TARGET MISSED")
        print(f"report-timing standortanalyse {' '.join(figures)} peak_mb={peak_mb:.0f}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
