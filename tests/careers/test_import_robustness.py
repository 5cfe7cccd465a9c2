"""import_jobsheet from the shell: an unreadable or oversized file exits non-zero, writes nothing.

tests/careers/test_commands.py checks the messages through call_command; this
checks what an operator sees: the exit status and one clear line on stderr.
"""

import pytest
from django.core.management import execute_from_command_line
from django.db import connections

from careers.models import Career, Mission
from careers.rows import MAX_ROWS
from tests.careers.catalogue import LOGISTICS_SHEET as LOGISTICS
from tests.careers.catalogue import RELATIONS_SHEET as RELATIONS


def sheet_text() -> str:
    return LOGISTICS.read_text(encoding="utf-8")


BAD_FILES = {
    "empty": b"",
    "latin-1": sheet_text().encode("latin-1", errors="replace"),
    "utf-16": sheet_text().encode("utf-16"),
    "binary": bytes(range(256)) * 4,
    "truncated": sheet_text().encode()[: len(sheet_text().encode()) // 3],
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_FILES, ids=str)
def test_unreadable_sheet_exits_non_zero_with_a_clear_error_and_changes_nothing(
    case, tmp_path, capsys, monkeypatch
):
    # A command run from the shell closes the connections at exit; the test's
    # transaction lives on one of them, so keep it open to look at the rows after.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    bad = tmp_path / "fiche.txt"
    bad.write_bytes(BAD_FILES[case])

    with pytest.raises(SystemExit) as caught:
        execute_from_command_line(["manage.py", "import_jobsheet", str(LOGISTICS), str(bad)])

    assert caught.value.code != 0
    error = capsys.readouterr().err
    assert f"{bad}:" in error
    assert "Traceback" not in error
    assert not Career.objects.exists()
    assert not Mission.objects.exists()


def with_many_missions(count: int) -> tuple[str, int]:
    """The sheet with `count` more tasks after its first one, and the line of the task that
    goes over the limit: the first task is mission 1, the added ones 2, 3…"""
    lines = sheet_text().split("\n")
    first = next(index for index, line in enumerate(lines) if line.lstrip().startswith("•"))
    lines[first + 1 : first + 1] = [f"  • Tâche ajoutée numéro {n}" for n in range(count)]
    # Line numbers count from 1: the first task is on line first + 1.
    return "\n".join(lines), first + 1 + MAX_ROWS


def with_summary_of(size: int) -> str:
    lines = sheet_text().split("\n")
    lines[1] = "L'assistant " + "organise " * (size // len("organise ")) + "."
    return "\n".join(lines)


OVERSIZED = {
    "40 000 missions": (lambda: with_many_missions(40_000)),
    "a 2 MB summary": (lambda: (with_summary_of(2_000_000), 2)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", OVERSIZED, ids=str)
def test_oversized_sheet_is_refused_before_writing_naming_file_and_line(
    case, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(connections, "close_all", lambda: None)
    text, line = OVERSIZED[case]()
    big = tmp_path / "fiche.txt"
    big.write_text(text, encoding="utf-8")

    with pytest.raises(SystemExit) as caught:
        execute_from_command_line(["manage.py", "import_jobsheet", str(RELATIONS), str(big)])

    assert caught.value.code != 0
    error = capsys.readouterr().err
    assert f"{big}:{line}:" in error
    assert "(attendu : " in error
    assert "rien n'a été modifié" in error
    assert "Traceback" not in error
    assert not Career.objects.exists()
    assert not Mission.objects.exists()
