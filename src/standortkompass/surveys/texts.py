"""Default texts of a new survey (German), editable per survey."""

from __future__ import annotations

from pathlib import Path

TEXT_DIR = Path(__file__).parent / "texts"


def default_text(name: str) -> str:
    return (TEXT_DIR / f"{name}.md").read_text(encoding="utf-8")
