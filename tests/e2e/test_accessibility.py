"""Every main page at 375 px and 1280 px: no axe-core WCAG 2.x A/AA violation, no console
error, no CSP violation; a screenshot of each is saved under test-results/.

axe is injected into a context that bypasses the CSP (the injected script would
be blocked otherwise); the CSP and console checks use a separate context that
enforces it, so the bypass cannot hide a violation.
"""

import pytest

from .conftest import AXE, WIDTHS, screenshot

pytestmark = pytest.mark.e2e

CAREER = "assistante-logistique-internationale"
OTHER_CAREER = "chargee-de-mission-relations-internationales"
PAGES = {
    "accueil": "/",
    "metiers": "/metiers/",
    "fiche-metier": f"/metiers/{CAREER}/",
    "comparaison": f"/comparer/?metiers={CAREER},{OTHER_CAREER}",
    "certifications": "/certifications/",
    "certification": "/certifications/rncp-14528-manager-operations-logistiques-internationales/",
    "competence": "/competences/rigueur/",
    "trouver-mon-metier": "/orientation/",
    "trouver-mon-metier-profil": (
        "/orientation/?competence=chaine-logistique&competence=gestion-des-stocks"
        "&contrainte=multilinguisme&qualite_de_vie=3&niveau=2&salaire_min=24000&chercher=gestion"
    ),
    "passer-de-a-a-b": f"/metiers/{CAREER}/vers/{OTHER_CAREER}/",
    "page-404": "/cette-page-nexiste-pas/",
}
# The pages that show ROME fiches, once imported.
ROME_PAGES = {
    "fiche-rome": "/metiers/intervention-technique-dexploitation-logistique/",
    "certification-et-fiches-rome": (
        "/certifications/rncp-14528-manager-operations-logistiques-internationales/"
    ),
    "recherche-appellation": "/recherche/?q=cheffe+de+quai",
    "metiers-appellation": "/metiers/?q=cheffe+de+quai",
    "competences-rome": "/competences/",
    "savoir-faire-rome": "/competences/?type=savoir_faire",
    "competence-rome": "/competences/planifier-lactivite-du-quai-et-repartir-les-taches/",
    "donnees-ouvertes": "/donnees-ouvertes/",
    "comparaison-rome": (
        "/comparer/?metiers=intervention-technique-dexploitation-logistique,"
        "direction-de-site-logistique"
    ),
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return {
        passed: results.passes.length,
        violations: results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + n.failureSummary),
        })),
    };
}"""


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_respects_the_csp(site, open_page, name):
    expected_status = 404 if name == "page-404" else 200
    check_page(open_page, name, site + PAGES[name], expected_status)


@pytest.mark.parametrize("name", ROME_PAGES)
def test_rome_page_is_accessible_and_respects_the_csp(rome_site, open_page, name):
    check_page(open_page, name, rome_site + ROME_PAGES[name], 200)


def check_page(open_page, name: str, url: str, expected_status: int) -> None:
    for width_name, width in WIDTHS.items():
        page, problems = open_page(width=width)
        if expected_status == 404:
            # Chromium logs the 404 of the document itself as a console error.
            problems.ignored_urls.add(url)
        response = page.goto(url)
        assert response.status == expected_status
        page.wait_for_load_state("networkidle")
        screenshot(page, f"{name}-{width}")
        assert not problems.messages, f"{name} at {width_name}: " + "\n".join(problems.messages)

        axe_page, _ = open_page(width=width, bypass_csp=True)
        axe_page.goto(url)
        axe_page.add_script_tag(path=AXE)
        results = axe_page.evaluate(RUN_AXE, WCAG_TAGS)
        assert results["passed"] > 10, "axe checked next to nothing: did it run?"
        violations = results["violations"]
        assert not violations, f"{name} at {width} px:\n{describe(violations)}"
