"""A student finds careers from what they have, reads one, and prepares a move, in a real
browser: with htmx updating the results as the form changes, and without JavaScript."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import tab_to
from .test_flows import JAVASCRIPT, LOGISTICS, RELATIONS

pytestmark = pytest.mark.e2e


def results_title(page: Page):
    return page.locator("#results-title")


@JAVASCRIPT
def test_student_goes_from_home_to_a_ranked_list_a_sheet_and_a_move(site, open_page, javascript):
    page, problems = open_page(javascript=javascript)
    page.goto(f"{site}/")
    page.locator("#contenu").get_by_role("link", name="Trouver mon métier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver mon métier")
    expect(results_title(page)).to_have_text("Pour commencer")

    skills = page.locator("fieldset.picker").first
    skills.get_by_label("Chercher une compétence").fill("logistique")
    if not javascript:
        skills.get_by_role("button", name=re.compile("^Chercher")).click()
    skills.get_by_role("checkbox", name="Chaîne logistique").check()
    skills.get_by_label("Chercher une compétence").fill("stocks")
    if not javascript:
        skills.get_by_role("button", name=re.compile("^Chercher")).click()
    skills.get_by_role("checkbox", name="Gestion des stocks").check()
    page.locator("#qualite_de_vie-3").check()
    if not javascript:
        page.get_by_role("button", name="Mettre à jour les résultats").click()

    expect(results_title(page)).to_have_text("1 métier classé")
    expect(page).to_have_url(re.compile(r"competence=chaine-logistique.*gestion-des-stocks"))
    expect(page.locator(".fit").first).to_contain_text("Compétences (coefficient 4)")
    expect(page.locator(".fit").first).to_contain_text("Chaîne logistique (90/100)")

    # The address is the profile: opened afresh, it shows the same ranking.
    page.goto(page.url)
    expect(results_title(page)).to_have_text("1 métier classé")

    page.locator("#results").get_by_role("link", name=LOGISTICS, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LOGISTICS)
    page.get_by_role("link", name=f"Passer de ce métier à celui-ci : {RELATIONS}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Passer de {LOGISTICS} à {RELATIONS}"
    )
    expect(page.locator("#acquerir")).to_contain_text("Gestion de projet (92/100)")
    assert not problems.messages, problems.messages


def test_the_profile_form_works_with_the_keyboard_alone(site, open_page):
    page, problems = open_page()
    page.goto(f"{site}/orientation/")

    tab_to(page, r"^input#id_chercher:")
    page.keyboard.type("stocks")
    expect(page.locator("#choix-competence")).to_contain_text("Gestion des stocks")
    tab_to(page, r"^input#competence-gestion-des-stocks")
    page.keyboard.press("Space")
    expect(results_title(page)).to_have_text("1 métier classé")
    tab_to(page, rf"^a#: {re.escape(LOGISTICS)}$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(LOGISTICS)
    assert not problems.messages, problems.messages
