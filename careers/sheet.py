"""The job sheet as the page reads it: sections in the source's order, charts, JSON-LD."""

from dataclasses import dataclass

from certifications.models import EQF_LEVEL_BY_BAC_PLUS
from core.templatetags.formatting import jsonld

from .loading import load_linked_certifications, load_sheet_rows
from .models import Career, CareerSection, SectionKind
from .sections import BY_KIND, SPECS

RELATED_SHOWN = 4
CERTIFICATIONS_SHOWN = 6
BRIEF_SKILLS = 3
# A section's introduction or note longer than this (in characters, some five lines on a
# phone) shows its first lines only, the rest behind "Lire la suite".
LONG_TEXT = 320


@dataclass(frozen=True)
class SheetSection:
    kind: str
    anchor: str
    title: str
    template: str
    section: CareerSection | None  # the source's words around the items, if any
    note_first: bool  # the source prints this section's note before its items
    items: list  # what the section lists (careers.sections: SectionSpec.items)
    family: str = "metier"  # its colour and icon
    shown: int | None = None  # items open before "Voir les N autres …" (None: all)
    item_names: tuple[str, str] = ("élément", "éléments")


def sheet_sections(career: Career) -> list[SheetSection]:
    """The sections of a career loaded `with_sheet()`, in the source's order.

    The fulfilment profile comes first, right after the summary. A kind that has
    items but no section row (an admin-made sheet) still shows, after the others.
    """
    by_kind = {section.kind: section for section in career.sections}
    first = SPECS[0].kind  # the profile, printed under the summary
    kinds = [section.kind for section in career.sections if section.kind != first]
    kinds += [spec.kind for spec in SPECS if spec.items(career) and spec.kind not in by_kind]
    if by_kind.get(first) or BY_KIND[first].items(career):
        kinds = [first, *(kind for kind in kinds if kind != first)]
    result = []
    for kind in kinds:
        spec, section = BY_KIND[kind], by_kind.get(kind)
        result.append(
            SheetSection(
                kind=kind,
                anchor=spec.anchor,
                title=(section.heading if section and section.heading else "") or spec.label,
                template=spec.template,
                section=section,
                note_first=spec.note_first,
                items=spec.items(career),
                family=spec.family,
                shown=spec.shown,
                item_names=spec.item_names,
            )
        )
    return result


def sheet_charts(career: Career) -> dict:
    """Each section's chart, by kind, for those that draw one."""
    return {spec.kind: chart for spec in SPECS if (chart := spec.chart(career)) is not None}


@dataclass(frozen=True)
class Brief:
    """ "En bref", under the title: the sheet's key facts, each linking to its section.

    Only what the sheet holds: a sheet without salaries has no salary fact, a ROME
    fiche has codes, appellations and key skills rather than scores.
    """

    anchors: dict  # section kind → its anchor, for the facts' links
    salary: object | None  # the first band: the starting salary
    levels: list[str]  # "BAC +2", "BAC +5": the levels of the diplomas named, once each
    skills: list  # the best-scored hard skills, best first
    scores: list  # the fulfilment profile
    romes: list
    appellations: int
    key_skills: list  # a ROME fiche's savoir-faire at the heart of the job, a few
    certifications: int  # those naming the ROME codes, then those at the sheet's levels
    more_certifications: bool  # more at those levels than the sheet lists

    def __bool__(self) -> bool:
        facts = (self.salary, self.levels, self.skills, self.scores, self.romes)
        return any((*facts, self.appellations, self.key_skills, self.certifications))


def sheet_brief(career: Career, by_rome: list, at_levels: list, more_levels: list) -> Brief:
    """The key facts of a career loaded `with_sheet()` (see `Brief`)."""
    scored = [link for link in career.hard_skills if link.score is not None]
    levels = []
    for level in career.educations:
        if level.bac_plus is not None and f"BAC +{level.bac_plus}" not in levels:
            levels.append(f"BAC +{level.bac_plus}")
    key_skills = [
        link for group in BY_KIND[SectionKind.SAVOIR_FAIRE].items(career) for link in group.items
    ]
    return Brief(
        anchors={spec.kind: spec.anchor for spec in SPECS},
        salary=career.salary_bands[0] if career.salary_bands else None,
        levels=sorted(levels, key=lambda label: int(label.removeprefix("BAC +"))),
        skills=sorted(scored, key=lambda link: -link.score)[:BRIEF_SKILLS],
        scores=list(career.scores),
        romes=list(career.ordered_romes),
        appellations=len(career.appellations),
        key_skills=[link for link in key_skills if link.is_core][:BRIEF_SKILLS],
        certifications=len(by_rome) + len(at_levels),
        more_certifications=bool(more_levels),
    )


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


def linked_certifications(career: Career) -> tuple[list, list, list[int]]:
    """The certifications that name the career's ROME codes; those at the levels of the
    diplomas it names (the others), a few; and the levels of which there are more."""
    levels = sorted(certification_levels(career))
    by_rome, at_levels = load_linked_certifications(
        career, levels=levels, at_most=CERTIFICATIONS_SHOWN + 1
    )
    more = levels if len(at_levels) > CERTIFICATIONS_SHOWN else []
    return by_rome, at_levels[:CERTIFICATIONS_SHOWN], more


def sheet_context(career: Career, url: str) -> dict:
    """What the job sheet's template shows of a career: its rows loaded here, each kind in
    one query, the certifications and related careers, its JSON-LD."""
    load_sheet_rows(career)
    by_rome, at_levels, more_levels = linked_certifications(career)
    return {
        "career": career,
        "brief": sheet_brief(career, by_rome, at_levels, more_levels),
        "sections": sheet_sections(career),
        "long_text": LONG_TEXT,
        "charts": sheet_charts(career),
        "related": Career.objects.published().sharing_skills_with(career, RELATED_SHOWN),
        "certifications_by_rome": by_rome,
        "certifications": at_levels,
        # More than shown: one link per level to the certification list filtered on it.
        "more_certification_levels": more_levels,
        "jsonld": jsonld(occupation_jsonld(career, url)),
    }
