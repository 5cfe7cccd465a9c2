""" "Passer de A à B": what a move from one career to another keeps, asks and changes.

Skills to keep (both sheets name them), skills to acquire (B's, most important to B
first), tools to learn, constraints that appear or disappear, both salary scales side by
side, the certifications (and their blocs or units) that lead to B, and whether France
Travail records the move among A's "Évolutions possibles". A fixed number of queries.
"""

from dataclasses import dataclass
from itertools import zip_longest

from django.db.models import Prefetch, Q, prefetch_related_objects

from careers.models import Career, CareerRome, CareerSkill, EducationLevel, Mobility, SalaryBand
from careers.sheet import linked_certifications
from certifications.models import Component
from skills.models import SkillKind

from .explanation import SkillUse, by_importance, link_uses
from .forms import AVOIDABLE_KINDS, SKILL_KINDS
from .pickers import GROUP_TITLES

SKILLS_WITHOUT_TOOLS = [kind for kind in SKILL_KINDS if kind != SkillKind.TOOL]


@dataclass(frozen=True)
class SkillGroup:
    title: str
    items: list[SkillUse]


@dataclass(frozen=True)
class SalaryRow:
    origin: SalaryBand | None
    target: SalaryBand | None


@dataclass(frozen=True)
class Transition:
    origin: Career
    target: Career
    keep: list[SkillGroup]
    acquire: list[SkillUse]
    tools: list[SkillUse]
    constraints_appear: list[SkillUse]
    constraints_disappear: list[SkillUse]
    salaries: list[SalaryRow]
    certifications_by_rome: list
    certifications_at_levels: list
    more_certification_levels: list[int]
    recorded_mobility: bool

    @property
    def kept_count(self) -> int:
        return sum(len(group.items) for group in self.keep)


def find_careers(origin_slug: str, target_slug: str) -> tuple[Career | None, Career | None]:
    """Both published careers (None for a missing one), with what the certifications read."""
    romes = CareerRome.objects.select_related("rome_code").order_by("position")
    levels = EducationLevel.objects.order_by("position")
    # Published is checked here, not in SQL: with both conditions SQLite, lacking statistics,
    # read every career through the (is_published, title) index instead of two by slug.
    found = {
        career.slug: career
        for career in Career.objects.filter(slug__in=[origin_slug, target_slug])
        .only("title", "slug", "summary", "is_published")
        .prefetch_related(
            Prefetch("careerrome_set", romes, "ordered_romes"),
            Prefetch("educationlevel_set", levels, "educations"),
        )
        if career.is_published
    }
    return found.get(origin_slug), found.get(target_slug)


def build_transition(origin: Career, target: Career) -> Transition:
    links = _links(origin, target)
    mine, theirs = links[origin.pk], links[target.pk]
    shared = mine.keys() & theirs.keys()
    kept = [theirs[skill_id] for skill_id in theirs if skill_id in shared]
    new = [use for skill_id, use in theirs.items() if skill_id not in shared]
    lost = [use for skill_id, use in mine.items() if skill_id not in shared]
    by_rome, at_levels, more_levels = linked_certifications(target)
    prefetch_related_objects(
        [*by_rome, *at_levels],
        Prefetch("component_set", Component.objects.order_by("position"), "ordered_components"),
    )
    return Transition(
        origin=origin,
        target=target,
        keep=_grouped([use for use in kept if use.kind not in AVOIDABLE_KINDS]),
        acquire=by_importance([use for use in new if use.kind in SKILLS_WITHOUT_TOOLS]),
        tools=[use for use in new if use.kind == SkillKind.TOOL],
        constraints_appear=[use for use in new if use.kind in AVOIDABLE_KINDS],
        constraints_disappear=[use for use in lost if use.kind in AVOIDABLE_KINDS],
        salaries=_salaries(origin, target),
        certifications_by_rome=by_rome,
        certifications_at_levels=at_levels,
        more_certification_levels=more_levels,
        recorded_mobility=_recorded_mobility(origin, target),
    )


def _links(origin: Career, target: Career) -> dict[int, dict[int, SkillUse]]:
    """Each career's vocabulary items by skill id, in sheet order: one query."""
    links: dict[int, dict[int, SkillUse]] = {origin.pk: {}, target.pk: {}}
    rows = CareerSkill.objects.filter(career__in=[origin, target])
    for career_id, skill_id, use in link_uses(rows.order_by("career_id", "position", "pk")):
        links[career_id][skill_id] = use
    return links


def _grouped(uses: list[SkillUse]) -> list[SkillGroup]:
    return [
        SkillGroup(GROUP_TITLES[kind], items)
        for kind in SKILL_KINDS
        if (items := [use for use in uses if use.kind == kind])
    ]


def _salaries(origin: Career, target: Career) -> list[SalaryRow]:
    """The two salary scales level by level, in each sheet's order: one query."""
    bands = {origin.pk: [], target.pk: []}
    for band in SalaryBand.objects.filter(career__in=[origin, target]).order_by("position"):
        bands[band.career_id].append(band)
    return [SalaryRow(a, b) for a, b in zip_longest(bands[origin.pk], bands[target.pk])]


def _recorded_mobility(origin: Career, target: Career) -> bool:
    """Whether ROME lists the target among the origin's "Évolutions possibles"."""
    codes = [rome.rome_code.code for rome in target.ordered_romes]
    return Mobility.objects.filter(
        Q(target=target) | Q(target_code__in=codes), career=origin
    ).exists()
