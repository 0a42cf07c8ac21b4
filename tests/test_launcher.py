"""The one-folder build's single program: the command line with a command, the window
without one (isoqms/launcher.py)."""

from __future__ import annotations

import pytest

from isoqms import launcher


@pytest.mark.parametrize(
    ("argv", "command_line"),
    [
        (["init", "--demo"], True),
        (["--db", "x.sqlite3", "--user", "clerk", "intake", "receive"], True),
        (["--help"], True),
        (["--version"], True),
        ([], False),
        (["--db", "x.sqlite3"], False),
        (["--smoke-test", "--screenshot", "a.png", "--area", "dossiers:1"], False),
        (["--lang", "en"], False),
    ],
)
def test_a_command_word_makes_it_the_command_line(argv: list[str], command_line: bool) -> None:
    assert launcher.is_command_line(argv) is command_line


def test_the_command_words_are_the_command_lines() -> None:
    assert {"init", "intake", "dossier", "report", "audit", "iso"} <= launcher.commands()


def test_the_command_line_runs_through_the_launcher(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        launcher.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip()
