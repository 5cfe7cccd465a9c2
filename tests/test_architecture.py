"""The packages are layers that only point down (README, "Organisation").

core imports no app; skills → certifications → careers import only what lies
below them; the site packages (home, search, opendata, pathways, orientation) sit above the
apps; config, the project's shell, is imported by nobody. No module is over
600 lines, and migrations import nothing of the project: they keep the SQL
they ran, whatever the code becomes.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {
    "core": 0,
    "skills": 1,
    "certifications": 2,
    "careers": 3,
    "home": 4,
    "search": 4,
    "opendata": 4,
    "pathways": 4,
    "orientation": 4,
    "config": 5,
}
MAX_LINES = 600


def modules(package: str):
    return sorted((ROOT / package).rglob("*.py"))


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names}
    return found & set(LAYERS)


def test_every_package_of_the_project_has_a_layer():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert packages - {"tests", "bench"} == set(LAYERS)


@pytest.mark.parametrize("package", [name for name in LAYERS if name != "config"])
def test_a_package_imports_only_lower_layers(package):
    upward = [
        f"{path.relative_to(ROOT)} imports {target}"
        for path in modules(package)
        if "migrations" not in path.parts
        for target in imported_packages(path) - {package}
        if LAYERS[target] >= LAYERS[package] and not (LAYERS[target] == LAYERS[package] == 4)
    ]
    assert upward == []


def test_migrations_import_nothing_of_the_project():
    importing = [
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(imported_packages(path)))}"
        for package in LAYERS
        for path in modules(package)
        if "migrations" in path.parts and imported_packages(path)
    ]
    assert importing == []


def test_no_module_is_over_600_lines():
    long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for package in LAYERS
        for path in modules(package)
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert long == []
