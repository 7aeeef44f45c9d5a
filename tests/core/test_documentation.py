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
        "docs/decisions/0002-dependency-direction.md",
        "docs/decisions/0003-english-versions-and-language-marking.md",
    ],
)
def test_the_documentation_file_exists(path):
    assert (ROOT / path).read_text().strip()


def test_the_licence_is_the_eupl():
    assert "SPDX-License-Identifier: EUPL-1.2" in (ROOT / "LICENSE").read_text()


# Paths that docs name exist ---------------------------------------------------------------------

PACKAGE = ROOT / "src" / "standortkompass"
APPS = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
# Folders that tools create; docs name them, git does not hold them.
CREATED_BY_TOOLS = {".venv", "var", "test-artifacts"}
DOCUMENTS = ["README.md", *(str(path.relative_to(ROOT)) for path in sorted((ROOT / "docs").rglob("*.md")))]
PATH_LIKE = re.compile(r"^[a-z_][\w.-]*(/[\w.-]+)*/?$")
FILE_SUFFIXES = (".py", ".html", ".md", ".txt", ".toml", ".sh", ".css", ".js", ".json", ".xlsx", ".csv", ".svg", ".po")


def _search_bases(document: Path) -> list[Path]:
    templates = [path for path in PACKAGE.glob("*/templates") if path.is_dir()] + [PACKAGE / "templates"]
    apps = [PACKAGE / app for app in sorted(APPS)]  # paths inside an app, such as `urls/manage.py`
    return [
        ROOT,
        PACKAGE,
        ROOT / "src",
        ROOT / "tests",
        ROOT / "docs",
        ROOT / "data",
        document.parent,
        *templates,
        *apps,
    ]


def _named_paths(text: str) -> set[str]:
    """Backticked spans written like a file or folder of the repository (``surveys/tasks.py``, ``docs/``)."""
    return {
        span
        for span in re.findall(r"`([^`\n]+)`", text)
        if PATH_LIKE.match(span)
        and (span.endswith((*FILE_SUFFIXES, "/")) or span.split("/")[0] in APPS)
        and span.split("/")[0] not in CREATED_BY_TOOLS
    }


def _exists(name: str, document: Path) -> bool:
    if "/" not in name.rstrip("/"):  # a bare name such as `rules.py` or `migrations/`: somewhere in the tree
        return (ROOT / name).exists() or any(ROOT.glob(f"[!.]*/**/{name.rstrip('/')}"))
    return any((base / name).exists() for base in _search_bases(document))


def _named_modules(text: str) -> set[str]:
    return {
        name for name in re.findall(r"\bstandortkompass(?:\.[a-z_][a-z0-9_]*)+", text) if name.split(".")[1] in APPS
    }


def _module_exists(dotted: str) -> bool:
    parts = dotted.split(".")[1:]
    # The name may end in a function or class of the module: drop parts until a module is found.
    while parts:
        path = PACKAGE.joinpath(*parts)
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            return True
        parts.pop()
    return False


def _tree_paths(document: Path) -> list[str]:
    """The entries of the trees in docs/directory-structure.md, each under the folder its heading names."""
    paths = []
    base = ""
    in_block = False
    stack: list[tuple[int, str]] = []
    for line in document.read_text().splitlines():
        heading = re.match(r"^#+ .*?`([\w/.-]+/)`", line)
        if heading and not in_block:
            base = heading.group(1)
        if line.startswith("```"):
            in_block, stack = not in_block, []
            continue
        entry = re.match(r"^([│├└─ ]*)([\w.<>-][^\s,]*(?:, [^\s,]+)*)", line) if in_block else None
        if entry is None or len(entry.group(1)) > 16 or entry.group(2) == ".":
            continue  # outside a tree, or the description column
        depth = len(entry.group(1))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = "".join(name for _depth, name in stack)
        paths += [
            base + parent + name
            for name in entry.group(2).split(", ")
            if "<" not in name and name.split("/")[0] not in CREATED_BY_TOOLS
        ]
        if entry.group(2).endswith("/"):
            stack.append((depth, entry.group(2)))
    return paths


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_path_the_document_names_exists(document):
    path = ROOT / document
    text = path.read_text()

    missing = sorted(name for name in _named_paths(text) if not _exists(name, path))
    missing += sorted(name for name in _named_modules(text) if not _module_exists(name))
    if document == "docs/directory-structure.md":
        missing += [name for name in _tree_paths(path) if not (ROOT / name).exists()]

    assert not missing, f"{document} names what does not exist: {missing}"
