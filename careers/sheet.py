"""The job sheet as the page reads it: sections in the source's order, charts, JSON-LD."""

from dataclasses import dataclass

from certifications.models import EQF_LEVEL_BY_BAC_PLUS

from . import charts
from .models import Career, CareerSection, SectionKind

ANCHORS = {
    SectionKind.FULFILMENT: "epanouissement",
    SectionKind.MISSIONS: "missions",
    SectionKind.SOFT_SKILLS: "soft-skills",
    SectionKind.HARD_SKILLS: "hard-skills",
    SectionKind.EDUCATION: "formations",
    SectionKind.EXPERIENCE: "experience",
    SectionKind.TOOLS: "outils",
    SectionKind.CONSTRAINTS: "contraintes",
    SectionKind.SALARY: "salaire",
    SectionKind.EVOLUTION: "evolution",
    SectionKind.FAQ: "faq",
}

# Where the importer's `note` sits in the source: before the items for these
# sections, after them (the diplomas' closing words, the salary quote) for the others.
NOTE_BEFORE_ITEMS = {
    SectionKind.MISSIONS,
    SectionKind.SOFT_SKILLS,
    SectionKind.HARD_SKILLS,
    SectionKind.TOOLS,
    SectionKind.CONSTRAINTS,
}


@dataclass(frozen=True)
class SheetSection:
    kind: str
    anchor: str
    title: str
    template: str
    section: CareerSection | None  # the source's words around the items, if any
    note_first: bool  # the source prints this section's note before its items


def _items_by_kind(career: Career) -> dict[str, list]:
    return {
        SectionKind.FULFILMENT: career.scores,
        SectionKind.MISSIONS: career.mission_blocks,
        SectionKind.SOFT_SKILLS: career.soft_skills,
        SectionKind.HARD_SKILLS: career.hard_skills,
        SectionKind.EDUCATION: career.educations,
        SectionKind.EXPERIENCE: career.experiences,
        SectionKind.TOOLS: career.tool_groups,
        SectionKind.CONSTRAINTS: career.constraints,
        SectionKind.SALARY: career.salary_bands,
        SectionKind.EVOLUTION: [],
        SectionKind.FAQ: career.faq_entries,
    }


def sheet_sections(career: Career) -> list[SheetSection]:
    """The sections of a career loaded `with_sheet()`, in the source's order.

    The fulfilment profile comes first, right after the summary. A kind that has
    items but no section row (an admin-made sheet) still shows, after the others.
    """
    by_kind = {section.kind: section for section in career.sections}
    items = _items_by_kind(career)
    kinds = [section.kind for section in career.sections if section.kind != SectionKind.FULFILMENT]
    kinds += [kind for kind in SectionKind.values if items[kind] and kind not in by_kind]
    if by_kind.get(SectionKind.FULFILMENT) or items[SectionKind.FULFILMENT]:
        kinds = [SectionKind.FULFILMENT, *(k for k in kinds if k != SectionKind.FULFILMENT)]
    result = []
    for kind in kinds:
        section = by_kind.get(kind)
        result.append(
            SheetSection(
                kind=kind,
                anchor=ANCHORS[kind],
                title=(section.heading if section and section.heading else "")
                or SectionKind(kind).label,
                template=f"careers/includes/section_{kind}.html",
                section=section,
                note_first=kind in NOTE_BEFORE_ITEMS,
            )
        )
    return result


def sheet_charts(career: Career) -> dict[str, charts.Chart]:
    return {
        "fulfilment": charts.fulfilment_chart(career.scores),
        "hard_skills": charts.hard_skill_chart(career.hard_skills),
        "salary": charts.salary_chart(career.salary_bands),
    }


def certification_levels(career: Career) -> set[int]:
    """European levels of the diplomas the sheet names (BAC +2 → 5, BAC +5 → 7)."""
    return {
        EQF_LEVEL_BY_BAC_PLUS[level.bac_plus]
        for level in career.educations
        if level.bac_plus in EQF_LEVEL_BY_BAC_PLUS
    }


def occupation_jsonld(career: Career, url: str) -> dict:
    """schema.org Occupation: name, description, salary bands and skills."""
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": career.title,
        "description": career.summary,
        "url": url,
    }
    if career.salary_bands:
        data["estimatedSalary"] = [
            {
                "@type": "MonetaryAmountDistribution",
                "name": band.label,
                "currency": "EUR",
                "duration": "P1Y",
                "unitText": "YEAR",
                "minValue": band.min_eur,
                "maxValue": band.max_eur,
            }
            for band in career.salary_bands
        ]
    skills = [link.skill.name for link in (*career.soft_skills, *career.hard_skills)]
    if skills:
        data["skills"] = skills
    return data
