"""Reloading the curated certifications never loses an editor's work (certifications.fixtures).

Like the job sheets: a certification edited in the admin or a shell is kept by
`load_catalog` and the report says so, `--force` puts the file back, publication
stays as the editor left it, and a certification nobody edited follows its file.
"""

import io
import json
import shutil

import pytest
from django.core.management import call_command

from certifications.fixtures import KEPT
from certifications.models import Certification, CertificationSection, Component
from tests.adminpages import resubmit
from tests.careers.catalogue import JOBSHEETS
from tests.pages import text_of

pytestmark = pytest.mark.django_db

TP = "tp-00523-assistant-import-export"
SOURCE_TITLE = (
    "ASSURER L'ADMINISTRATION DES VENTES OU DES ACHATS A L'INTERNATIONAL, Y COMPRIS EN ANGLAIS"
)
EDITED_TITLE = "Administrer les ventes et les achats à l'international"
NEW_TITLE = "ADMINISTRER LES VENTES OU LES ACHATS A L'INTERNATIONAL"


def reload(*options: str, fixtures=None) -> str:
    out = io.StringIO()
    args = [*options, *(["--fixtures-dir", str(fixtures)] if fixtures else [])]
    call_command("load_catalog", *args, stdout=out)
    return out.getvalue()


def status_of(report: str) -> str:
    [line] = [line for line in report.splitlines() if f"({TP}.json)" in line]
    return line.split(" : ", 1)[1]


@pytest.fixture
def certification(catalogue) -> Certification:
    return Certification.objects.get(slug=TP)


def first_component(certification: Certification) -> Component:
    return certification.component_set.order_by("position").first()


@pytest.fixture
def changed_file(tmp_path):
    """A copy of fixtures/ whose TP file names its first CCP differently."""
    folder = tmp_path / "fixtures"
    shutil.copytree(JOBSHEETS, folder / "jobsheets")
    shutil.copytree(JOBSHEETS.parent / "certifications", folder / "certifications")
    path = folder / "certifications" / f"{TP}.json"
    objects = json.loads(path.read_text(encoding="utf-8"))
    for obj in objects:
        if obj["model"] == "certifications.component" and obj["fields"]["title"] == SOURCE_TITLE:
            obj["fields"]["title"] = NEW_TITLE
    path.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_component_edited_in_the_admin_is_kept_by_a_reload_that_says_so(
    admin_client, client, certification
):
    component = first_component(certification)
    assert component.title == SOURCE_TITLE
    resubmit(admin_client, Component, component, title=EDITED_TITLE)

    report = reload()

    assert status_of(report) == KEPT
    assert first_component(certification).title == EDITED_TITLE
    assert EDITED_TITLE in text_of(client.get(certification.get_absolute_url()))


def test_a_rubric_edited_from_a_shell_is_kept_when_the_file_changed(certification, changed_file):
    rubric = CertificationSection.objects.filter(certification=certification).first()
    rubric.body = "Texte revu par la rédaction."
    rubric.save()

    assert status_of(reload(fixtures=changed_file)) == KEPT
    rubric.refresh_from_db()
    assert rubric.body == "Texte revu par la rédaction."
    assert first_component(certification).title == SOURCE_TITLE


def test_force_puts_the_file_back_over_an_edit(admin_client, client, certification, changed_file):
    resubmit(admin_client, Component, first_component(certification), title=EDITED_TITLE)

    assert status_of(reload("--force", fixtures=changed_file)) == "mise à jour"

    assert first_component(certification).title == NEW_TITLE
    page = text_of(client.get(certification.get_absolute_url()))
    assert NEW_TITLE in page
    assert EDITED_TITLE not in page
    # The file's again: the next reload follows it.
    assert status_of(reload(fixtures=changed_file)) == "inchangée"


def test_an_unedited_certification_whose_file_changed_is_updated(
    client, certification, changed_file
):
    report = reload(fixtures=changed_file)

    assert status_of(report) == "mise à jour"
    assert "contenu modifié" in report
    assert NEW_TITLE in text_of(client.get(certification.get_absolute_url()))


def test_an_unpublished_certification_stays_unpublished_even_when_forced(
    admin_client, client, certification, changed_file
):
    resubmit(admin_client, Certification, certification, is_published="")

    assert status_of(reload(fixtures=changed_file)) == KEPT
    assert status_of(reload("--force", fixtures=changed_file)) == "mise à jour"

    certification.refresh_from_db()
    assert not certification.is_published
    assert first_component(certification).title == NEW_TITLE
    assert client.get(certification.get_absolute_url()).status_code == 404
    assert certification.title not in text_of(client.get("/certifications/"))
