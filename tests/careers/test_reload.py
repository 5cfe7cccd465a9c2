"""Reloading the catalogue never loses an editor's work (careers.services).

An editor changes a sheet in the admin or a shell, then someone runs
`load_catalog` again: the edited career is kept and the report says so,
`--force` puts the source back, publication stays as the editor left it, and
a career nobody edited follows its source.
"""

import io
import shutil

import pytest
from django.core.management import call_command

from careers.models import Career, Mission, MissionBlock
from careers.services import KEPT
from skills.models import Skill, SkillAlias, ToolFamily
from tests.adminpages import resubmit
from tests.careers.catalogue import JOBSHEETS, LOGISTICS_SHEET
from tests.pages import text_of

pytestmark = pytest.mark.django_db

LOGISTICS = "assistante-logistique-internationale"
FIRST_MISSION = (
    "Organiser les expéditions internationales selon les priorités clients et contraintes "
    "douanières"
)
EDITED = "Organiser les expéditions vers l'Asie et l'Amérique du Sud"


def reload(*options: str, fixtures=None) -> str:
    """`manage.py load_catalog` (on `fixtures` if given); what it printed."""
    out = io.StringIO()
    args = [*options, *(["--fixtures-dir", str(fixtures)] if fixtures else [])]
    call_command("load_catalog", *args, stdout=out)
    return out.getvalue()


def line_of(report: str, slug: str) -> str:
    [line] = [line for line in report.splitlines() if f"({slug})" in line]
    return line


@pytest.fixture
def changed_source(tmp_path):
    """A copy of fixtures/ whose logistics sheet says its first mission differently."""
    folder = tmp_path / "fixtures"
    shutil.copytree(JOBSHEETS, folder / "jobsheets")
    shutil.copytree(JOBSHEETS.parent / "certifications", folder / "certifications")
    sheet = folder / "jobsheets" / LOGISTICS_SHEET.name
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace(FIRST_MISSION, "Organiser les expéditions par la mer"), "utf-8")
    return folder


def first_mission(career: Career) -> Mission:
    return Mission.objects.filter(block__career=career).order_by("block__position", "position")[0]


@pytest.fixture
def sheet(catalogue) -> Career:
    return Career.objects.get(slug=LOGISTICS)


def edit_first_mission_in_the_admin(client, career: Career) -> None:
    mission = first_mission(career)
    assert mission.text == FIRST_MISSION
    resubmit(client, MissionBlock, mission.block, **{"missions-0-text": EDITED})


def test_a_mission_edited_in_the_admin_is_kept_by_a_reload_that_says_so(
    admin_client, client, sheet
):
    edit_first_mission_in_the_admin(admin_client, sheet)

    report = reload()

    assert line_of(report, LOGISTICS).endswith(f": {KEPT}")
    assert "1 inchangée(s), 1 conservée(s)" in report
    assert first_mission(sheet).text == EDITED
    assert EDITED in text_of(client.get(sheet.get_absolute_url()))


def test_an_edit_is_kept_when_the_source_changed_too(admin_client, sheet, changed_source):
    edit_first_mission_in_the_admin(admin_client, sheet)

    report = reload(fixtures=changed_source)

    assert line_of(report, LOGISTICS).endswith(f": {KEPT}")
    assert first_mission(sheet).text == EDITED


@pytest.mark.django_db(transaction=True)  # a shell commits each save
def test_a_block_title_set_from_a_shell_is_kept(sheet, changed_source):
    block = MissionBlock.objects.filter(career=sheet).order_by("position").first()
    block.title = "Expéditions"
    block.save()

    report = reload(fixtures=changed_source)

    assert KEPT in line_of(report, LOGISTICS)
    block.refresh_from_db()
    assert block.title == "Expéditions"


def test_force_puts_the_source_back_over_an_edit(admin_client, client, sheet, changed_source):
    edit_first_mission_in_the_admin(admin_client, sheet)

    report = reload("--force", fixtures=changed_source)

    assert "missions +1 −1" in line_of(report, LOGISTICS)
    assert ": mise à jour" in line_of(report, LOGISTICS)
    assert first_mission(sheet).text == "Organiser les expéditions par la mer"
    page = text_of(client.get(sheet.get_absolute_url()))
    assert EDITED not in page
    assert "Organiser les expéditions par la mer" in page
    sheet.refresh_from_db()
    assert sheet.edited_at is None  # the source again: the next reload follows it


def test_force_on_an_unchanged_source_undoes_the_edit(admin_client, sheet):
    edit_first_mission_in_the_admin(admin_client, sheet)

    report = reload("--force")

    assert ": mise à jour" in line_of(report, LOGISTICS)
    assert first_mission(sheet).text == FIRST_MISSION
    assert "2 inchangée(s)" in reload()


def test_an_unedited_career_whose_source_changed_is_updated(client, sheet, changed_source):
    report = reload(fixtures=changed_source)

    assert "0 créée(s), 1 mise(s) à jour, 1 inchangée(s)." in report
    assert "missions +1 −1" in line_of(report, LOGISTICS)
    assert first_mission(sheet).text == "Organiser les expéditions par la mer"
    assert "Organiser les expéditions par la mer" in text_of(client.get(sheet.get_absolute_url()))


def test_an_unpublished_career_stays_unpublished_even_when_forced(
    admin_client, client, sheet, changed_source
):
    resubmit(admin_client, Career, sheet, is_published="")
    assert client.get(sheet.get_absolute_url()).status_code == 404

    assert KEPT in line_of(reload(fixtures=changed_source), LOGISTICS)
    assert ": mise à jour" in line_of(reload("--force", fixtures=changed_source), LOGISTICS)

    sheet.refresh_from_db()
    assert not sheet.is_published
    assert first_mission(sheet).text == "Organiser les expéditions par la mer"
    assert client.get(sheet.get_absolute_url()).status_code == 404
    assert sheet.title not in text_of(client.get("/metiers/"))


def test_a_slug_changed_by_an_editor_stays_one_career_after_reloads(
    admin_client, client, sheet, changed_source
):
    resubmit(admin_client, Career, sheet, slug="assistant-logistique")

    reload(fixtures=changed_source)
    reload("--force", fixtures=changed_source)

    [career] = Career.objects.filter(title=sheet.title)
    assert career.pk == sheet.pk
    assert career.slug == "assistant-logistique"
    assert Career.objects.count() == 2
    assert client.get("/metiers/assistant-logistique/").status_code == 200
    assert client.get(f"/metiers/{LOGISTICS}/")["Location"] == "/metiers/assistant-logistique/"


# --- Titles that make the same address -------------------------------------------------------

SHEET = """{title}
Le/la {title} conçoit et maintient des logiciels.
#MISSIONS

Les principales missions

Ces missions sont typiques pour le métier présenté.

  • Concevoir des programmes
  • Corriger des anomalies
"""


def import_sheets(tmp_path, *titles: str) -> str:
    paths = []
    for number, title in enumerate(titles):
        path = tmp_path / f"fiche-{number}.txt"
        path.write_text(SHEET.format(title=title), encoding="utf-8")
        paths.append(str(path))
    out = io.StringIO()
    call_command("import_jobsheet", *paths, stdout=out)
    return out.getvalue()


def test_two_titles_making_one_slug_are_two_careers_and_a_warning(tmp_path, client):
    report = import_sheets(tmp_path, "Développeur C++", "Développeur C#")

    assert list(Career.objects.order_by("slug").values_list("title", "slug")) == [
        ("Développeur C++", "developpeur-c"),
        ("Développeur C#", "developpeur-c-2"),
    ]
    assert "Développeur C# (developpeur-c-2) : créée" in report
    assert (
        "attention : l'intitulé donne la même adresse que « Développeur C++ » : "
        "fiche enregistrée sous /metiers/developpeur-c-2/" in report
    )
    assert "Développeur C#" in text_of(client.get("/metiers/developpeur-c-2/"))
    # Found again by their titles, never by slug: a reload changes nothing.
    assert import_sheets(tmp_path, "Développeur C++", "Développeur C#").count("inchangée") == 2


def test_a_renamed_slug_is_not_given_to_a_new_career(tmp_path, admin_client, client):
    import_sheets(tmp_path, "Développeur C++")
    career = Career.objects.get()
    resubmit(admin_client, Career, career, slug="developpeur-cpp")

    report = import_sheets(tmp_path, "Développeur C++", "Développeur C#")

    # The old address still leads to C++: C# gets another one.
    assert "Développeur C# (developpeur-c-2) : créée" in report
    assert Career.objects.count() == 2
    assert client.get("/metiers/developpeur-c/")["Location"] == "/metiers/developpeur-cpp/"


# --- The vocabulary ---------------------------------------------------------------------------


def test_a_skill_renamed_in_the_admin_stays_one_skill_after_a_reload(
    admin_client, client, sheet, changed_source
):
    skill = Skill.objects.get(name="Gestion du stress")
    resubmit(admin_client, Skill, skill, name="Sang-froid")

    # Forced, so that the sheet's rows are written again and name the skill the old way.
    assert ": mise à jour" in line_of(reload("--force", fixtures=changed_source), LOGISTICS)

    [renamed] = Skill.objects.filter(search_text__in=["sang-froid", "gestion du stress"])
    assert (renamed.pk, renamed.name, renamed.slug) == (skill.pk, "Sang-froid", "gestion-du-stress")
    assert SkillAlias.objects.filter(skill=skill, search_text="gestion du stress").exists()
    assert sheet.skill_links.filter(skill=skill).exists()
    page = client.get("/competences/gestion-du-stress/")
    assert page.status_code == 200
    assert sheet.title in text_of(page)
    assert "Sang-froid" in text_of(client.get(sheet.get_absolute_url()))


def test_a_tool_family_renamed_in_the_admin_stays_one_family_after_a_reload(
    admin_client, sheet, changed_source
):
    family = ToolFamily.objects.get(career_groups__career=sheet, name__contains="CRM")
    families = ToolFamily.objects.count()
    resubmit(admin_client, ToolFamily, family, name="Logiciels de relation client")

    reload("--force", fixtures=changed_source)

    assert ToolFamily.objects.count() == families
    assert sheet.toolgroup_set.filter(family=family).exists()
