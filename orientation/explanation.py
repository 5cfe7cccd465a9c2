"""Why each career of a page has its score: what the reader sees, and the JSON twin says.

The statement (ranking.py) gives each criterion's points; one query on the page's
career–skill rows says which of my skills each career uses, which it needs that I lack,
and which of my constraints it has.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from careers.models import CareerSkill, Dimension
from skills.models import SkillKind

from .certifications import CertificationHints, hints_for
from .forms import SKILL_KINDS, WEIGHT_LABELS, Item, Profile, level_label
from .ranking import COEFFICIENTS, described_kinds, importance, rank

# How many skills to acquire a result lists before saying how many more there are.
TO_ACQUIRE_SHOWN = 6

CRITERIA_LABELS = {
    "skills": "Compétences",
    "constraints": "Contraintes à éviter",
    "fulfilment": "Épanouissement",
    "level": "Niveau d'études",
    "salary": "Salaire de départ",
}


@dataclass(frozen=True)
class SkillUse:
    slug: str
    name: str
    kind: str
    importance: int
    score: int | None  # a hard skill's score on the sheet

    @property
    def kind_label(self) -> str:
        return SkillKind(self.kind).label


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    coefficient: int
    points: int | None  # out of 100; None: not counted for this career
    detail: str


@dataclass(frozen=True)
class DimensionFit:
    dimension: str
    label: str
    weight: int
    weight_label: str
    percent: int | None


@dataclass(frozen=True)
class Fit:
    career: object  # a Career from ranking.rank(), with the statement's columns
    score: int
    criteria: list[Criterion]
    used: list[SkillUse]
    to_acquire: list[SkillUse]
    to_acquire_more: int
    avoided_present: list[Item]
    not_compared: list[Item]
    fulfilment: list[DimensionFit]
    starting_salary: tuple[int, int] | None
    first_level: int | None
    certifications: CertificationHints = field(default_factory=CertificationHints)

    @property
    def weighted_fulfilment(self) -> list[DimensionFit]:
        """The dimensions that matter to me, with the career's percentages."""
        return [row for row in self.fulfilment if row.weight]


def by_importance(uses: list[SkillUse]) -> list[SkillUse]:
    """Most important first; the sheet's order among equals."""
    return sorted(uses, key=lambda use: -use.importance)


def round_points(value) -> int | None:
    """Half up, as the statement rounds the score."""
    return None if value is None else int(float(value) + 0.5)


def explain(careers: list, profile: Profile) -> list[Fit]:
    """The page's careers, each with the reasons for its score: one query for the
    skill rows, two for the certifications that lead to them."""
    links = links_by_career([career.pk for career in careers], profile)
    hints = hints_for(careers)
    return [_fit(career, profile, links.get(career.pk, []), hints[career.pk]) for career in careers]


LinkUse = tuple[int, int, SkillUse]  # career id, skill id, the use


def link_uses(links) -> list[LinkUse]:
    """Career–skill rows (a CareerSkill queryset, ordered) as plain values: no model built."""
    rows = links.values_list(
        "career_id", "skill_id", "score", "is_core", "skill__slug", "skill__name", "skill__kind"
    )
    return [
        (career_id, skill_id, SkillUse(slug, name, kind, importance(score, is_core), score))
        for career_id, skill_id, score, is_core, slug, name, kind in rows
    ]


def links_by_career(career_ids: list[int], profile: Profile) -> dict[int, list[LinkUse]]:
    """The careers' skills (what I use and what I lack) and the constraints I avoid."""
    wanted = Q(skill__kind__in=SKILL_KINDS) | Q(skill_id__in=[item.id for item in profile.avoided])
    links = CareerSkill.objects.filter(wanted, career_id__in=career_ids)
    by_career: dict[int, list[LinkUse]] = {}
    for link in link_uses(links.order_by("career_id", "position", "pk")):
        by_career.setdefault(link[0], []).append(link)
    return by_career


def _fit(career, profile: Profile, links: list[LinkUse], hints) -> Fit:
    mine = {item.id for item in profile.skills}
    avoided = {item.id for item in profile.avoided}
    skills = [(skill_id, use) for _, skill_id, use in links if use.kind in SKILL_KINDS]
    used = by_importance([use for skill_id, use in skills if skill_id in mine])
    lacking = by_importance([use for skill_id, use in skills if skill_id not in mine])
    linked = {skill_id for _, skill_id, _ in links}
    present = [item for item in profile.avoided if item.id in linked]
    described = described_kinds((career.rubrics or 0) | (career.kinds_used or 0))
    not_compared = [
        item for item in (*profile.skills, *profile.avoided) if item.kind not in described
    ]
    fulfilment = [
        DimensionFit(
            dimension,
            label,
            profile.weights.get(dimension, 0),
            WEIGHT_LABELS[profile.weights.get(dimension, 0)],
            getattr(career, f"percent_{dimension}"),
        )
        for dimension, label in Dimension.choices
    ]
    starting = (
        (career.starting_min, career.starting_max) if career.starting_min is not None else None
    )
    return Fit(
        career=career,
        score=career.score,
        criteria=_criteria(career, profile, used, present, avoided),
        used=used,
        to_acquire=lacking[:TO_ACQUIRE_SHOWN],
        to_acquire_more=max(0, len(lacking) - TO_ACQUIRE_SHOWN),
        avoided_present=present,
        not_compared=not_compared,
        fulfilment=fulfilment,
        starting_salary=starting,
        first_level=career.first_level,
        certifications=hints,
    )


def _criteria(career, profile, used, present, avoided) -> list[Criterion]:
    """The criteria the profile asks about, each with its points and one sentence."""
    criteria = []
    if profile.skills:
        criteria.append(_criterion("skills", career.skills, _skills_detail(profile, used)))
    if avoided:
        criteria.append(
            _criterion(
                "constraints", career.constraints, _constraints_detail(career, present, avoided)
            )
        )
    if profile.weights:
        detail = (
            "La fiche ne donne pas de profil d'épanouissement."
            if career.fulfilment is None
            else "Moyenne de ses pourcentages, pondérée par l'importance que vous leur donnez."
        )
        criteria.append(_criterion("fulfilment", career.fulfilment, detail))
    if profile.level is not None:
        criteria.append(_criterion("level", career.level, _level_detail(career, profile)))
    if profile.min_salary is not None:
        criteria.append(_criterion("salary", career.salary, _salary_detail(career)))
    return criteria


def _criterion(key: str, points, detail: str) -> Criterion:
    return Criterion(key, CRITERIA_LABELS[key], COEFFICIENTS[key], round_points(points), detail)


def _skills_detail(profile: Profile, used: list) -> str:
    # Only careers using one of my skills are ranked.
    if len(profile.skills) == 1:
        return "Ce métier utilise votre compétence."
    return f"Ce métier utilise {len(used)} de vos {len(profile.skills)} compétences."


def _constraints_detail(career, present: list, avoided: set) -> str:
    if career.constraints is None:
        return "La fiche ne dit rien des contraintes que vous voulez éviter."
    if len(avoided) == 1:
        return "La contrainte que vous voulez éviter " + (
            "s'y trouve." if present else "ne s'y trouve pas."
        )
    if not present:
        return "Aucune des contraintes que vous voulez éviter ne s'y trouve."
    verb = "s'y trouvent" if len(present) > 1 else "s'y trouve"
    return f"{len(present)} des {len(avoided)} contraintes que vous voulez éviter {verb}."


def _level_detail(career, profile: Profile) -> str:
    if career.first_level is None:
        return "La fiche ne cite pas de diplôme de niveau « BAC +n »."
    entry = level_label(career.first_level)
    gap = career.first_level - profile.level
    if gap <= 0:
        return f"Accessible dès {entry} : votre niveau suffit."
    return f"Accessible dès {entry} : {gap} année{'s' if gap > 1 else ''} d'études de plus."


def _salary_detail(career) -> str:
    if career.salary is None:
        return "La fiche ne donne pas de salaire."
    if career.salary >= 100:
        return "Le salaire de départ atteint votre minimum dès le bas de la fourchette."
    if career.salary > 0:
        return "Votre minimum est dans la fourchette du salaire de départ."
    return "Le salaire de départ reste sous votre minimum."


# --- A page of results ------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    fits: list[Fit]
    total: int  # careers ranked
    page: int
    per_page: int
    pooled: bool  # more careers use my skills than are ranked (ranking.POOL_SIZE)
    empty_page: bool = False  # the page asked for is past the last one: here is the first

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def ranked_results(profile: Profile, *, page: int, per_page: int) -> Results:
    """A page of the careers ranked for `profile`, explained; past the last page, the first.

    An empty profile ranks nothing: no query.
    """
    if profile.is_empty():
        return Results(fits=[], total=0, page=1, per_page=per_page, pooled=False)
    ranked = rank(profile, limit=per_page, offset=(page - 1) * per_page)
    empty_page = page > 1 and not ranked.careers
    if empty_page:
        page, ranked = 1, rank(profile, limit=per_page, offset=0)
    return Results(
        fits=explain(ranked.careers, profile),
        total=ranked.total,
        page=page,
        per_page=per_page,
        pooled=ranked.pooled,
        empty_page=empty_page,
    )
