"""A career's history (careers.history, core.admin.HistoryAdmin, core.history).

Every admin save is a version of the career with all its rows; the history page
says what each changed; "Restaurer cette version" brings one back, missions
included. An imported career keeps its imported state as a first version, and
once it has a history, each import is a version too, named after its file.
"""

import io
import re

import pytest
from django.core.management import call_command
from reversion.models import Version

from careers.models import Career, FaqEntry, Mission, MissionBlock
from tests.adminpages import admin_url, resubmit, unchanged_post_data
from tests.pages import text_of

pytestmark = pytest.mark.django_db

SOURCE = "assistant-logistique-internationale.txt"
EDITED = "Affréter des navires vers l'Asie"


@pytest.fixture
def sheet(catalogue) -> Career:
    return Career.objects.get(slug="assistante-logistique-internationale")


def first_mission(career: Career) -> Mission:
    return Mission.objects.filter(block__career=career).order_by("block__position", "position")[0]


def edit_first_mission(client, career: Career, text: str = EDITED) -> None:
    block = MissionBlock.objects.filter(career=career).order_by("position").first()
    resubmit(client, MissionBlock, block, **{"missions-0-text": text})


def versions(career: Career) -> list[Version]:
    """The career's versions, oldest first."""
    found = Version.objects.get_for_object(career).select_related("revision")
    return sorted(found, key=lambda version: version.revision.date_created)


def rows_of(version: Version) -> dict[str, int]:
    """How many rows of each kind the version's revision holds beside the career."""
    counts: dict[str, int] = {}
    for other in version.revision.version_set.exclude(pk=version.pk):
        name = other.content_type.model
        counts[name] = counts.get(name, 0) + 1
    return counts


def restore(client, career: Career, version: Version):
    """Open a version from the history and press "Restaurer cette version"."""
    url = admin_url(Career, "revision", career.pk, version.pk)
    page = client.get(url)
    assert "Restaurer cette version" in page.content.decode()
    response = client.post(url, unchanged_post_data(page))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_imported_career_has_no_history_until_edited(sheet):
    assert versions(sheet) == []


def test_an_admin_edit_is_a_version_with_all_the_rows_after_the_imported_state(admin_client, sheet):
    edit_first_mission(admin_client, sheet)

    baseline, edit = versions(sheet)
    assert baseline.revision.get_comment() == (
        f"État importé de {SOURCE}, avant la première modification"
    )
    assert edit.revision.user.username == "admin"
    for version in (baseline, edit):
        rows = rows_of(version)
        assert rows["mission"] == Mission.objects.filter(block__career=sheet).count()
        assert rows["faqentry"] == FaqEntry.objects.filter(career=sheet).count()
        assert rows["careerskill"] == sheet.skill_links.count()
    mission = edit.revision.version_set.get(
        content_type__model="mission", object_id=first_mission(sheet).pk
    )
    assert mission.field_dict["text"] == EDITED


def test_the_history_page_says_what_each_version_changed(admin_client, sheet):
    edit_first_mission(admin_client, sheet)
    resubmit(admin_client, Career, sheet, title="Assistant(e) logistique export")

    page = text_of(admin_client.get(admin_url(Career, "history", sheet.pk)))

    assert f"État importé de {SOURCE}, avant la première modification" in page
    assert "Première version" in page
    assert "missions : +1 −1" in page
    assert (
        "intitulé : Assistant(e) logistique internationale → Assistant(e) logistique export" in page
    )
    # What an editor cannot change is left out.
    assert "mise à jour :" not in page
    assert "search text" not in page


def test_restoring_the_imported_state_brings_the_missions_back(admin_client, client, sheet):
    original = first_mission(sheet).text
    edit_first_mission(admin_client, sheet)
    assert EDITED in text_of(client.get(sheet.get_absolute_url()))
    baseline = versions(sheet)[0]

    restore(admin_client, sheet, baseline)

    assert first_mission(sheet).text == original
    page = text_of(client.get(sheet.get_absolute_url()))
    assert original in page
    assert EDITED not in page
    sheet.refresh_from_db()
    assert "navires vers l'asie" not in sheet.search_text
    assert (
        versions(sheet)[-1]
        .revision.get_comment()
        .startswith("Restauré depuis une version précédente")
    )


def test_restoring_a_version_brings_back_what_it_held_rows_deleted_since_included(
    admin_client, client, sheet
):
    edit_first_mission(admin_client, sheet, "Version A")
    edit_first_mission(admin_client, sheet, "Version B")
    question = FaqEntry.objects.filter(career=sheet).order_by("position").last()
    question.delete()
    _baseline, version_a, _version_b = versions(sheet)

    restore(admin_client, sheet, version_a)

    assert first_mission(sheet).text == "Version A"
    assert FaqEntry.objects.filter(career=sheet, question=question.question).exists()
    assert "Version A" in text_of(client.get(sheet.get_absolute_url()))


def test_an_import_of_a_career_with_a_history_is_a_version_named_after_its_file(
    admin_client, sheet
):
    edit_first_mission(admin_client, sheet)

    call_command("load_catalog", "--force", stdout=io.StringIO())

    *_, imported = versions(sheet)
    assert imported.revision.get_comment() == f"Import de {SOURCE}"
    assert imported.revision.user is None
    page = text_of(admin_client.get(admin_url(Career, "history", sheet.pk)))
    assert re.search(rf"import Import de {re.escape(SOURCE)} missions : \+1 −1", page)


def test_an_import_of_a_career_without_history_records_none(sheet):
    call_command("load_catalog", "--force", stdout=io.StringIO())

    assert versions(sheet) == []
