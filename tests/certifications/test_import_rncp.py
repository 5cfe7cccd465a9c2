"""manage.py import_rncp: RNCP titles in, batch by batch, safely re-runnable."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from certifications.models import Certification, CertificationSection, Competence, Component
from tests import factories
from tests.pages import text_of

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
RNCP_FIXTURE = (
    Path(settings.BASE_DIR)
    / "fixtures"
    / "certifications"
    / "rncp-14528-manager-operations-logistiques-internationales.json"
)


def run(name: str | Path, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_rncp", str(DATA / name), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def codes() -> list[str]:
    return sorted(Certification.objects.values_list("code", flat=True))


def test_imports_every_rncp_fiche_with_its_rows():
    out, err = run("rncp-export.xml")
    assert "3 fiches lues, 3 créées, 0 mises à jour" in out
    assert "fiches/s" in err
    assert codes() == ["RNCP 14528", "RNCP 34567", "RNCP 40000"]

    manager = Certification.objects.get(code="RNCP 14528")
    assert manager.kind == "rncp" and manager.level == 7 and manager.level_label == "Niveau 7"
    assert manager.slug == "rncp-14528-manager-des-operations-logistiques-internationales"
    assert manager.certifying_body == "PROMOTRANS"
    assert [str(r) for r in manager.certificationrome_set.order_by("position")] == [
        "N1303 Intervention technique d'exploitation logistique",
        "N1302 Direction de site logistique",
    ]
    assert list(manager.nsf_codes.values_list("code", flat=True)) == ["311"]
    blocs = manager.component_set.order_by("position")
    assert [(b.position, b.code) for b in blocs] == [(1, "RNCP14528BC01"), (2, "RNCP14528BC02")]
    assert list(blocs[0].competences.order_by("position").values_list("text", flat=True)) == [
        "Définir, organiser et piloter les flux",
        "Intégrer le développement durable",
    ]
    headings = manager.certificationsection_set.order_by("position").values_list(
        "heading", flat=True
    )
    assert list(headings)[:2] == ["Activités visées", "Compétences ou capacités attestées"]
    assert Certification.objects.get(code="RNCP 34567").certifying_body == "AFTRAL, ISTELI"


def test_the_imported_page_shows_no_markup(client):
    run("rncp-export.xml")
    manager = Certification.objects.get(code="RNCP 14528")
    page = client.get(manager.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "&lt;script" not in page
    assert "Intégrer le développement durable" in page
    texts = Competence.objects.values_list("text", flat=True)
    assert not any("<" in text or "alert" in text for text in texts)
    assert not any("<" in c.evaluation for c in Component.objects.all())


def test_actives_only_and_numeros_filters():
    run("rncp-export.xml", "--actives-only")
    assert codes() == ["RNCP 14528", "RNCP 40000"]
    Certification.objects.all().delete()
    run("rncp-export.xml", "--numeros", "34567,RNCP40000")
    assert codes() == ["RNCP 34567", "RNCP 40000"]


def test_a_bad_numeros_value_is_refused():
    with pytest.raises(CommandError, match="numéro RNCP"):
        run("rncp-export.xml", "--numeros", "abc")


def test_re_running_the_same_export_writes_nothing():
    run("rncp-export.xml")
    before = Certification.objects.count(), Component.objects.count(), Competence.objects.count()
    out, _ = run("rncp-export.xml")
    assert "0 créées, 0 mises à jour, 3 inchangées" in out
    after = Certification.objects.count(), Component.objects.count(), Competence.objects.count()
    assert before == after


def test_a_changed_fiche_replaces_the_rows_of_its_title():
    run("rncp-export.xml")
    Certification.objects.update(source_digest="")  # as if the export had changed
    before = Certification.objects.count(), Component.objects.count(), Competence.objects.count()
    out, _ = run("rncp-export.xml")
    assert "0 créées, 3 mises à jour" in out
    after = Certification.objects.count(), Component.objects.count(), Competence.objects.count()
    assert before == after


def test_a_title_edited_in_the_admin_is_kept_unless_forced():
    run("rncp-export.xml")
    edited = Certification.objects.order_by("pk").first()
    edited.title = "Titre corrigé par un éditeur"
    edited.save()
    Certification.objects.update(source_digest="")

    out, _ = run("rncp-export.xml")
    assert "2 mises à jour" in out and "1 conservés" in out
    assert Certification.objects.get(pk=edited.pk).title == "Titre corrigé par un éditeur"

    run("rncp-export.xml", "--force")
    assert Certification.objects.get(pk=edited.pk).title != "Titre corrigé par un éditeur"


def test_an_edited_title_is_counted_kept_even_when_its_fiche_is_unchanged():
    run("rncp-export.xml")
    edited = Certification.objects.order_by("pk").first()
    edited.title = "Titre corrigé par un éditeur"
    edited.save()

    out, _ = run("rncp-export.xml")

    assert "2 inchangées, 1 conservés" in out
    assert Certification.objects.get(pk=edited.pk).title == "Titre corrigé par un éditeur"


def test_the_catalogue_fixture_row_is_updated_not_duplicated():
    call_command("loaddata", str(RNCP_FIXTURE), verbosity=0)
    original = Certification.objects.get(code="RNCP 14528")
    run("rncp-export.xml", "--numeros", "14528")
    updated = Certification.objects.get(code="RNCP 14528")
    assert updated.pk == original.pk and updated.slug == original.slug
    assert updated.summary == original.summary  # the export does not carry one
    assert updated.level_label == "Niveau 7"
    assert [c.code for c in updated.component_set.order_by("position")] == [
        "RNCP14528BC01",
        "RNCP14528BC02",
    ]
    assert not CertificationSection.objects.filter(certification=updated, heading="Base légale")
    assert Certification.objects.filter(code="RNCP 14528").count() == 1


def test_other_kinds_are_left_alone():
    tp = factories.CertificationFactory(kind="tp", code="TP-00523")
    factories.ComponentFactory(certification=tp)
    run("rncp-export.xml")
    assert tp.component_set.count() == 1


def test_a_zip_export_is_streamed(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(DATA / "rncp-export.xml", "fiches.xml")
    run(archive)
    assert len(codes()) == 3


@pytest.mark.parametrize(
    ("name", "names_the_fiche"),
    [
        ("rncp-missing-number.xml", "fiche n°2 (ligne 57) : NUMERO_FICHE manquant"),
        ("rncp-bad-level.xml", "fiche n°2 (ligne 57), RNCP34567 : niveau « NIV9 » invalide"),
        ("rncp-truncated.xml", "XML illisible après la fiche n°2 (ligne 75"),
    ],
)
def test_a_broken_export_writes_nothing_of_the_batch(name, names_the_fiche):
    with pytest.raises(CommandError) as error:
        run(name)
    assert names_the_fiche in str(error.value)
    assert "0 lot(s) déjà enregistré(s)" in str(error.value)
    assert Certification.objects.count() == 0


def test_batches_committed_before_an_error_stay_and_a_rerun_resumes():
    with pytest.raises(CommandError) as error:
        run("rncp-bad-level.xml", "--batch-size", "1")
    assert "1 lot(s) déjà enregistré(s) (1 fiches)" in str(error.value)
    assert codes() == ["RNCP 14528"]
    run("rncp-export.xml", "--batch-size", "1")
    assert codes() == ["RNCP 14528", "RNCP 34567", "RNCP 40000"]


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        run(tmp_path / "absent.xml")


def test_queries_per_batch_do_not_grow_with_fiches(django_assert_max_num_queries):
    # Savepoint, lookups, deletes, inserts: a fixed number per batch of any size.
    with django_assert_max_num_queries(25):
        run("rncp-export.xml")


def test_an_inactive_fiche_is_kept_marked_and_left_out_of_lists_unless_asked(client):
    run("rncp-export.xml")
    inactive = Certification.objects.get(code="RNCP 34567")
    assert not inactive.is_active
    assert Certification.objects.get(code="RNCP 14528").is_active

    page = text_of(client.get(inactive.get_absolute_url()))
    assert "Fiche RNCP inactive : France Compétences ne l'enregistre plus comme active" in page
    assert (
        json.loads(client.get(inactive.get_absolute_url().rstrip("/") + ".json").content)[
            "is_active"
        ]
        is False
    )

    listed = text_of(client.get("/certifications/"))
    assert inactive.title not in listed
    assert "Inclure les fiches RNCP inactives" in listed  # the filter that shows them
    asked = text_of(client.get("/certifications/", {"inactives": "1"}))
    assert inactive.title in asked and "Fiche RNCP inactive" in asked

    response = client.get("/donnees-ouvertes/certifications.csv")
    rows = csv.DictReader(
        io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
    )
    by_code = {row["code"]: row for row in rows}
    assert by_code["RNCP 34567"]["is_active"] == "non"
    assert by_code["RNCP 14528"]["is_active"] == "oui"
    assert by_code["RNCP 14528"]["source"].startswith("France Compétences, Répertoire national")
