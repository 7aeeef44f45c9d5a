"""The built wheel carries every file the package needs at run time (templates, static files, texts, data)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "standortkompass"
# Files in the package that only the developer tools read.
NOT_SHIPPED = {"analysis/ruff.toml"}


def _package_data_patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return list(config["tool"]["setuptools"]["package-data"]["standortkompass"])


def test_every_file_of_the_package_that_is_not_python_is_in_the_package_data():
    data_files = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in {".py", ".pyc"}
        and not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(PACKAGE).parts)
    } - NOT_SHIPPED
    shipped = {str(path.relative_to(PACKAGE)) for pattern in _package_data_patterns() for path in PACKAGE.glob(pattern)}

    assert sorted(data_files - shipped) == [], "add these to [tool.setuptools.package-data] in pyproject.toml"


def test_the_official_data_is_read_from_inside_the_package_so_an_installed_wheel_has_it():
    from django.conf import settings

    from standortkompass.regiondata.catalogue import OFFICIAL_FILES
    from standortkompass.regiondata.services.official import BOUNDARY_FILES, SPATIAL_FILES
    from standortkompass.regiondata.services.regions import DIRECTORY_FILE, NUTS_FILE

    folder = Path(settings.OFFICIAL_DATA_DIR)
    shipped = {path for pattern in _package_data_patterns() for path in PACKAGE.glob(pattern)}
    read = [
        *(Path(official.path) for official in OFFICIAL_FILES),
        *(path for path, _typologies in SPATIAL_FILES),
        *BOUNDARY_FILES,
        DIRECTORY_FILE,
        NUTS_FILE,
        Path("SOURCES.md"),
        Path("PROVENANCE.md"),
    ]

    assert folder.is_relative_to(PACKAGE)
    assert sorted(str(name) for name in read if folder / name not in shipped) == []
