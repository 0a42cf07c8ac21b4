"""Most commune PCs run Windows: no module of the program uses a call or a path that only
exists on Linux (checked here, on Linux, by reading the source)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*sorted((ROOT / "isoqms").rglob("*.py")), ROOT / "main.py"]

#: Modules that exist only on POSIX systems.
POSIX_MODULES = {"fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "posix", "syslog"}
#: os functions missing on Windows.
POSIX_OS = {
    "getuid", "geteuid", "getgid", "getegid", "fork", "forkpty", "setsid", "killpg",
    "getpgid", "setpgid", "chown", "lchown", "mkfifo", "getloadavg", "sync", "uname",
}  # fmt: skip
#: Paths that mean something only on Linux.
LINUX_PATHS = ("/tmp", "/usr/", "/etc/", "/proc/", "/dev/", "/var/", "/home/", "/opt/")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def linux_only(source: str, where: str) -> list[str]:
    """What in ``source`` exists only on Linux/POSIX: imports, os calls, path literals."""
    tree = ast.parse(source, where)
    docs = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found += [
                f"{where}:{node.lineno} import {n}"
                for n in names
                if n.split(".")[0] in POSIX_MODULES
            ]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
            and node.attr in POSIX_OS
        ):
            found.append(f"{where}:{node.lineno} os.{node.attr}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
            and node.value.startswith(LINUX_PATHS)
        ):
            found.append(f"{where}:{node.lineno} {node.value!r}")
    return sorted(found, key=lambda f: int(f.split(":")[1].split()[0]))


def test_no_module_uses_a_linux_only_call_or_path() -> None:
    found: list[str] = []
    for path in SOURCES:
        found += linux_only(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


def test_the_check_sees_each_kind() -> None:
    sample = '''"""A docstring may name /tmp."""
import fcntl
import os
os.getuid()
x = "/tmp/a"
'''
    assert linux_only(sample, "x.py") == [
        "x.py:2 import fcntl",
        "x.py:4 os.getuid",
        "x.py:5 '/tmp/a'",
    ]
