"""Every statement of the five source documents reaches a reader, on the rendered pages.

The catalogue is loaded once (`manage.py load_catalog`), every page is fetched and
reduced to the text a reader sees: no <head>, <script>, <style>, SVG (a chart's
words must also be in the page's HTML) or visually hidden element. Then each line
of each source must be found in that text — job sheets in the source's order.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils.text import slugify

from careers.jobsheet import read_jobsheet
from careers.sections.skills import ConstraintsSection, SoftSkillsSection
from skills.models import Skill, SkillKind
from tests.conftest import load_catalogue

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
JOBSHEETS = sorted((FIXTURES / "jobsheets").glob("*.txt"))
CERTIFICATIONS = sorted((FIXTURES / "certifications").glob("*.json"))

# --- What a reader sees ---------------------------------------------------------------

HIDDEN_TAGS = {"head", "script", "style", "template", "svg", "noscript"}
VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Tags whose edges separate words; inline tags (a, span, strong…) do not.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip


class VisibleText(HTMLParser):
    """The words of a page as a sighted reader gets them, one space between blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []
        self.hidden_from: int | None = None  # depth of the outermost hidden element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        if tag in VOID_TAGS:
            return
        self.open.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        hidden = tag in HIDDEN_TAGS or "visually-hidden" in classes or "hidden" in dict(attrs)
        if hidden and self.hidden_from is None:
            self.hidden_from = len(self.open)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            if self.hidden_from is not None and len(self.open) < self.hidden_from:
                self.hidden_from = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.hidden_from is None:
            self.parts.append(data)


def typographic(text: str) -> str:
    """One space between words; "22 000 €" → "22000€", "65 %" → "65%".

    Pages follow French typography (grouped thousands, a space before % and €),
    the sources do not always: both sides are compared in this one form.
    """
    text = " ".join(text.split())
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)
    return re.sub(r" (?=[%€])", "", text)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return typographic("".join(parser.parts))


@dataclass(frozen=True)
class Pages:
    careers: dict[str, str]  # source file name → page text
    certifications: dict[str, str]
    skills: dict[str, str]  # skill slug → page text


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker) -> Pages:
    """Load the catalogue, read every page, then roll everything back."""
    client = Client()

    def text(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, url
        return visible_text(response.content.decode())

    with django_db_blocker.unblock(), transaction.atomic():
        load_catalogue()
        careers = {path.name: text(f"/metiers/{slug_of(path)}/") for path in JOBSHEETS}
        certifications = {
            path.name: text(f"/certifications/{certification_slug(path)}/")
            for path in CERTIFICATIONS
        }
        quoting = Skill.objects.filter(kind__in=[SkillKind.SOFT, SkillKind.CONSTRAINT])
        skills = {skill.slug: text(skill.get_absolute_url()) for skill in quoting}
        transaction.set_rollback(True)
    return Pages(careers, certifications, skills)


def certification_slug(path: Path) -> str:
    fixture = json.loads(path.read_text(encoding="utf-8"))
    return next(
        o["fields"]["slug"] for o in fixture if o["model"] == "certifications.certification"
    )


def slug_of(path: Path) -> str:
    return slugify(path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()[0])


# --- Job sheets -------------------------------------------------------------------------

BULLET = re.compile(r"^•\s*")
PROFILE_HEADING = "Profil d'épanouissement"
SCORE_LINE = re.compile(r"^(?P<score>\d+) \| (?P<name>.+)$")
LEVEL_LINE = re.compile(r"^(?P<label>.+?) \| \((?P<ects>\d+) crédits ECTS\)$")
BAND_LABEL = re.compile(r"^(?P<label>[^()]+?) \((?P<experience>[^()]+)\)$")
ANSWER_MARKER = "Réponse :"


def statements(path: Path) -> list[tuple[str, str]]:
    """(section, line) for every line of a job sheet the page must show, in order.

    Left out, as the importer is allowed to drop them: blank lines, the `#SECTION`
    markers, the career title printed again under each section heading and the
    second copy of the fulfilment profile.
    """
    lines = [
        " ".join(BULLET.sub("", line.strip()).split())
        for line in path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    ]
    lines = [line for line in lines if line]
    title = lines[0]
    kept: list[tuple[str, str]] = []
    section = "(en-tête)"
    profile_copies = 0
    since_marker = 0
    for line in lines:
        if line.startswith("#"):
            section, since_marker = line, 0
            continue
        since_marker += 1
        if line == PROFILE_HEADING and section == "(en-tête)":
            profile_copies += 1
        if profile_copies > 1 and section == "(en-tête)":
            continue
        if since_marker == 2 and line == title and section != "(en-tête)":
            continue
        if not allowed_to_drop(kept, section, line):
            kept.append((section, line))
    return kept


def allowed_to_drop(kept: list[tuple[str, str]], section: str, line: str) -> bool:
    """The allow-list: source lines that are layout, not statements."""
    # "Réponse :" alone on its line only marks where a FAQ answer starts; the page
    # shows each answer under its question.
    if section == "#FAQ" and line == ANSWER_MARKER:
        return True
    # A line printed again in #OUTILS is a tool family's name repeated after its
    # tools, as the heading of the family's description: the page shows it once.
    return section == "#OUTILS" and (section, line) in kept


def page_form(section: str, line: str) -> str:
    """What the page prints for a source line.

    The page writes a few lines in its own form, with the same words and numbers:
    "90 | Chaîne logistique" as "Chaîne logistique 90/100", "BAC +2 | (120 crédits
    ECTS)" as "BAC +2 · 120 crédits ECTS", "DÉBUTANT (- de 3ans)" as two cells of the
    salary table. Amounts and percents are compared in the `typographic` form, so
    "De 22000€ à 26000€" is found as printed.
    """
    if section == "#HARDSKILLS" and (score := SCORE_LINE.match(line)):
        return f"{score['name']} {score['score']}/100"
    if level := LEVEL_LINE.match(line):
        return f"{level['label']} · {level['ects']} crédits ECTS"
    if section.startswith("#SALAIRE") and (band := BAND_LABEL.match(line)):
        return f"{band['label']} {band['experience']}"  # the "Niveau", "Expérience" cells
    if section == "#FAQ" and line.startswith(ANSWER_MARKER):  # "Réponse : text"
        return line.removeprefix(ANSWER_MARKER).strip()
    return typographic(line)


def missing_from(page: str, lines: list[tuple[str, str]]) -> list[str]:
    """The lines not found, or found only before the previous line: "section: line"."""
    problems = []
    cursor = 0
    for section, line in lines:
        form = page_form(section, line)
        found = page.find(form, cursor)
        if found >= 0:
            cursor = found + len(form)
        elif form in page:
            problems.append(f"{section}: hors d'ordre : {line}")
        else:
            problems.append(f"{section}: absente : {line}")
    return problems


@pytest.mark.parametrize("path", JOBSHEETS, ids=lambda path: path.stem)
def test_every_line_of_the_job_sheet_is_on_its_page_in_order(pages, path):
    lines = statements(path)
    assert len(lines) > 100  # the reading of the source found its lines

    problems = missing_from(pages.careers[path.name], lines)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", JOBSHEETS, ids=lambda path: path.stem)
def test_only_layout_lines_are_left_out_of_the_check(path):
    sheet = read_jobsheet(path)
    every_line = Counter(
        " ".join(BULLET.sub("", line.strip()).split())
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    left_out = every_line - Counter(line for _, line in statements(path))
    profile = (
        {PROFILE_HEADING}
        | {f"{dimension.label} {dimension.percent}%" for dimension in sheet.profile.dimensions}
        | {dimension.hint for dimension in sheet.profile.dimensions}
    )
    families = {
        family.name for section in sheet.sections for family in getattr(section, "families", ())
    }
    layout = {"", sheet.title, ANSWER_MARKER} | profile | families

    assert {line for line in left_out if not line.startswith("#")} <= layout


@pytest.mark.parametrize("path", JOBSHEETS, ids=lambda path: path.stem)
def test_each_soft_skill_and_constraint_page_quotes_what_the_career_says(pages, path):
    sheet = read_jobsheet(path)
    kinds = {SoftSkillsSection: SkillKind.SOFT, ConstraintsSection: SkillKind.CONSTRAINT}
    problems = []
    checked = 0
    for section in sheet.sections:
        kind = kinds.get(type(section))
        if kind is None:
            continue
        items = section.skills if kind == SkillKind.SOFT else section.constraints
        for item in items:
            slug = skill_slug(pages, kind, item.name)
            page = pages.skills[slug]
            for line in [sheet.title, *item.description.splitlines()]:
                if line.strip() and typographic(line) not in page:
                    problems.append(f"{item.name} ({slug}): absente : {line[:80]}")
            checked += 1

    assert checked >= 10
    assert not problems, "\n".join(problems)


def skill_slug(pages: Pages, kind: str, name: str) -> str:
    """The page of the vocabulary item: its slug, suffixed with its kind if taken."""
    for slug in (slugify(name), f"{slugify(name)}-{kind}"):
        if slug in pages.skills and typographic(name) in pages.skills[slug]:
            return slug
    raise AssertionError(f"no page for {name!r} ({kind})")


# --- Certifications ----------------------------------------------------------------------

# Fixture fields that are no statement of the document: identifiers and the
# normalised search copy.
NOT_STATEMENTS = {"slug", "kind", "search_text"}


def fixture_lines(path: Path) -> list[tuple[str, str]]:
    """(model.field, line) for every line of every text field of a certification fixture."""
    lines = []
    for obj in json.loads(path.read_text(encoding="utf-8")):
        for name, value in obj["fields"].items():
            if not isinstance(value, str) or name in NOT_STATEMENTS:
                continue
            for line in value.splitlines():
                # A "- " line is shown as a list item, without its dash.
                text = line.strip().removeprefix("- ")
                if text.strip():
                    lines.append((f"{obj['model']}.{name}", text))
    return lines


@pytest.mark.parametrize("path", CERTIFICATIONS, ids=lambda path: path.stem)
def test_every_line_of_the_certification_is_on_its_page(pages, path):
    page = pages.certifications[path.name]
    lines = fixture_lines(path)
    assert len(lines) > 20

    problems = [f"{field}: {line}" for field, line in lines if typographic(line) not in page]

    assert not problems, "\n".join(problems)


# --- The text reduction itself -------------------------------------------------------------


def test_visible_text_leaves_out_what_a_reader_does_not_see():
    html = (
        "<html><head><title>Titre</title></head><body><p>Un&nbsp;:<a href='#'>lien</a>.</p>"
        "<svg><title>Graphique</title><text>12</text></svg>"
        "<span class='visually-hidden'>caché <b>aussi</b></span><br>"
        "<table><tr><th>Qualité de vie</th><td>65&#8239;%</td></tr></table>"
        "<script>var x = 1;</script><p>22&#8239;000&nbsp;€</p></body></html>"
    )

    assert visible_text(html) == "Un :lien. Qualité de vie 65% 22000€"
