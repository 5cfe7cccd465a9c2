"""The job sheet as the page reads it: sections in the source's order, charts, JSON-LD."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from certifications.models import EQF_LEVEL_BY_BAC_PLUS, Certification

from . import charts
from .models import Career, CareerSection, SectionKind
from .querysets import sheet_prefetches
from .templatetags.careers_tags import jsonld

# How long a rendered sheet is reused. An edit of the sheet changes `updated_at`, hence
# the key, and shows once each worker has read the new version (VERSION_TIMEOUT);
# "Métiers proches", the certifications and the vocabulary's names live in other rows
# and may lag this long behind.
RENDERED_SHEET_TIMEOUT = 10 * 60
# How long a worker trusts the version it read: a few seconds of delay on an edit
# buys sheets served with no query at all (BENCHMARKS.md).
VERSION_TIMEOUT = 5
RELATED_SHOWN = 4
CERTIFICATIONS_SHOWN = 6

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


def published_version(slug: str) -> tuple[int, datetime] | None:
    """The published career's id and last edit, or None: what a cached page is keyed on.

    Read from the database at most every VERSION_TIMEOUT seconds per worker, so
    that a cached page is served without a query; an unknown slug is never cached,
    so made-up URLs cannot fill the cache.
    """
    key = f"careers:version:{slug}"
    version = cache.get(key)
    if version is None:
        version = Career.objects.published().filter(slug=slug).version()
        if version is not None:
            cache.set(key, version, VERSION_TIMEOUT)
    return version


def cache_key(kind: str, version: tuple[int, datetime], url: str) -> str:
    """A key that changes with the career's version, so that an edit of the sheet shows."""
    pk, updated_at = version
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return f"careers:{kind}:{pk}:{updated_at.timestamp()}:{digest}"


def rendered_sheet(career: Career, url: str) -> dict[str, SafeString]:
    """The sheet's HTML that is the same for every visitor: `body` and `jsonld`.

    Rendered once per career version and URL, then served from the cache without
    loading the sheet's rows, to visitors whose page is rendered for them (a
    comparison tray, a message): the tray and the CSRF token stay outside.
    """
    key = cache_key("sheet", (career.pk, career.updated_at), url)
    parts = cache.get_or_set(key, lambda: _render_sheet(career, url), RENDERED_SHEET_TIMEOUT)
    return {name: mark_safe(html) for name, html in parts.items()}


def _render_sheet(career: Career, url: str) -> dict[str, str]:
    prefetch_related_objects([career], *sheet_prefetches())
    levels = sorted(certification_levels(career))
    certifications = list(
        Certification.objects.published().at_levels(levels)[: CERTIFICATIONS_SHOWN + 1]
    )
    context = {
        "career": career,
        "sections": sheet_sections(career),
        "charts": sheet_charts(career),
        "related": Career.objects.published().sharing_skills_with(career, RELATED_SHOWN),
        "certifications": certifications[:CERTIFICATIONS_SHOWN],
        # More than shown: one link per level to the certification list filtered on it.
        "more_certification_levels": levels if len(certifications) > CERTIFICATIONS_SHOWN else [],
    }
    return {
        "body": str(render_to_string("careers/includes/sheet_body.html", context)),
        "jsonld": str(jsonld(occupation_jsonld(career, url))),
    }
