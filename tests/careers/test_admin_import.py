"""« Importer une fiche » in the admin (careers.admin_import): send, read the dry run, confirm."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from careers.admin_import import SESSION_KEY
from careers.models import Career, Mission
from tests.adminpages import admin_url, resubmit
from tests.careers.catalogue import CARISTE_SHEET as SHEET
from tests.careers.catalogue import LOGISTICS_SHEET
from tests.pages import text_of

pytestmark = pytest.mark.django_db

IMPORT = "/admin/careers/career/importer/"
CONFIRM_BUTTON = 'value="Confirmer l\'import"'
CONFIRM = "/admin/careers/career/importer/confirmer/"


def upload(client, text: str | bytes = SHEET, *, name: str = "cariste-export.txt", force=False):
    data = text.encode() if isinstance(text, str) else text
    fields = {"fichier": SimpleUploadedFile(name, data, content_type="text/plain")}
    if force:
        fields["forcer"] = "on"
    return client.post(IMPORT, fields)


def confirm(client, response):
    """Press « Confirmer l'import » on the dry run's page."""
    return client.post(CONFIRM, {"token": response.context["token"]})


def test_the_careers_list_offers_the_import_to_those_who_may(admin_client, editor_client):
    for client in (admin_client, editor_client):
        page = client.get(admin_url(Career, "changelist")).content.decode()
        assert f'href="{IMPORT}"' in page
        assert "Importer une fiche" in page


def test_the_form_asks_for_a_file_and_offers_to_force(
    editor_client, session_reads, django_assert_num_queries
):
    # The session, the user and its permissions (its own, its groups').
    with django_assert_num_queries(session_reads + 3):
        response = editor_client.get(IMPORT)

    assert response.status_code == 200
    page = text_of(response)
    assert "Importer une fiche" in page
    assert "Forcer" in page
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for response in (client.get(IMPORT), upload(client), client.post(CONFIRM, {"token": "x"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not Career.objects.exists()


def test_staff_without_the_permissions_is_refused(staff_client):
    assert staff_client.get(IMPORT).status_code == 403
    assert upload(staff_client).status_code == 403
    assert staff_client.post(CONFIRM, {"token": "x"}).status_code == 403
    page = staff_client.get("/admin/").content.decode()
    assert IMPORT not in page
    assert not Career.objects.exists()


def test_a_view_only_editor_sees_no_import(db):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("lecteur", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_career"))
    client = Client()
    client.force_login(user)

    assert IMPORT not in client.get(admin_url(Career, "changelist")).content.decode()
    assert client.get(IMPORT).status_code == 403


def test_a_new_sheet_is_tried_and_reported_without_being_written(editor_client):
    response = upload(editor_client)

    assert response.status_code == 200
    page = text_of(response)
    assert "Essai à blanc de cariste-export.txt : rien n'a encore été enregistré." in page
    assert "Fiche /metiers/cariste-export/ : serait créée" in page
    assert "missions 2 0" in page
    assert "salaires 1 0" in page
    assert CONFIRM_BUTTON in response.content.decode()
    assert not Career.objects.exists()
    assert editor_client.session[SESSION_KEY]["name"] == "cariste-export.txt"


def test_confirming_imports_and_lands_on_the_career(editor_client, client):
    tried = upload(editor_client)

    response = confirm(editor_client, tried)

    career = Career.objects.get(slug="cariste-export")
    assert response.status_code == 302
    assert response["Location"] == admin_url(Career, "change", career.pk)
    page = text_of(editor_client.get(response["Location"]))
    assert "Import de cariste-export.txt : Cariste export (cariste-export) : créée" in page
    assert career.source_name == "cariste-export.txt"
    assert list(Mission.objects.filter(block__career=career).values_list("text", flat=True)) == [
        "Charger les conteneurs selon le plan de chargement",
        "Vérifier l'arrimage des palettes",
    ]
    assert "Vérifier l'arrimage des palettes" in text_of(client.get("/metiers/cariste-export/"))
    entry = LogEntry.objects.get()
    assert (entry.action_flag, entry.object_id) == (ADDITION, str(career.pk))
    assert SESSION_KEY not in editor_client.session


def test_a_confirmation_counts_once(editor_client):
    tried = upload(editor_client)
    confirm(editor_client, tried)

    again = confirm(editor_client, tried)

    assert again["Location"] == IMPORT
    assert "n'est plus en attente" in text_of(editor_client.get(IMPORT))
    assert Career.objects.count() == 1


def test_an_older_dry_run_cannot_confirm_the_file_sent_since(editor_client):
    first = upload(editor_client)
    upload(editor_client, SHEET.replace("Cariste export", "Cariste import"), name="autre.txt")

    response = confirm(editor_client, first)

    assert response["Location"] == IMPORT
    assert not Career.objects.exists()


@pytest.mark.parametrize("token", ["", "faux", "jéton"])
def test_a_wrong_token_imports_nothing(editor_client, token):
    upload(editor_client)

    response = editor_client.post(CONFIRM, {"token": token})

    assert response["Location"] == IMPORT
    assert not Career.objects.exists()
    assert SESSION_KEY in editor_client.session  # the right page may still confirm


def test_the_text_confirmed_is_the_one_tried_whatever_the_browser_sends(editor_client):
    tried = upload(editor_client)

    editor_client.post(
        CONFIRM, {"token": tried.context["token"], "text": "Autre\nAutre résumé.", "forcer": "on"}
    )

    assert list(Career.objects.values_list("title", flat=True)) == ["Cariste export"]


def test_a_malformed_file_shows_its_error_at_its_line_and_writes_nothing(editor_client):
    text = SHEET.replace("De 21000€ à 23000€", "De 23000€ à 21000€")

    response = upload(editor_client, text, name="fiche.txt")

    assert response.status_code == 200
    page = text_of(response)
    assert "Le fichier n'a pas pu être importé" in page
    assert "fiche.txt:21:" in page
    assert "rien n'a été modifié" in page
    assert not Career.objects.exists()
    assert SESSION_KEY not in editor_client.session


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("Cariste export é".encode("latin-1"), "fiche.txt:1: l'octet 0xE9 n'est pas de l'UTF-8"),
        ("Cariste".encode("utf-16"), "fiche.txt:1: texte encodé en UTF-16"),
        (b"  \n", "fiche.txt:1: fichier vide"),
        (b"x" * (1024 * 1024 + 1), "Fichier de 1024 Kio : une fiche en fait au plus 1024"),
    ],
    ids=["latin-1", "utf-16", "empty", "too large"],
)
def test_a_file_that_is_no_sheet_is_refused(editor_client, data, error):
    response = upload(editor_client, data, name="fiche.txt")

    assert error in text_of(response)
    assert not Career.objects.exists()


def test_no_file_is_asked_for_again(editor_client):
    response = editor_client.post(IMPORT, {})

    assert "Ce champ est obligatoire." in text_of(response)


# --- A sheet the catalogue holds ------------------------------------------------------------


def logistics_with(old: str, new: str) -> str:
    return LOGISTICS_SHEET.read_text(encoding="utf-8").replace(old, new)


FIRST_MISSION = "Organiser les expéditions internationales selon les priorités clients"


def test_a_changed_sheet_of_the_catalogue_would_be_updated_then_is(editor_client, catalogue):
    career = Career.objects.get(slug="assistante-logistique-internationale")
    text = logistics_with(FIRST_MISSION, "Organiser les expéditions maritimes")

    tried = upload(editor_client, text, name=LOGISTICS_SHEET.name)

    page = text_of(tried)
    assert "serait mise à jour" in page
    assert "missions 1 1 inchangé" in page
    confirm(editor_client, tried)
    assert Mission.objects.filter(
        block__career=career, text__startswith="Organiser les expéditions maritimes"
    ).exists()
    assert Career.objects.count() == 2


def test_an_unchanged_sheet_offers_nothing_to_confirm(editor_client, catalogue):
    response = upload(editor_client, logistics_with("", ""), name=LOGISTICS_SHEET.name)

    assert "inchangée : l'import ne changerait rien" in text_of(response)
    assert CONFIRM_BUTTON not in response.content.decode()


def test_an_edited_career_would_be_kept_unless_forced(admin_client, editor_client, catalogue):
    career = Career.objects.get(slug="assistante-logistique-internationale")
    resubmit(admin_client, Career, career, summary="Résumé revu par la rédaction.")
    text = logistics_with(FIRST_MISSION, "Organiser les expéditions maritimes")

    kept = upload(editor_client, text, name=LOGISTICS_SHEET.name)
    forced = upload(editor_client, text, name=LOGISTICS_SHEET.name, force=True)

    assert "serait conservée telle quelle" in text_of(kept)
    assert CONFIRM_BUTTON not in kept.content.decode()
    assert "serait mise à jour" in text_of(forced)
    confirm(editor_client, forced)
    career.refresh_from_db()
    assert career.summary != "Résumé revu par la rédaction."
    assert career.edited_at is None
