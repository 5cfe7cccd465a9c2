"""Careers as data: the JSON twin of a job sheet, the list and the API, the CSV exports.

Keys are English snake_case and documented in the README ("Données ouvertes");
every key is always present, empty ("" or null or []) where the source is silent.
"""

from django.urls import reverse
from django.views.decorators.http import require_safe

from certifications.models import Certification
from core.errors import render_error
from core.opendata import (
    LIST_JOINER,
    api_page,
    csv_download,
    json_response,
    json_view,
    page_payload,
    source_payload,
)
from core.redirects import redirect_if_moved
from core.selection import SelectionProblem, parse_selection
from core.site import absolute_url

from . import sheet
from .comparison import build_comparison
from .forms import CareerFilterForm
from .models import Career, SectionKind
from .querysets import CARD_HARD_SKILLS
from .sections import BY_KIND, SPECS


def _links(career: Career) -> dict:
    return {
        "url": absolute_url(career.get_absolute_url()),
        "json_url": absolute_url(reverse("careers:json", args=[career.slug])),
        "api_url": absolute_url(reverse("api:career", args=[career.slug])),
    }


def _section(item: sheet.SheetSection, career) -> dict:
    words = item.section
    return {
        "kind": item.kind,
        "title": item.title,
        "subheading": words.subheading if words else "",
        "intro": words.intro if words else "",
        "note": words.note if words else "",
        "note_placement": "before_items" if item.note_first else "after_items",
        "items": BY_KIND[item.kind].json_items(career, absolute_url),
    }


def career_payload(career: Career, *, with_neighbours: bool = True) -> dict:
    """Everything the job sheet shows, in its order, for a career loaded `with_sheet()`.

    `with_neighbours` adds the related careers and the certifications the page
    suggests (two queries); the catalogue dump leaves these derived links out.
    """
    payload = {
        "slug": career.slug,
        "title": career.title,
        "summary": career.summary,
        **_links(career),
        "updated_at": career.updated_at,
        "rome_codes": [
            {"code": rome.rome_code.code, "label": rome.rome_code.label}
            for rome in career.ordered_romes
        ],
        "source": source_payload(career.dataset),
        "sections": [_section(item, career) for item in sheet.sheet_sections(career)],
    }
    if with_neighbours:
        related = Career.objects.published().sharing_skills_with(career)[:4]
        levels = sheet.certification_levels(career)
        codes = [rome.rome_code.code for rome in career.ordered_romes]
        by_rome = Certification.objects.published().naming_rome(codes) if codes else []
        certifications = Certification.objects.published().at_levels(levels)
        payload["related_careers"] = [
            {
                "slug": other.slug,
                "title": other.title,
                "shared_count": other.shared_count,
                "url": absolute_url(other.get_absolute_url()),
            }
            for other in related
        ]
        payload["certifications_by_rome"] = [
            certification_link(certification) for certification in by_rome
        ]
        payload["certifications"] = [
            certification_link(certification) for certification in certifications
        ]
    return payload


def certification_link(certification: Certification) -> dict:
    """A certification as the pages that suggest it list it."""
    return {
        "slug": certification.slug,
        "kind": certification.kind,
        "code": certification.code,
        "title": certification.title,
        "level": certification.level,
        "url": absolute_url(certification.get_absolute_url()),
    }


def career_summary(career: Career) -> dict:
    """A list card: for careers from `CareerQuerySet.for_cards()`."""
    salary = None
    if career.starting_salary_min is not None:
        salary = {"min_eur": career.starting_salary_min, "max_eur": career.starting_salary_max}
    return {
        "slug": career.slug,
        "title": career.title,
        "summary": career.summary,
        **_links(career),
        "starting_salary": salary,
        "top_hard_skills": [
            {"slug": link.skill.slug, "name": link.skill.name, "score": link.score}
            for link in career.top_hard_skills[:CARD_HARD_SKILLS]
        ],
    }


# --- Views ------------------------------------------------------------------------------------


@json_view
def career_detail_json(request, slug):
    """`/metiers/<slug>.json` and `/api/v1/metiers/<slug>/`: the whole sheet."""
    careers = Career.objects.published().select_related("dataset").with_sheet()
    career = careers.filter(slug=slug).first()
    if career is None:
        # A slug changed since: the same resource at its new address.
        return redirect_if_moved(
            Career.objects.published(), slug, url_of=lambda moved: _json_url(request, moved)
        )
    return json_response(career_payload(career))


def _json_url(request, career: Career) -> str:
    """This same kind of address (page twin or API) for `career`."""
    name = "api:career" if request.path.startswith("/api/") else "careers:json"
    return reverse(name, args=[career.slug])


def career_list_json(request, page, *, notices: list[str]):
    """The list page's twin (`?format=json`), from the page the list view built."""
    results = [career_summary(career) for career in page.object_list]
    return json_response(page_payload(request, page, results, ignored_parameters=notices))


@json_view
def api_career_list(request):
    """The list's filters and sort (same query string as /metiers/), `page` and `page_size`."""
    form = CareerFilterForm(request.GET)
    form.is_valid()
    careers = Career.objects.published().filter_by(**form.filters()).sort_by(form.sort).for_cards()
    page = api_page(request, careers)
    return career_list_json(request, page, notices=form.notices())


# --- The whole catalogue, for the open-data downloads -----------------------------------------


def published_sheets(chunk_size: int):
    # iterator() with a chunk size runs the sheet's prefetches once per chunk.
    careers = Career.objects.published().select_related("dataset").order_by("title", "pk")
    return careers.with_sheet().iterator(chunk_size)


def catalogue_items(*, chunk_size: int):
    for career in published_sheets(chunk_size):
        yield career_payload(career, with_neighbours=False)


# Each section declares its own columns (careers.sections), in page order.
CATALOGUE_COLUMNS = [
    "slug",
    "title",
    "summary",
    "url",
    "updated_at",
    "source",
    "rome_codes",
    *(name for spec in SPECS for name, _value in spec.csv_columns),
]


def catalogue_row(career: Career) -> list:
    return [
        career.slug,
        career.title,
        career.summary,
        absolute_url(career.get_absolute_url()),
        career.updated_at.isoformat(),
        str(career.dataset or ""),
        LIST_JOINER.join(rome.rome_code.code for rome in career.ordered_romes),
        *(value(career) for spec in SPECS for _name, value in spec.csv_columns),
    ]


def catalogue_rows(*, chunk_size: int):
    for career in published_sheets(chunk_size):
        yield catalogue_row(career)


# --- The comparison as a spreadsheet ----------------------------------------------------------


def _mark(link) -> str:
    if link is None:
        return ""
    return "oui (compétence clé)" if link.is_core else "oui"


def _tool_mark(cell) -> str:
    if cell.listed:
        return "oui"
    if cell.elsewhere:
        family = cell.other_family.name if cell.other_family else "Autres outils"
        return f"oui, dans « {family} »"
    return ""


def _education_mark(level) -> str:
    if level is None:
        return ""
    text = level.level_label or "oui"
    return f"{text} ({level.ects} crédits ECTS)" if level.ects else text


def comparison_rows(comparison) -> list[list]:
    """The comparison table, one row per line of the page, one column per career."""
    rows = []
    for row in comparison.fulfilment:
        values = ["" if value is None else value for value in row.values]
        rows.append(["Profil d'épanouissement (%)", row.label, *values])
    for row in comparison.salary:
        label = f"{row.label} ({row.experience})" if row.experience else row.label
        rows.append(
            ["Salaire minimum (€)", label, *(band.min_eur if band else "" for band in row.cells)]
        )
        rows.append(
            ["Salaire maximum (€)", label, *(band.max_eur if band else "" for band in row.cells)]
        )
        rows.append(
            ["Salaire : période", label, *(band.period if band else "" for band in row.cells)]
        )
    for row in comparison.hard_skills:
        cells = [
            "" if link is None else (link.score if link.score is not None else "oui")
            for link in row.cells
        ]
        rows.append(["Hard skills (score sur 100)", row.skill.name, *cells])
    for heading, skill_rows in (
        ("Soft skills", comparison.soft_skills),
        ("Contraintes", comparison.constraints),
    ):
        for row in skill_rows:
            rows.append([heading, row.skill.name, *(_mark(link) for link in row.cells)])
    for group in comparison.tools:
        family = group.family.name if group.family else "Autres outils"
        for row in group.rows:
            rows.append([f"Outils : {family}", row.skill.name, *map(_tool_mark, row.cells)])
    for vocabulary in comparison.vocabularies:
        for row in (*vocabulary.common, *vocabulary.own):
            rows.append([vocabulary.spec.label, row.skill.name, *map(_mark, row.cells)])
    for row in comparison.education:
        rows.append(["Formations", row.label, *map(_education_mark, row.cells)])
    rows.append(
        [
            "Expérience professionnelle",
            "",
            *("\n".join(path.title for path in paths) for paths in comparison.experience),
        ]
    )
    rows.append(
        [
            SectionKind.EVOLUTION.label,
            "",
            *("\n\n".join(paragraphs) for paragraphs in comparison.evolution),
        ]
    )
    for row in comparison.missions:
        counts = ["" if block is None else block.mission_count for block in row.cells]
        rows.append(["Missions (nombre)", row.label, *counts])
    if comparison.missions:
        rows.append(["Missions (nombre)", "Total", *comparison.mission_totals])
    return rows


@require_safe
def comparison_csv(request):
    """`/comparer/export.csv?metiers=a,b`: the comparison table for a spreadsheet."""
    selection = parse_selection(request.GET.getlist("metiers"))
    if selection.problem != SelectionProblem.NONE:
        return _bad_selection(request, 400, "Indiquez de 1 à 4 métiers : ?metiers=a,b.")
    found = {
        career.slug: career
        for career in Career.objects.published().filter(slug__in=selection.tokens).for_comparison()
    }
    missing = [slug for slug in selection.tokens if slug not in found]
    if missing:
        return _bad_selection(request, 404, "Introuvable : " + ", ".join(missing) + ".")
    comparison = build_comparison([found[slug] for slug in selection.tokens])
    header = ["Rubrique", "Élément", *(column.career.title for column in comparison.columns)]
    return csv_download(header, comparison_rows(comparison), "comparaison-metiers.csv")


def _bad_selection(request, status: int, detail: str):
    message = "La comparaison demandée ne peut pas être exportée."
    return render_error(request, status, "Export impossible", message, detail)
