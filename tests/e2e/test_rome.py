"""A student looks for a job title ROME knows: the suggestion names it, and leads to its fiche."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [375, 1280])
def test_an_appellation_typed_in_search_leads_to_its_fiche(rome_site, open_page, width):
    page, problems = open_page(width=width)
    page.goto(rome_site + "/recherche/")

    page.locator("#search-q").fill("cheffe de quai")  # the page's box, not the header's
    suggestion = page.locator("#search-suggestions li").first
    suggestion.get_by_role("link", name="Chef / Cheffe de quai").wait_for()
    assert "fiche Intervention technique d'exploitation logistique" in suggestion.inner_text()
    suggestion.get_by_role("link", name="Chef / Cheffe de quai").click()

    page.wait_for_url("**/metiers/intervention-technique-dexploitation-logistique/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Intervention technique d'exploitation logistique"
    )
    assert page.get_by_text("Source : France Travail, ROME 4.0").is_visible()
    assert not problems.messages, "\n".join(problems.messages)
