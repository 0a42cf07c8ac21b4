"""The core stays headless: domain, db, services, render and cli never import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "isoqms"
CORE = ["domain", "db", "services", "render", "cli"]


def core_files() -> list[Path]:
    files = [PACKAGE / "__init__.py", PACKAGE / "paths.py", PACKAGE / "faults.py"]
    for part in CORE:
        files.extend(sorted((PACKAGE / part).rglob("*.py")))
    return files


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_does_not_import_qt(path: Path) -> None:
    qt = {m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}}
    assert not qt, f"{path.relative_to(PACKAGE)} imports {sorted(qt)}"
    assert not any(m.startswith("isoqms.ui") for m in imported_modules(path))


def test_core_loads_without_qt_at_runtime() -> None:
    modules = ["isoqms.cli"] + [
        "isoqms." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in core_files()
        if p.name not in ("__init__.py", "__main__.py") and "migrations" not in p.parts
    ]
    assert "isoqms.cli.dossiers" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_itself_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in imported_modules(sample)


RENDER_MAY_IMPORT = ("isoqms.domain", "isoqms.render", "isoqms.paths")


@pytest.mark.parametrize("path", sorted((PACKAGE / "render").glob("*.py")), ids=lambda p: p.name)
def test_render_imports_only_the_domain(path: Path) -> None:
    """Documents are drawn from frozen values of the domain: no database, no services."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("isoqms"):
            names = (
                [node.module]
                if node.module != "isoqms"
                else [f"isoqms.{a.name}" for a in node.names]
            )
            own.update(names)
        elif isinstance(node, ast.Import):
            own.update(a.name for a in node.names if a.name.startswith("isoqms"))
    assert {m for m in own if not m.startswith(RENDER_MAY_IMPORT)} == set()
