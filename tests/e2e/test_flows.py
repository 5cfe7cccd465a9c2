"""What students, advisors and admins do, in a real browser.

The student and advisor flows run with JavaScript (htmx swaps) and without
(plain links and forms), and once more with the keyboard alone.
"""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from careers.models import Mission

from .conftest import tab_to

pytestmark = pytest.mark.e2e

LOGISTICS = "Assistant(e) logistique internationale"
RELATIONS = "Chargé(e) de mission relations internationales"
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "sans-js"])


def results_count(page: Page):
    return page.locator("#results-count")


def submit_filters(page: Page, javascript: bool) -> None:
    """With JavaScript a change refreshes the results by itself; without, submit."""
    if not javascript:
        page.locator("#filtres").get_by_role("button", name="Appliquer les filtres").click()


@JAVASCRIPT
def test_student_searches_filters_and_reads_a_sheet(site, open_page, javascript):
    page, problems = open_page(javascript=javascript)
    page.goto(f"{site}/metiers/")
    expect(results_count(page)).to_have_text(re.compile(r"^2 métiers"))

    page.get_by_label("Rechercher un métier", exact=True).fill("incoterms")
    page.locator("#filtres").get_by_role("button", name="Rechercher", exact=True).click()
    expect(results_count(page)).to_have_text(re.compile(r"^1 métier\b"))
    expect(page).to_have_url(re.compile(r"q=incoterms"))

    page.get_by_label("Rechercher un métier", exact=True).fill("")
    page.locator("#filtres").get_by_role("button", name="Rechercher", exact=True).click()
    expect(results_count(page)).to_have_text(re.compile(r"^2 métiers"))
    soft_skills = page.locator("details.facet", has=page.locator("summary", has_text="Soft"))
    if soft_skills.get_attribute("open") is None:
        soft_skills.locator("summary").click()
    # "Rigueur" is not among the eight most frequent: the group opens whole (htmx swaps it
    # in; without JavaScript the link loads the page with ?tout=soft).
    soft_skills.get_by_role("link", name=re.compile(r"^Afficher tout")).click()
    expect(page).to_have_url(re.compile(r"tout=soft"))
    soft_skills.get_by_role("checkbox", name=re.compile(r"^Rigueur")).check()
    submit_filters(page, javascript)
    expect(results_count(page)).to_have_text(re.compile(r"^1 métier\b"))
    expect(page).to_have_url(re.compile(r"soft=rigueur"))

    page.locator("#results").get_by_role("link", name=LOGISTICS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LOGISTICS)

    faq = page.locator("details.faq").first
    faq.locator("summary").click()
    expect(faq).to_have_attribute("open", "")
    expect(faq.locator("p").first).to_be_visible()

    page.locator("#contenu").get_by_role("link", name="Rigueur", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/competences/rigueur/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rigueur")
    expect(page.locator("#contenu").get_by_role("link", name=LOGISTICS)).to_be_visible()
    assert not problems.messages, problems.messages


@JAVASCRIPT
def test_advisor_compares_two_careers(site, open_page, javascript):
    page, problems = open_page(javascript=javascript)
    page.goto(f"{site}/metiers/")
    for count, title in enumerate((LOGISTICS, RELATIONS), start=1):
        page.get_by_role("button", name=f"Ajouter à la comparaison : {title}").click()
        expect(page.locator("#tray")).to_contain_text(f"{count} métier")
        expect(page.get_by_text(f"« {title} » a été ajouté")).to_be_visible()
    expect(page.locator("#tray")).to_contain_text("2 métiers sur 4")

    page.locator("#tray").get_by_role("link", name="Comparer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparaison de métiers")
    expect(page).to_have_url(re.compile(r"/comparer/\?metiers="))
    for title in (LOGISTICS, RELATIONS):
        expect(page.locator("#contenu").get_by_role("link", name=title).first).to_be_visible()
    assert not problems.messages, problems.messages


def test_student_and_advisor_with_the_keyboard_alone(site, open_page):
    page, problems = open_page()
    page.goto(f"{site}/metiers/")

    tab_to(page, r"^input#id_q:")
    page.keyboard.type("incoterms")
    page.keyboard.press("Enter")
    expect(results_count(page)).to_have_text(re.compile(r"^1 métier\b"))

    tab_to(page, rf"^a#: {re.escape(LOGISTICS)}$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(LOGISTICS)

    tab_to(page, r"^summary#: Quelle")
    page.keyboard.press("Space")
    expect(page.locator("details.faq").first).to_have_attribute("open", "")
    tab_to(page, r"^a#: Rigueur$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rigueur")

    # The advisor: back to the list, both careers into the tray, then the comparison.
    page.goto(f"{site}/metiers/")
    for count, title in enumerate((LOGISTICS, RELATIONS), start=1):
        tab_to(page, rf"^button#: Ajouter à la comparaison\s*: {re.escape(title)}$")
        page.keyboard.press("Enter")
        expect(page.locator("#tray")).to_contain_text(f"{count} métier")
    tab_to(page, r"^a#: Comparer$", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparaison de métiers")
    assert not problems.messages, problems.messages


def test_admin_edits_a_mission_and_the_public_sheet_shows_it(site, open_page):
    User.objects.create_superuser("chef", "chef@example.org", "motdepasse-solide-42")
    mission = Mission.objects.filter(block__career__slug="assistante-logistique-internationale")
    mission = mission.select_related("block").order_by("block__position", "position").first()
    page, problems = open_page()
    # Django's admin templates name no icon, so Chromium asks for /favicon.ico.
    problems.ignored_urls.add(f"{site}/favicon.ico")

    page.goto(f"{site}/admin/")
    page.get_by_label("Nom d’utilisateur").fill("chef")
    page.get_by_label("Mot de passe").fill("motdepasse-solide-42")
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("button", name="Déconnexion")).to_be_visible()

    page.goto(f"{site}/admin/careers/missionblock/{mission.block_id}/change/")
    text = page.locator("textarea[name='missions-0-text'], input[name='missions-0-text']")
    expect(text).to_have_value(mission.text)
    text.fill("Piloter les expéditions vers l'Asie (modifié)")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié")

    page.goto(f"{site}/metiers/assistante-logistique-internationale/")
    expect(page.locator("#contenu")).to_contain_text(
        "Piloter les expéditions vers l'Asie (modifié)"
    )
    expect(page.locator("#contenu")).not_to_contain_text(mission.text)
    assert not problems.messages, problems.messages
