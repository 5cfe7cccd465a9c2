"""import_jobsheet from the shell: every unreadable file exits non-zero and writes nothing.

tests/careers/test_commands.py checks the messages through call_command; this
checks what an operator sees: the exit status and one clear line on stderr.
"""

import pytest
from django.core.management import execute_from_command_line
from django.db import connections

from careers.models import Career, Mission
from tests.careers.catalogue import LOGISTICS_SHEET as LOGISTICS


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
