"""What an editor does in the admin, in a real browser: edit, read the history, restore, and
import a job sheet."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from careers.models import Mission
from tests.careers.catalogue import CARISTE_SHEET as SHEET

from .conftest import AXE, screenshot
from .test_accessibility import RUN_AXE, WCAG_TAGS, describe

pytestmark = pytest.mark.e2e

SLUG = "assistante-logistique-internationale"
PASSWORD = "motdepasse-solide-42"
EDITED = "Piloter les expéditions vers l'Asie (modifié)"


def log_in_as_editor(page: Page, site: str) -> None:
    if not User.objects.filter(username="redac").exists():
        user = User.objects.create_user("redac", "redac@example.org", PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name="Éditeur"))
    page.goto(f"{site}/admin/")
    page.get_by_label("Nom d’utilisateur").fill("redac")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("button", name="Déconnexion")).to_be_visible()


def open_career_in_the_admin(page: Page, site: str) -> None:
    page.goto(f"{site}/admin/careers/career/")
    page.get_by_role("link", name="Assistant(e) logistique internationale", exact=True).click()
    expect(page.locator("#id_title")).to_have_value("Assistant(e) logistique internationale")


def test_editor_edits_a_mission_reads_the_history_and_restores(site, open_page):
    mission = Mission.objects.filter(block__career__slug=SLUG)
    mission = mission.select_related("block").order_by("block__position", "position").first()
    page, problems = open_page()
    # Django's admin templates name no icon, so Chromium asks for /favicon.ico.
    problems.ignored_urls.add(f"{site}/favicon.ico")
    log_in_as_editor(page, site)

    page.goto(f"{site}/admin/careers/missionblock/{mission.block_id}/change/")
    text = page.locator("textarea[name='missions-0-text'], input[name='missions-0-text']")
    expect(text).to_have_value(mission.text)
    text.fill(EDITED)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié")

    page.goto(f"{site}/metiers/{SLUG}/")
    expect(page.locator("#contenu")).to_contain_text(EDITED)

    open_career_in_the_admin(page, site)
    page.get_by_role("link", name="Historique").click()
    history = page.locator("#change-history")
    imported = history.locator("tbody tr", has_text="État importé")
    expect(imported).to_contain_text("assistant-logistique-internationale.txt")
    expect(history.locator("tbody tr", has_text="redac")).to_contain_text("missions : +1 −1")
    screenshot(page, "editeur-historique")

    imported.get_by_role("link").click()
    expect(page.get_by_text("« Restaurer cette version » la remet en place")).to_be_visible()
    screenshot(page, "editeur-version-a-restaurer")
    page.get_by_role("button", name="Restaurer cette version").first.click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié")

    page.goto(f"{site}/metiers/{SLUG}/")
    expect(page.locator("#contenu")).to_contain_text(mission.text)
    expect(page.locator("#contenu")).not_to_contain_text(EDITED)
    assert not problems.messages, problems.messages


def test_editor_imports_a_sheet_after_reading_the_dry_run(site, open_page):
    page, problems = open_page()
    problems.ignored_urls.add(f"{site}/favicon.ico")
    log_in_as_editor(page, site)

    page.goto(f"{site}/admin/careers/career/")
    page.get_by_role("link", name="Importer une fiche").click()
    expect(page.get_by_role("heading", name="Importer une fiche", level=1)).to_be_visible()
    page.get_by_label("Fiche métier").set_input_files(
        files=[{"name": "cariste-export.txt", "mimeType": "text/plain", "buffer": SHEET.encode()}]
    )
    screenshot(page, "editeur-import")
    page.get_by_role("button", name="Vérifier le fichier").click()

    report = page.locator("#import-report")
    expect(report).to_contain_text("Fiche /metiers/cariste-export/ : serait créée")
    expect(report.get_by_role("row", name=re.compile(r"^missions 2 0"))).to_be_visible()
    expect(page.get_by_text("rien n'a encore été enregistré")).to_be_visible()
    screenshot(page, "editeur-import-verification")
    page.get_by_role("button", name="Confirmer l'import").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Import de cariste-export.txt : Cariste export (cariste-export) : créée"
    )
    expect(page.locator("#id_title")).to_have_value("Cariste export")
    page.goto(f"{site}/metiers/cariste-export/")
    expect(page.locator("#contenu")).to_contain_text("Vérifier l'arrimage des palettes")
    assert not problems.messages, problems.messages


def test_editor_previews_an_unpublished_career(site, open_page):
    page, problems = open_page()
    problems.ignored_urls.add(f"{site}/favicon.ico")
    log_in_as_editor(page, site)
    open_career_in_the_admin(page, site)
    page.get_by_label("Publiée").uncheck()
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié")

    page.get_by_role("link", name="Aperçu (non publiée)").click()

    expect(page).to_have_url(f"{site}/metiers/{SLUG}/")
    expect(page.get_by_role("status")).to_contain_text("Aperçu : cette fiche n'est pas publiée.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Assistant(e) logistique internationale"
    )
    screenshot(page, "editeur-apercu")
    assert not problems.messages, problems.messages

    visitor, visitor_problems = open_page()
    visitor_problems.ignored_urls.add(f"{site}/metiers/{SLUG}/")  # its 404, logged by Chromium
    assert visitor.goto(f"{site}/metiers/{SLUG}/").status == 404

    axe_page, _ = open_page(bypass_csp=True)
    log_in_as_editor(axe_page, site)
    axe_page.goto(f"{site}/metiers/{SLUG}/")
    axe_page.add_script_tag(path=AXE)
    results = axe_page.evaluate(RUN_AXE, WCAG_TAGS)
    assert results["passed"] > 10, "axe checked next to nothing: did it run?"
    assert not results["violations"], describe(results["violations"])
