"""Careers as data: the JSON twin of a job sheet, the list and the API, the CSV exports.

Keys are English snake_case and documented in the README ("Données ouvertes");
every key is always present, empty ("" or null or []) where the source is silent.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from certifications.models import Certification
from config.opendata import (
    CHUNK_SIZE,
    LIST_JOINER,
    api_page,
    catalogue_head,
    csv_download,
    json_download,
    json_response,
    json_view,
    page_payload,
)
from config.views import render_error

from . import sheet
from .comparison import SelectionProblem, build_comparison, parse_selection
from .forms import CareerFilterForm
from .models import Career, Dimension, SectionKind

TOP_HARD_SKILLS = 3


def _links(career: Career, request) -> dict:
    return {
        "url": request.build_absolute_uri(career.get_absolute_url()),
        "json_url": request.build_absolute_uri(reverse("careers:json", args=[career.slug])),
        "api_url": request.build_absolute_uri(reverse("api:career", args=[career.slug])),
    }


def _skill(link, request) -> dict:
    return {
        "slug": link.skill.slug,
        "name": link.skill.name,
        "url": request.build_absolute_uri(link.skill.get_absolute_url()),
    }


# --- The sheet, section by section ------------------------------------------------------------


def _fulfilment_items(career, request) -> list[dict]:
    return [
        {
            "dimension": score.dimension,
            "label": score.get_dimension_display(),
            "percent": score.percent,
            "hint": score.hint,
        }
        for score in career.scores
    ]


def _mission_items(career, request) -> list[dict]:
    return [
        {"title": block.title, "missions": [mission.text for mission in block.missions.all()]}
        for block in career.mission_blocks
    ]


def _soft_skill_items(career, request) -> list[dict]:
    return [
        {**_skill(link, request), "description": link.description} for link in career.soft_skills
    ]


def _hard_skill_items(career, request) -> list[dict]:
    return [
        {
            **_skill(link, request),
            "score": link.score,
            "keywords": link.keywords,
            "description": link.description,
        }
        for link in career.hard_skills
    ]


def _constraint_items(career, request) -> list[dict]:
    return [
        {**_skill(link, request), "description": link.description} for link in career.constraints
    ]


def _tool_items(career, request) -> list[dict]:
    return [
        {
            "family": group.family.name,
            "family_slug": group.family.slug,
            "tools": [_skill(link, request) for link in group.ordered_tools],
            "description": group.description,
        }
        for group in career.tool_groups
    ]


def _education_items(career, request) -> list[dict]:
    return [
        {
            "name": level.name,
            "level_label": level.level_label,
            "ects": level.ects,
            "description": level.description,
            "career_text": level.career_text,
            "note": level.note,
            "programmes_label": level.programmes_label,
        }
        for level in career.educations
    ]


def _experience_items(career, request) -> list[dict]:
    return [{"title": path.title, "description": path.description} for path in career.experiences]


def _salary_items(career, request) -> list[dict]:
    return [
        {
            "label": band.label,
            "experience": band.experience,
            "min_eur": band.min_eur,
            "max_eur": band.max_eur,
            "period": band.period,
        }
        for band in career.salary_bands
    ]


def _faq_items(career, request) -> list[dict]:
    return [{"question": entry.question, "answer": entry.answer} for entry in career.faq_entries]


SECTION_ITEMS = {
    SectionKind.FULFILMENT: _fulfilment_items,
    SectionKind.MISSIONS: _mission_items,
    SectionKind.SOFT_SKILLS: _soft_skill_items,
    SectionKind.HARD_SKILLS: _hard_skill_items,
    SectionKind.EDUCATION: _education_items,
    SectionKind.EXPERIENCE: _experience_items,
    SectionKind.TOOLS: _tool_items,
    SectionKind.CONSTRAINTS: _constraint_items,
    SectionKind.SALARY: _salary_items,
    # The evolution section is all text: its intro and note.
    SectionKind.EVOLUTION: lambda career, request: [],
    SectionKind.FAQ: _faq_items,
}


def _section(item: sheet.SheetSection, career, request) -> dict:
    words = item.section
    return {
        "kind": item.kind,
        "title": item.title,
        "subheading": words.subheading if words else "",
        "intro": words.intro if words else "",
        "note": words.note if words else "",
        "note_placement": "before_items" if item.note_first else "after_items",
        "items": SECTION_ITEMS[item.kind](career, request),
    }


def career_payload(career: Career, request, *, with_neighbours: bool = True) -> dict:
    """Everything the job sheet shows, in its order, for a career loaded `with_sheet()`.

    `with_neighbours` adds the related careers and the certifications the page
    suggests (two queries); the catalogue dump leaves these derived links out.
    """
    payload = {
        "slug": career.slug,
        "title": career.title,
        "summary": career.summary,
        **_links(career, request),
        "updated_at": career.updated_at,
        "sections": [_section(item, career, request) for item in sheet.sheet_sections(career)],
    }
    if with_neighbours:
        related = Career.objects.published().sharing_skills_with(career)[:4]
        levels = sheet.certification_levels(career)
        certifications = Certification.objects.published().at_levels(levels)
        payload["related_careers"] = [
            {
                "slug": other.slug,
                "title": other.title,
                "shared_count": other.shared_count,
                "url": request.build_absolute_uri(other.get_absolute_url()),
            }
            for other in related
        ]
        payload["certifications"] = [
            {
                "slug": certification.slug,
                "kind": certification.kind,
                "code": certification.code,
                "title": certification.title,
                "level": certification.level,
                "url": request.build_absolute_uri(certification.get_absolute_url()),
            }
            for certification in certifications
        ]
    return payload


def career_summary(career: Career, request) -> dict:
    """A list card: for careers from `CareerQuerySet.for_cards()`."""
    salary = None
    if career.starting_salary_min is not None:
        salary = {"min_eur": career.starting_salary_min, "max_eur": career.starting_salary_max}
    return {
        "slug": career.slug,
        "title": career.title,
        "summary": career.summary,
        **_links(career, request),
        "starting_salary": salary,
        "top_hard_skills": [
            {"slug": link.skill.slug, "name": link.skill.name, "score": link.score}
            for link in career.top_hard_skills[:TOP_HARD_SKILLS]
        ],
    }


# --- Views ------------------------------------------------------------------------------------


@json_view
def career_detail_json(request, slug):
    """`/metiers/<slug>.json` and `/api/v1/metiers/<slug>/`: the whole sheet."""
    career = get_object_or_404(Career.objects.published().with_sheet(), slug=slug)
    return json_response(career_payload(career, request))


def career_list_json(request, page, *, notices: list[str]):
    """The list page's twin (`?format=json`), from the page the list view built."""
    results = [career_summary(career, request) for career in page.object_list]
    return json_response(page_payload(request, page, results, ignored_parameters=notices))


@json_view
def api_career_list(request):
    """The list's filters and sort (same query string as /metiers/), `page` and `page_size`."""
    form = CareerFilterForm(request.GET)
    form.is_valid()
    careers = Career.objects.published().filter_by(**form.filters()).sort_by(form.sort).for_cards()
    page = api_page(request, careers)
    return career_list_json(request, page, notices=form.notices())


# --- The whole catalogue, streamed ------------------------------------------------------------


def _published_sheets(chunk_size: int):
    # iterator() with a chunk size runs the sheet's prefetches once per chunk.
    return Career.objects.published().order_by("title", "pk").with_sheet().iterator(chunk_size)


def catalogue_items(request, *, chunk_size: int):
    for career in _published_sheets(chunk_size):
        yield career_payload(career, request, with_neighbours=False)


CATALOGUE_COLUMNS = [
    "slug",
    "title",
    "summary",
    "url",
    "updated_at",
    *(f"fulfilment_{dimension}" for dimension in Dimension.values),
    "salary_bands",
    "missions",
    "soft_skills",
    "hard_skills",
    "tools",
    "constraints",
    "education",
    "experience",
]


def _catalogue_row(career: Career, request) -> list:
    percents = {score.dimension: score.percent for score in career.scores}
    return [
        career.slug,
        career.title,
        career.summary,
        request.build_absolute_uri(career.get_absolute_url()),
        career.updated_at.isoformat(),
        *(percents.get(dimension, "") for dimension in Dimension.values),
        LIST_JOINER.join(
            f"{band.label} : {band.min_eur}-{band.max_eur} € {band.period}".strip()
            for band in career.salary_bands
        ),
        LIST_JOINER.join(
            mission.text for block in career.mission_blocks for mission in block.missions.all()
        ),
        LIST_JOINER.join(link.skill.name for link in career.soft_skills),
        LIST_JOINER.join(
            f"{link.skill.name} ({link.score})" if link.score is not None else link.skill.name
            for link in career.hard_skills
        ),
        LIST_JOINER.join(
            link.skill.name for group in career.tool_groups for link in group.ordered_tools
        ),
        LIST_JOINER.join(link.skill.name for link in career.constraints),
        LIST_JOINER.join(
            f"{level.name} ({level.level_label})" if level.level_label else level.name
            for level in career.educations
        ),
        LIST_JOINER.join(path.title for path in career.experiences),
    ]


def catalogue_rows(request, *, chunk_size: int):
    for career in _published_sheets(chunk_size):
        yield _catalogue_row(career, request)


@require_safe
def catalogue_csv(request):
    return csv_download(
        CATALOGUE_COLUMNS, catalogue_rows(request, chunk_size=CHUNK_SIZE), "metiers.csv"
    )


@require_safe
def catalogue_json(request):
    items = catalogue_items(request, chunk_size=CHUNK_SIZE)
    return json_download(catalogue_head(request), "careers", items, "metiers.json")


# --- The comparison as a spreadsheet ----------------------------------------------------------


def _mark(link) -> str:
    return "oui" if link is not None else ""


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
    for row in comparison.salary.rows:
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
