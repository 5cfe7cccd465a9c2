"""Reading the job sheet, a certification and the comparison as a student would: on a phone
(375 × 667) and on a desk (1280 × 800).

The sheet is short with its long parts folded, says the key facts on the first screen,
keeps a way to the other sections on screen at any depth, draws no text under 12 px
(chart words included), shows every statement of its source once unfolded, passes axe
in both colour schemes, folded and unfolded, and works without JavaScript.
"""

import re

import pytest

from tests.test_faithfulness import JOBSHEETS, missing_from, statements, typographic

from .conftest import AXE, screenshot
from .test_accessibility import PAGES, RUN_AXE, WCAG_TAGS, describe

pytestmark = pytest.mark.e2e

SHEET = PAGES["fiche-metier"]
SOURCE = next(path for path in JOBSHEETS if path.stem == "assistant-logistique-internationale")
SCREENS = {"mobile": (375, 667), "desktop": (1280, 800)}
MAX_PHONE_HEIGHT = 12_000
SMALLEST_TEXT_PX = 12
MAX_PRINTED_PAGES = 16

# Every piece of text a reader sees, with the size it is drawn at: an SVG's words are
# scaled with their chart (getScreenCTM), HTML text is drawn at its computed size.
# Text that is not rendered (a folded part, display: none) and visually hidden text
# (for screen readers) is left out.
DRAWN_TEXT = """() => {
    const seen = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || !el || el.closest(".visually-hidden, title, script, style")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden") continue;
        let size = parseFloat(style.fontSize);
        const svg = el.closest("svg");
        if (svg) {
            const matrix = svg.getScreenCTM();
            size *= Math.hypot(matrix.a, matrix.b);
        }
        seen.push({text: text.slice(0, 40), size: Math.round(size * 10) / 10, tag: el.tagName});
    }
    return seen;
}"""
UNFOLD = "() => document.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; })"


def open_sheet(open_page, site, screen: str, **options):
    width, height = SCREENS[screen]
    page, problems = open_page(width=width, height=height, **options)
    response = page.goto(site + SHEET)
    assert response.status == 200
    return page, problems


def too_small(page) -> list[dict]:
    return [item for item in page.evaluate(DRAWN_TEXT) if item["size"] < SMALLEST_TEXT_PX]


def height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_the_folded_sheet_is_short_on_a_phone(site, open_page):
    page, problems = open_sheet(open_page, site, "mobile")
    screenshot(page, "lecture-fiche-375")
    assert height(page) <= MAX_PHONE_HEIGHT
    assert not problems.messages, problems.messages


@pytest.mark.parametrize("screen", SCREENS)
def test_the_starting_salary_and_a_study_level_are_on_the_first_screen(site, open_page, screen):
    page, _ = open_sheet(open_page, site, screen)
    _, screen_height = SCREENS[screen]
    brief = page.locator(".brief")
    for fact in (brief.locator(".fact-salaire"), brief.locator(".fact-formation")):
        box = fact.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= screen_height, box
    assert "22000€ à 26000€" in typographic(brief.locator(".fact-salaire").inner_text())
    assert "BAC +2" in brief.locator(".fact-formation").inner_text()
    # Each fact leads to its section.
    for href in brief.locator("a").evaluate_all("links => links.map((a) => a.hash)"):
        assert page.locator(href).count() == 1, href


@pytest.mark.parametrize("screen", SCREENS)
def test_the_other_sections_are_one_tap_away_at_any_depth(site, open_page, screen):
    page, _ = open_sheet(open_page, site, screen)
    _, screen_height = SCREENS[screen]
    for depth in (0.3, 0.6, 0.9):
        page.evaluate(
            "(depth) => window.scrollTo(0, (document.documentElement.scrollHeight"
            " - window.innerHeight) * depth)",
            depth,
        )
        links = page.locator(".sheet-toc a")
        on_screen = [
            box
            for box in (links.nth(i).bounding_box() for i in range(links.count()))
            if box and box["y"] >= 0 and box["y"] + box["height"] <= screen_height
        ]
        assert len(on_screen) >= 1, f"no section link on screen at {depth:.0%}"
    # A link of the bar takes the reader there.
    target = page.locator(".sheet-toc a[href='#faq']")
    target.scroll_into_view_if_needed()
    target.click()
    page.wait_for_function("location.hash === '#faq'")
    box = page.locator("#faq h2").bounding_box()
    assert 0 <= box["y"] < screen_height


@pytest.mark.parametrize("screen", SCREENS)
def test_no_text_is_drawn_under_12_px(site, open_page, screen):
    page, _ = open_sheet(open_page, site, screen)
    assert not too_small(page), too_small(page)[:10]
    page.evaluate(UNFOLD)
    assert not too_small(page), too_small(page)[:10]


@pytest.mark.parametrize("url", [PAGES["certification"], PAGES["comparaison"], "/metiers/"])
def test_no_text_under_12_px_on_the_other_pages_of_a_phone(site, open_page, url):
    page, _ = open_page(width=375, height=667)
    page.goto(site + url)
    page.evaluate(UNFOLD)
    assert not too_small(page), too_small(page)[:10]


def test_touch_targets_are_at_least_24_px(site, open_page):
    page, _ = open_sheet(open_page, site, "mobile")
    small = page.evaluate(
        """() => [...document.querySelectorAll('main summary, main button, .sheet-toc a,'
            + ' .brief a, .site-header a, .site-header button')]
            .map((el) => ({text: el.textContent.trim().slice(0, 30),
                           box: el.getBoundingClientRect()}))
            .filter(({box}) => box.width > 0 && (box.width < 24 || box.height < 24))
            .map(({text, box}) => `${text}: ${box.width}×${box.height}`)"""
    )
    assert not small, small


@pytest.mark.parametrize("screen", SCREENS)
def test_unfolding_shows_every_statement_of_the_source(site, open_page, screen):
    page, _ = open_sheet(open_page, site, screen)
    folded = page.locator("details:not([open]) > summary")
    assert folded.count() >= 8, "the long parts should be folded"
    # As a reader would: one tap on each "Voir les N autres …", "Lire la suite", "Voir les
    # données" and question of the FAQ, the outer ones first.
    for _ in range(100):
        if not folded.count():
            break
        folded.first.click()
    assert page.locator("details:not([open])").count() == 0
    text = typographic(page.locator("main").inner_text())
    problems = missing_from(text, statements(SOURCE))
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("scheme", ["clair", "sombre"])
def test_axe_finds_nothing_folded_or_unfolded(site, open_page, screen, scheme):
    width, height_ = SCREENS[screen]
    page, _ = open_page(width=width, height=height_, bypass_csp=True, dark=scheme == "sombre")
    page.goto(site + SHEET)
    page.add_script_tag(path=AXE)
    for state in ("replié", "déplié"):
        if state == "déplié":
            page.evaluate(UNFOLD)
        results = page.evaluate(RUN_AXE, WCAG_TAGS)
        assert results["passed"] > 10
        assert not results["violations"], f"{state}, {scheme}:\n{describe(results['violations'])}"


@pytest.mark.parametrize("url", [PAGES["certification"], PAGES["comparaison"], "/metiers/"])
def test_the_other_pages_pass_axe_in_the_dark_scheme(site, open_page, url):
    page, _ = open_page(width=375, height=667, bypass_csp=True, dark=True)
    page.goto(site + url)
    screenshot(page, f"sombre-{url}")
    page.add_script_tag(path=AXE)
    results = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not results["violations"], describe(results["violations"])


@pytest.mark.parametrize("screen", SCREENS)
def test_the_sheet_works_without_javascript(site, open_page, screen):
    page, problems = open_sheet(open_page, site, screen, javascript=False)
    if screen == "mobile":
        assert height(page) <= MAX_PHONE_HEIGHT
    assert page.locator(".brief .fact-salaire").is_visible()
    more = page.locator("#missions details.more:not(.more-text) > summary")
    hidden = page.locator("#missions details.more:not(.more-text) li").first
    assert not hidden.is_visible()
    more.click()
    assert hidden.is_visible()
    page.locator(".sheet-toc a[href='#salaire']").click()
    assert page.url.endswith("#salaire")
    assert not problems.messages, problems.messages


def test_the_sheet_prints_everything_unfolded_without_menus(site, open_page):
    page, _ = open_sheet(open_page, site, "desktop")
    page.emulate_media(media="print")
    assert page.locator("#missions details.more li").first.is_visible()
    assert page.locator(".chart-data").first.is_visible()
    assert not page.locator(".sheet-toc").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".more-summary").first.is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 0 < pages <= MAX_PRINTED_PAGES, pages
