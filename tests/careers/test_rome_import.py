"""import_rome: France Travail's ROME 4.0 fiches become careers, by batches, idempotently."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import Appellation, Career, CareerSkill, Mobility, SectionKind
from careers.romeimport import import_rome
from core.models import Dataset
from skills.models import Skill
from tests.careers.rome_support import (
    DATA,
    ISO_FILE,
    UTF8_FILE,
    VERSION_TXT,
    fiches_json,
    make_zip,
    raw_fiches,
)

pytestmark = pytest.mark.django_db

TITLES = {
    "N1303": "Intervention technique d'exploitation logistique",
    "N1302": "Direction de site logistique",
    "M1707": "Stratégie commerciale",
    "D1401": "Assistanat commercial",
}


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_rome", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """What the catalogue holds of each ROME fiche, ids left out."""
    return {
        career.source_key: (
            career.title,
            career.slug,
            career.summary,
            career.search_text,
            [str(row) for row in career.appellation_set.all()],
            sorted(
                (link.skill.code_ogr, link.skill.name, link.is_core)
                for link in career.skill_links.select_related("skill")
            ),
            [(m.target_code, m.target_label, m.target_id is not None) for m in mobilities(career)],
        )
        for career in Career.objects.filter(source_key__startswith="rome:").prefetch_related(
            "appellation_set"
        )
    }


def mobilities(career: Career) -> list[Mobility]:
    return list(Mobility.objects.filter(career=career).order_by("position"))


def test_each_fiche_becomes_a_career_with_its_code_and_source():
    out = run(UTF8_FILE)

    assert "4 fiches lues, 4 créées, 0 mises à jour, 0 inchangées" in out
    careers = {c.source_key: c for c in Career.objects.prefetch_related("rome_codes")}
    assert {key: c.title for key, c in careers.items()} == {
        f"rome:{code}": title for code, title in TITLES.items()
    }
    logistics = careers["rome:N1303"]
    assert logistics.slug == "intervention-technique-dexploitation-logistique"
    assert [code.code for code in logistics.rome_codes.all()] == ["N1303"]
    # The definition as the source writes it, its surrounding spaces left out.
    assert logistics.summary.startswith("Organise et contrôle les opérations")
    assert logistics.is_published
    dataset = Dataset.objects.get(slug="rome")
    assert (dataset.publisher, dataset.version, dataset.licence) == (
        "France Travail",
        "460",
        "Licence Ouverte 2.0",
    )


@pytest.mark.parametrize("name", ["lone utf-8", "lone iso-8859-15", "zip", "zip iso-8859-15"])
def test_every_shape_of_the_export_gives_the_same_catalogue(name, tmp_path):
    run(UTF8_FILE)
    expected = snapshot()
    Career.objects.all().delete()
    path = {
        "lone utf-8": UTF8_FILE,
        "lone iso-8859-15": ISO_FILE,
        "zip": make_zip(
            tmp_path / "RefRomeJson.zip",
            {"version.txt": VERSION_TXT.encode(), UTF8_FILE.name: UTF8_FILE.read_bytes()},
        ),
        "zip iso-8859-15": make_zip(
            tmp_path / "RefRomeJson.zip", {ISO_FILE.name: ISO_FILE.read_bytes()}
        ),
    }[name]

    run(path)

    assert snapshot() == expected
    appellations = set(Appellation.objects.values_list("label", flat=True))
    assert "Gestionnaire de flux logistiques (œuvrant en entrepôt)" in appellations
    fiche = Career.objects.get(source_key="rome:N1303")
    access = fiche.careersection_set.get(kind=SectionKind.ACCESS)
    assert "2 100 € brut par mois" in access.intro


def test_the_archive_version_is_the_datasets(tmp_path):
    path = make_zip(
        tmp_path / "RefRomeJson.zip",
        {"version.txt": VERSION_TXT.encode(), UTF8_FILE.name: UTF8_FILE.read_bytes()},
    )

    out = run(path)

    assert out.splitlines()[-1].startswith("ROME 460 : 4 fiches lues")
    assert Dataset.objects.get(slug="rome").version == "460"


def test_a_second_run_changes_nothing():
    run(UTF8_FILE)
    before = {c.pk: (c.updated_at, c.source_digest) for c in Career.objects.all()}
    links = set(CareerSkill.objects.values_list("pk", flat=True))

    out = run(UTF8_FILE)

    assert "0 créées, 0 mises à jour, 4 inchangées" in out
    assert {c.pk: (c.updated_at, c.source_digest) for c in Career.objects.all()} == before
    assert set(CareerSkill.objects.values_list("pk", flat=True)) == links


def test_the_editorial_sheets_are_never_touched(catalogue):
    editorial = {c.slug: (c.updated_at, c.source_key, c.search_text) for c in Career.objects.all()}

    run(UTF8_FILE)

    assert {
        c.slug: (c.updated_at, c.source_key, c.search_text)
        for c in Career.objects.exclude(source_key__startswith="rome:")
    } == editorial
    assert Career.objects.count() == len(editorial) + len(TITLES)


def test_a_changed_fiche_is_updated_and_an_edited_one_kept(tmp_path):
    run(UTF8_FILE)
    edited = Career.objects.get(source_key="rome:N1302")
    edited.summary = "Résumé revu par un éditeur."
    edited.save()
    fiches = raw_fiches()
    for fiche in fiches:
        fiche["definition"] = fiche["definition"] + " Nouvelle phrase."
    changed = tmp_path / UTF8_FILE.name
    changed.write_bytes(fiches_json(fiches))

    out = run(changed)

    assert "0 créées, 3 mises à jour, 0 inchangées, 1 conservées" in out
    assert Career.objects.get(pk=edited.pk).summary == "Résumé revu par un éditeur."
    assert Career.objects.get(source_key="rome:N1303").summary.endswith("Nouvelle phrase.")

    out = run(changed, "--force")

    assert "1 mises à jour" in out
    assert Career.objects.get(pk=edited.pk).summary.endswith("Nouvelle phrase.")


def test_publication_is_left_as_an_editor_set_it(tmp_path):
    run(UTF8_FILE)
    Career.objects.filter(source_key="rome:M1707").update(is_published=False)
    fiches = raw_fiches()
    fiches[2]["definition"] = "Une autre définition."
    changed = tmp_path / UTF8_FILE.name
    changed.write_bytes(fiches_json(fiches))

    run(changed)

    fiche = Career.objects.get(source_key="rome:M1707")
    assert (fiche.summary, fiche.is_published) == ("Une autre définition.", False)


def test_some_codes_only_and_mobilities_linked_once_their_target_is_there():
    out = run(UTF8_FILE, "--codes", "n1303")

    assert "1 fiches lues, 1 créées" in out
    [fiche] = Career.objects.all()
    # In the source's order of mobility, neither target in the catalogue yet: text only.
    assert [(m.target_code, m.target_id) for m in mobilities(fiche)] == [
        ("N1302", None),
        ("H1302", None),
    ]

    run(UTF8_FILE)

    target = Career.objects.get(source_key="rome:N1302")
    assert [(m.target_code, m.target_id) for m in mobilities(fiche)] == [
        ("N1302", target.pk),
        ("H1302", None),  # no fiche H1302 in this export: kept as text
    ]


def test_codes_must_be_rome_codes():
    with pytest.raises(CommandError, match="« N13 » n'est pas un code ROME"):
        run(UTF8_FILE, "--codes", "N1303,N13")


def test_a_dry_run_reports_and_writes_nothing():
    out = run(UTF8_FILE, "--dry-run")

    assert "4 créées" in out and "rien n'a été enregistré" in out
    assert not Career.objects.exists()
    assert not Skill.objects.exists()
    assert not Dataset.objects.exists()


@pytest.mark.parametrize(
    "name, words",
    [
        ("bad_truncated.json", "fiche n°2 (N1302) : fichier tronqué"),
        ("bad_missing_code_rome.json", "fiche n°2"),
        ("bad_code_z9999.json", "Z9999"),
        ("bad_code_n130.json", "N130"),
    ],
)
def test_a_bad_file_is_named_and_nothing_of_its_batch_is_written(name, words):
    with pytest.raises(CommandError) as caught:
        run(DATA / name)

    message = str(caught.value)
    assert name in message and words in message
    assert "le lot en cours n'a pas été écrit" in message
    assert not Career.objects.exists()
    assert not Dataset.objects.exists()


def test_the_batches_before_a_bad_fiche_stay_and_link_their_mobilities():
    import_rome(path=UTF8_FILE, batch_size=1, codes={"N1303", "N1302"})
    Career.objects.all().delete()

    with pytest.raises(Exception, match="fiche n°2"):
        import_rome(path=DATA / "bad_truncated.json", batch_size=1)

    [written] = Career.objects.all()
    assert written.source_key == "rome:N1303"


def test_a_bad_file_exits_non_zero_without_a_traceback():
    command = [sys.executable, "manage.py", "import_rome", str(DATA / "bad_code_z9999.json")]
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"}
    done = subprocess.run(
        command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Z9999" in done.stderr


def test_the_shared_vocabulary_keeps_rome_items_by_code():
    run(UTF8_FILE)

    teamwork = Skill.objects.get(code_ogr="300511")
    assert (teamwork.name, teamwork.kind) == ("Travailler en équipe", "savoir_etre")
    assert Skill.objects.get(code_ogr="121046").kind == "savoir"
    assert Skill.objects.get(code_ogr="300251").kind == "savoir_faire"
    core = CareerSkill.objects.get(skill__code_ogr="300251", career__source_key="rome:N1303")
    assert core.is_core
    # One skill, however many fiches name it.
    logistics = Skill.objects.get(code_ogr="121046")
    users = set(logistics.career_links.values_list("career__source_key", flat=True))
    assert users == {"rome:N1303", "rome:N1302"}


def test_progress_is_reported_batch_by_batch():
    seen = []
    import_rome(path=UTF8_FILE, batch_size=3, progress=lambda report: seen.append(report.read))

    assert seen == [3, 4]
