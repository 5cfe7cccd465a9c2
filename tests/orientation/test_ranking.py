"""The ranking and its explanation: stated profiles on the seed catalogue, then the formula
criterion by criterion on careers built by hand."""

import pytest

from careers.models import Dimension, SectionKind
from orientation import ranking
from orientation.explanation import ranked_results
from orientation.forms import Item, Profile
from skills.models import Skill, SkillKind
from tests import factories as f

LOGISTICS = "Assistant(e) logistique internationale"
RELATIONS = "Chargé(e) de mission relations internationales"


def items(*slugs: str) -> tuple[Item, ...]:
    skills = {skill.slug: skill for skill in Skill.objects.filter(slug__in=slugs)}
    return tuple(
        Item(skills[slug].pk, slug, skills[slug].name, skills[slug].kind) for slug in slugs
    )


def ranked(profile: Profile, per_page: int = 10):
    return ranked_results(profile, page=1, per_page=per_page)


def titles(results) -> list[str]:
    return [fit.career.title for fit in results.fits]


def criteria(fit) -> dict[str, int | None]:
    return {criterion.key: criterion.points for criterion in fit.criteria}


# --- Stated profiles on the seed catalogue ----------------------------------------------------


def test_logistics_student_gets_the_logistics_career_first(catalogue):
    profile = Profile(skills=items("chaine-logistique", "gestion-des-stocks"))

    results = ranked(profile)

    assert titles(results) == [LOGISTICS]
    fit = results.fits[0]
    # (90 + 84) / 2: the sheet's scores of the two hard skills.
    assert fit.score == 87
    assert criteria(fit) == {"skills": 87}
    assert [(use.name, use.score) for use in fit.used] == [
        ("Chaîne logistique", 90),
        ("Gestion des stocks", 84),
    ]
    # Its other hard skills first, most important first, then the rest.
    assert [use.name for use in fit.to_acquire[:4]] == [
        "Commerce international",
        "Gestion des fournisseurs",
        "Reporting",
        "Connaissance des Marchés Internationaux",
    ]
    assert fit.to_acquire_more == 33 - 2 - len(fit.to_acquire)
    assert fit.not_compared == []


def test_a_constraint_to_avoid_can_outweigh_a_better_skills_match(catalogue):
    profile = Profile(
        skills=items("communication", "rigueur"), avoided=items("pression-temporelle")
    )

    results = ranked(profile)

    assert titles(results) == [RELATIONS, LOGISTICS]
    relations, logistics = results.fits
    assert criteria(relations) == {"skills": 25, "constraints": 100}
    assert relations.score == 50  # (4 × 25 + 2 × 100) / 6
    assert criteria(logistics) == {"skills": 50, "constraints": 0}
    assert logistics.score == 33  # (4 × 50 + 2 × 0) / 6
    assert [item.name for item in logistics.avoided_present] == ["Pression temporelle"]
    assert relations.avoided_present == []


def test_without_skills_fulfilment_and_salary_rank_the_whole_catalogue(catalogue):
    profile = Profile(weights={Dimension.HUMAN_RELATIONS: 3}, min_salary=30000)

    results = ranked(profile)

    assert titles(results) == [RELATIONS, LOGISTICS]
    relations, logistics = results.fits
    assert criteria(relations) == {"fulfilment": 85, "salary": 100}
    assert relations.score == 90
    assert criteria(logistics) == {"fulfilment": 83, "salary": 0}
    assert logistics.score == 55
    assert relations.starting_salary == (30000, 35000)
    assert [(row.label, row.weight, row.percent) for row in relations.weighted_fulfilment] == [
        ("Relations humaines", 3, 85)
    ]


def test_level_points_and_certifications_at_the_level_of_the_first_diploma(catalogue):
    profile = Profile(skills=items("chaine-logistique"), level=0)

    fit = ranked(profile).fits[0]

    assert fit.first_level == 2
    assert criteria(fit)["level"] == 50  # BAC +2 needed: two years of study more
    assert "2 années d'études de plus" in fit.criteria[1].detail
    assert fit.certifications.level == 5
    assert [c.code for c in fit.certifications.at_level] == ["TP-00523"]


# --- The formula, criterion by criterion ------------------------------------------------------


def sheet(title: str, *kinds: str, **kwargs):
    """A career with a rubric (section row) of each of these kinds."""
    career = f.CareerFactory(title=title, **kwargs)
    for kind in kinds:
        f.CareerSectionFactory(career=career, kind=kind)
    return career


def item_of(skill) -> Item:
    return Item(skill.pk, skill.slug, skill.name, skill.kind)


@pytest.mark.django_db
def test_importance_is_the_hard_score_100_for_a_rome_core_skill_50_otherwise():
    hard = f.SkillFactory(name="Gestion des stocks", kind=SkillKind.HARD)
    soft = f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    core = f.SkillFactory(name="Organiser un entrepôt", kind=SkillKind.SAVOIR_FAIRE, code_ogr="1")
    editorial = sheet("Éditoriale", SectionKind.HARD_SKILLS, SectionKind.SOFT_SKILLS)
    f.HardSkillLinkFactory(career=editorial, skill=hard, score=70)
    f.CareerSkillFactory(career=editorial, skill=soft)
    rome = sheet("Fiche ROME", SectionKind.SAVOIR_FAIRE)
    f.RomeSkillLinkFactory(career=rome, skill=core, is_core=True)

    fits = ranked(Profile(skills=(item_of(hard), item_of(soft), item_of(core)))).fits

    by_title = {fit.career.title: fit for fit in fits}
    # (70 + 50) / 2: my ROME savoir-faire is not compared with a sheet of the site.
    assert criteria(by_title["Éditoriale"]) == {"skills": 60}
    assert [item.name for item in by_title["Éditoriale"].not_compared] == ["Organiser un entrepôt"]
    # 100 / 1: a ROME fiche has no hard or soft skills to compare mine with.
    assert criteria(by_title["Fiche ROME"]) == {"skills": 100}
    assert {item.name for item in by_title["Fiche ROME"].not_compared} == {
        "Gestion des stocks",
        "Rigueur",
    }


@pytest.mark.django_db
def test_only_careers_using_one_of_my_skills_are_ranked():
    mine = f.SkillFactory(name="Excel", kind=SkillKind.TOOL)
    using = sheet("Utilise Excel", SectionKind.TOOLS)
    f.ToolLinkFactory(career=using, skill=mine)
    sheet("N'utilise pas Excel", SectionKind.TOOLS)
    draft = sheet("Brouillon", SectionKind.TOOLS, is_published=False)
    f.ToolLinkFactory(career=draft, skill=mine)

    assert titles(ranked(Profile(skills=(item_of(mine),)))) == ["Utilise Excel"]


@pytest.mark.django_db
def test_constraints_count_only_on_sheets_with_that_rubric():
    skill = f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    weekend = f.SkillFactory(name="Travail le week-end", kind=SkillKind.CONSTRAINT)
    night = f.SkillFactory(name="Travail de nuit", kind=SkillKind.CONSTRAINT)
    with_both = sheet("Avec les deux", SectionKind.CONSTRAINTS)
    with_none = sheet("Sans elles", SectionKind.CONSTRAINTS)
    silent = sheet("Muette")
    for career in (with_both, with_none, silent):
        f.CareerSkillFactory(career=career, skill=skill)
    f.ConstraintLinkFactory(career=with_both, skill=weekend)
    f.ConstraintLinkFactory(career=with_both, skill=night)
    f.ConstraintLinkFactory(career=with_none, skill=f.SkillFactory(kind=SkillKind.CONSTRAINT))

    profile = Profile(skills=(item_of(skill),), avoided=(item_of(weekend), item_of(night)))
    fits = {fit.career.title: fit for fit in ranked(profile).fits}

    assert criteria(fits["Sans elles"]) == {"skills": 50, "constraints": 100}
    assert criteria(fits["Avec les deux"]) == {"skills": 50, "constraints": 0}
    assert criteria(fits["Muette"]) == {"skills": 50, "constraints": None}
    assert fits["Muette"].score == 50  # a criterion the sheet is silent on does not count
    assert "ne dit rien" in fits["Muette"].criteria[1].detail


@pytest.mark.django_db
def test_fulfilment_is_averaged_with_my_weights_over_the_dimensions_given():
    career = f.CareerFactory(title="Profilée")
    f.FulfilmentScoreFactory(career=career, dimension=Dimension.QUALITY_OF_LIFE, percent=90)
    f.FulfilmentScoreFactory(career=career, dimension=Dimension.CAREER, percent=60)
    f.CareerFactory(title="Sans profil")

    profile = Profile(
        weights={Dimension.QUALITY_OF_LIFE: 1, Dimension.CAREER: 2, Dimension.STIMULATION: 3}
    )
    fits = ranked(profile).fits

    assert titles(ranked(profile)) == ["Profilée"]  # nothing else to rank it on
    assert criteria(fits[0]) == {"fulfilment": 70}  # (1 × 90 + 2 × 60) / (1 + 2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("wanted", "points"), [(20000, 100), (22000, 100), (24000, 50), (26000, 50), (26001, 0)]
)
def test_salary_points_from_the_first_band(wanted, points):
    career = f.CareerFactory()
    f.SalaryBandFactory(career=career, position=1, min_eur=40000, max_eur=50000)
    f.SalaryBandFactory(career=career, position=0, min_eur=22000, max_eur=26000)

    assert criteria(ranked(Profile(min_salary=wanted)).fits[0]) == {"salary": points}


@pytest.mark.django_db
@pytest.mark.parametrize(("mine", "points"), [(8, 100), (3, 100), (2, 75), (0, 25)])
def test_level_points_lose_25_a_year_of_study_missing(mine, points):
    career = f.CareerFactory()
    f.EducationLevelFactory(career=career, name="Master", level_label="BAC +5")
    f.EducationLevelFactory(career=career, name="Bachelor", level_label="Bac+3")
    f.EducationLevelFactory(career=career, name="Autre", level_label="Niveau inconnu")

    fit = ranked(Profile(level=mine)).fits[0]

    assert fit.first_level == 3
    assert criteria(fit) == {"level": points}


@pytest.mark.django_db
def test_ties_are_broken_by_title_and_pages_follow():
    skill = f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    for title in ("Charlie", "Alpha", "Bravo"):
        f.CareerSkillFactory(career=sheet(title, SectionKind.SOFT_SKILLS), skill=skill)
    profile = Profile(skills=(item_of(skill),))

    first = ranked_results(profile, page=1, per_page=2)
    second = ranked_results(profile, page=2, per_page=2)

    assert titles(first) == ["Alpha", "Bravo"]
    assert (first.total, first.num_pages, first.has_next) == (3, 2, True)
    assert titles(second) == ["Charlie"]
    assert second.first_rank == 3


@pytest.mark.django_db
def test_past_the_last_page_the_first_is_shown():
    skill = f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    f.CareerSkillFactory(career=sheet("Alpha", SectionKind.SOFT_SKILLS), skill=skill)

    results = ranked_results(Profile(skills=(item_of(skill),)), page=7, per_page=2)

    assert (results.empty_page, results.page, titles(results)) == (True, 1, ["Alpha"])


@pytest.mark.django_db
def test_the_pool_keeps_the_best_skill_matches(monkeypatch):
    monkeypatch.setattr(ranking, "POOL_SIZE", 2)
    hard = f.SkillFactory(name="Gestion des stocks", kind=SkillKind.HARD)
    for title, score in (("Faible", 40), ("Forte", 90), ("Moyenne", 60)):
        f.HardSkillLinkFactory(
            career=sheet(title, SectionKind.HARD_SKILLS), skill=hard, score=score
        )

    results = ranked(Profile(skills=(item_of(hard),)))

    assert titles(results) == ["Forte", "Moyenne"]
    assert results.pooled


@pytest.mark.django_db
def test_without_skills_the_pool_keeps_the_best_fulfilment_matches(monkeypatch):
    monkeypatch.setattr(ranking, "POOL_SIZE", 2)
    for title, percent in (("Faible", 40), ("Forte", 90), ("Moyenne", 60)):
        career = f.CareerFactory(title=title)
        f.FulfilmentScoreFactory(career=career, dimension=Dimension.CAREER, percent=percent)
        starting = 30000 if title == "Faible" else 20000
        f.SalaryBandFactory(career=career, min_eur=starting, max_eur=40000)

    results = ranked(Profile(weights={Dimension.CAREER: 2}, min_salary=30000))

    # "Faible" would score (2 × 40 + 100) / 3 = 60, above "Moyenne", but is not in the pool.
    assert titles(results) == ["Forte", "Moyenne"]
    assert results.pooled


@pytest.mark.django_db
def test_an_empty_profile_runs_no_query(django_assert_num_queries):
    f.CareerFactory()
    with django_assert_num_queries(0):
        results = ranked(Profile())
    assert (results.total, results.fits) == (0, [])
