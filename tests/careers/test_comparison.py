"""The comparison builder and the tray services, on careers mirroring the catalogue."""

import pytest

from careers.comparison import build_comparison, comparison_query
from careers.loading import load_comparison_rows
from careers.models import Career, Dimension, SectionKind
from careers.querysets import comparison_prefetches
from skills.models import SkillKind
from tests import factories
from tests.careers.catalogue import (
    EDUCATION,
    LOGISTICS_CONSTRAINTS,
    LOGISTICS_SALARIES,
    LOGISTICS_SOFT,
    RELATIONS_CONSTRAINTS,
    RELATIONS_SALARIES,
    RELATIONS_SOFT,
    SALARY_LEVELS,
)
from tests.careers.rows_support import as_read

LOGISTICS = "Assistant(e) logistique internationale"
RELATIONS = "Chargé(e) de mission relations internationales"
SHARED_SOFT = [
    "Communication",
    "Collaboration",
    "Adaptabilité",
    "Sens de l'organisation",
    "Résolution de problèmes",
]
SHARED_CONSTRAINTS = ["Multilinguisme", "Gestion des décalages horaires"]
CRM = "Gestion de la relation client (CRM)"
CRM_TOOLS = ["HubSpot", "Salesforce", "Zoho CRM"]

# What the two job sheets of fixtures/jobsheets/ say, section by section.
SHEETS = {
    LOGISTICS: {
        "fulfilment": [65, 62, 77, 83, 75],
        "soft": LOGISTICS_SOFT,
        "hard": [
            (90, "Chaîne logistique"),
            (87, "Commerce international"),
            (83, "Gestion des fournisseurs"),
            (84, "Gestion des stocks"),
            (80, "Reporting"),
            (78, "Connaissance des Marchés Internationaux"),
        ],
        "tools": [
            (
                "Gestion de la chaîne logistique (ERP)",
                ["Generix", "Oracle SCM Cloud", "SAP S/4HANA"],
            ),
            ("Gestion de la relation fournisseur (SRM)", ["Ivalua", "Jaggaer", "SAP Ariba"]),
            ("Gestion administrative", ["DocuWare", "Eurécia", "Yousign"]),
            ("Traitement de données", ["Google Sheets", "IBM SPSS", "Microsoft Excel"]),
            (CRM, CRM_TOOLS),
            ("Veille et recherche d'informations", ["Cision", "Feedly", "Meltwater"]),
        ],
        "constraints": LOGISTICS_CONSTRAINTS,
        "salary": LOGISTICS_SALARIES,
        "experience": [
            "Expérience en tant qu'Assistant(e) Commercial(e)",
            "Expérience en tant que Coordinateur(trice) Logistique",
            "Expérience en tant qu'Assistant(e) mobilité internationale",
        ],
        "evolution": "Plusieurs voies sont possibles. Un(e) Assistant(e) logistique "
        "internationale peut évoluer vers un poste de Responsable supply chain "
        "internationale ou de Responsable Import/Export par exemple.",
    },
    RELATIONS: {
        "fulfilment": [65, 60, 75, 85, 75],
        "soft": RELATIONS_SOFT,
        "hard": [
            (90, "Compétences linguistiques"),
            (88, "Analyse des risques"),
            (92, "Gestion de projet"),
            (95, "Connaissance des affaires internationales"),
            (89, "Analyse de données"),
            (91, "Rédaction"),
        ],
        "tools": [
            ("Gestion de projet", ["Asana", "Jira", "Microsoft Project"]),
            ("Traduction", ["Deepl", "MemoQ", "Systran"]),
            ("Gestion Documentaire", ["Google Drive", "M-Files", "SharePoint"]),
            (CRM, CRM_TOOLS),
            ("Veille stratégique", ["Digimind", "Meltwater", "Talkwalker"]),
            ("Communication", ["Microsoft Teams", "Skype", "Zoom"]),
        ],
        "constraints": RELATIONS_CONSTRAINTS,
        "salary": RELATIONS_SALARIES,
        "experience": [
            "Expérience en tant qu’Assistant(e) de direction dans une multinationale",
            "Expérience en tant qu’Assistant(e) en gestion de projets internationaux",
            "Expérience en tant qu’Assistant(e) juridique en droit international",
        ],
        "evolution": "Plusieurs voies sont possibles. Un(e) Chargé(e) de mission relations "
        "internationales peut évoluer vers un poste de Coordinateur(trice) de projets "
        "européens ou de Responsable de la communication internationale par exemple.",
    },
}


def make_sheet(title: str, sheet: dict, *, missions_per_block: int = 10) -> Career:
    career = factories.CareerFactory(title=title)
    for position, (dimension, percent) in enumerate(
        zip(Dimension.values, sheet["fulfilment"], strict=True)
    ):
        factories.FulfilmentScoreFactory(
            career=career, position=position, dimension=dimension, percent=percent
        )
    position = 0
    for name in sheet["soft"]:
        factories.CareerSkillFactory(
            career=career, position=position, skill=factories.SkillFactory(name=name)
        )
        position += 1
    for score, name in sheet["hard"]:
        factories.HardSkillLinkFactory(
            career=career,
            position=position,
            score=score,
            skill=factories.SkillFactory(name=name, kind=SkillKind.HARD),
        )
        position += 1
    for group_position, (family, tools) in enumerate(sheet["tools"]):
        group = factories.ToolGroupFactory(
            career=career,
            position=group_position,
            family=factories.ToolFamilyFactory(name=family),
        )
        for name in tools:
            factories.ToolLinkFactory(
                career=career,
                position=position,
                tool_group=group,
                skill=factories.SkillFactory(name=name, kind=SkillKind.TOOL),
            )
            position += 1
    for name in sheet["constraints"]:
        factories.ConstraintLinkFactory(
            career=career,
            position=position,
            skill=factories.SkillFactory(name=name, kind=SkillKind.CONSTRAINT),
        )
        position += 1
    for band_position, ((label, experience), (low, high)) in enumerate(
        zip(SALARY_LEVELS, sheet["salary"], strict=True)
    ):
        factories.SalaryBandFactory(
            career=career,
            position=band_position,
            label=label,
            experience=experience,
            min_eur=low,
            max_eur=high,
        )
    for level_position, (name, level, ects) in enumerate(EDUCATION):
        factories.EducationLevelFactory(
            career=career, position=level_position, name=name, level_label=level, ects=ects
        )
    for path_position, path in enumerate(sheet["experience"]):
        factories.ExperiencePathFactory(career=career, position=path_position, title=path)
    factories.CareerSectionFactory(
        career=career, position=8, kind=SectionKind.EVOLUTION, intro=sheet["evolution"]
    )
    for block_position in range(10):
        block = factories.MissionBlockFactory(career=career, position=block_position)
        for mission_position in range(missions_per_block):
            factories.MissionFactory(block=block, position=mission_position)
    return career


def catalogue_pair() -> tuple[Career, Career]:
    return make_sheet(LOGISTICS, SHEETS[LOGISTICS]), make_sheet(RELATIONS, SHEETS[RELATIONS])


def load(*careers: Career) -> list[Career]:
    by_slug = {c.slug: c for c in Career.objects.for_comparison()}
    return [by_slug[career.slug] for career in careers]


def test_comparison_query_keeps_order_and_commas():
    assert comparison_query(["b", "a"]) == "?metiers=b,a"
    assert comparison_query([]) == ""


# --- build_comparison -------------------------------------------------------------------


@pytest.mark.django_db
def test_comparison_of_the_two_catalogue_careers():
    logistics, relations = catalogue_pair()

    comparison = build_comparison(load(logistics, relations))

    assert [c.career.title for c in comparison.columns] == [LOGISTICS, RELATIONS]
    shared_soft = [row.skill.name for row in comparison.soft_skills if row.shared]
    assert shared_soft == [
        "Sens de l'organisation",
        "Communication",
        "Adaptabilité",
        "Collaboration",
        "Résolution de problèmes",
    ]
    # Shared rows come first, then the others.
    assert all(row.shared for row in comparison.soft_skills[:5])
    assert not any(row.shared for row in comparison.soft_skills[5:])
    assert len(comparison.soft_skills) == 13
    assert [row.skill.name for row in comparison.constraints if row.shared] == [
        "Gestion des décalages horaires",
        "Multilinguisme",
    ]
    summary = comparison.summary
    assert (summary.shared_soft, summary.shared_hard) == (5, 0)
    # HubSpot, Salesforce and Zoho CRM, plus Meltwater under two different families.
    assert (summary.shared_tools, summary.shared_constraints) == (4, 2)
    assert summary.fulfilment_gap.gap == 2
    assert summary.fulfilment_gap.labels == ["Flexibilité", "Stimulation", "Relations humaines"]
    gap = summary.salary_gap
    assert (gap.label, gap.bound, gap.low.value, gap.high.value, gap.gap) == (
        "CONFIRMÉ",
        "maximum",
        34000,
        60000,
        26000,
    )
    assert gap.high.column.career.title == RELATIONS


@pytest.mark.django_db
def test_hard_skills_are_the_union_with_each_score():
    logistics, relations = catalogue_pair()

    rows = build_comparison(load(logistics, relations)).hard_skills

    assert len(rows) == 12
    cells = {row.skill.name: [link.score if link else None for link in row.cells] for row in rows}
    assert cells["Chaîne logistique"] == [90, None]
    assert cells["Connaissance des affaires internationales"] == [None, 95]


@pytest.mark.django_db
def test_tools_by_family_shared_family_first():
    logistics, relations = catalogue_pair()

    groups = build_comparison(load(logistics, relations)).tools

    assert groups[0].family.name == CRM
    assert groups[0].shared
    assert [row.skill.name for row in groups[0].rows] == CRM_TOOLS
    assert all(row.shared and all(cell.listed for cell in row.cells) for row in groups[0].rows)
    assert len(groups) == 11
    watch = next(g for g in groups if g.family.name == "Veille stratégique")
    meltwater = next(row for row in watch.rows if row.skill.name == "Meltwater")
    assert meltwater.shared
    assert meltwater.cells[1].listed
    assert meltwater.cells[0].other_family.name == "Veille et recherche d'informations"


@pytest.mark.django_db
def test_fulfilment_rows_salary_rows_and_chart():
    logistics, relations = catalogue_pair()

    comparison = build_comparison(load(logistics, relations))

    assert [(row.label, row.values, row.gap) for row in comparison.fulfilment] == [
        ("Qualité de vie", [65, 65], 0),
        ("Flexibilité", [62, 60], 2),
        ("Stimulation", [77, 75], 2),
        ("Relations humaines", [83, 85], 2),
        ("Carrière", [75, 75], 0),
    ]
    assert len(comparison.chart.series) == 2
    assert all(len(series.markers) == 5 for series in comparison.chart.series)
    salary, chart = comparison.salary, comparison.salary_chart
    assert [row.label for row in salary] == ["DÉBUTANT", "CONFIRMÉ"]
    assert [(b.min_eur, b.max_eur) for b in salary[1].cells] == [
        (30000, 34000),
        (40000, 60000),
    ]
    # One common axis: 20 000 to 60 000 €, so the same amount sits at the same x.
    assert [tick.value for tick in chart.ticks] == [20000, 30000, 40000, 50000, 60000]
    starts = {bar.low: bar.x for group in chart.groups for bar in group.bars}
    assert starts[30000] == chart.ticks[1].position


@pytest.mark.django_db
def test_education_experience_evolution_and_missions_line_up():
    logistics, relations = catalogue_pair()

    comparison = build_comparison(load(logistics, relations))

    assert [row.label for row in comparison.education] == ["BTS", "BACHELOR", "MASTERE"]
    assert all(all(row.cells) for row in comparison.education)
    assert [len(paths) for paths in comparison.experience] == [3, 3]
    assert comparison.evolution[1][0].startswith("Plusieurs voies sont possibles. Un(e) Chargé(e)")
    assert len(comparison.missions) == 10
    assert comparison.mission_totals == [100, 100]


@pytest.mark.django_db
def test_columns_follow_the_given_order_and_three_way_sharing():
    logistics, relations = catalogue_pair()
    third = factories.CareerFactory(title="Troisième métier")
    factories.CareerSkillFactory(career=third, skill=factories.SkillFactory(name="Communication"))

    comparison = build_comparison(load(relations, third, logistics))

    assert [c.career for c in comparison.columns] == [relations, third, logistics]
    assert [c.number for c in comparison.columns] == [1, 2, 3]
    assert comparison.columns[1].without_query == f"?metiers={relations.slug},{logistics.slug}"
    first = comparison.soft_skills[0]
    assert (first.skill.name, first.shared, first.share_count) == ("Communication", True, 3)
    collaboration = next(r for r in comparison.soft_skills if r.skill.name == "Collaboration")
    assert (collaboration.shared, collaboration.share_count) == (False, 2)
    assert comparison.summary.salary_gap.gap == 26000


@pytest.mark.django_db
def test_a_single_career_is_a_comparison_of_one():
    career = make_sheet(LOGISTICS, SHEETS[LOGISTICS], missions_per_block=1)

    comparison = build_comparison(load(career))

    assert comparison.is_single
    assert comparison.summary.shared_soft == 0
    assert not any(row.shared for row in comparison.soft_skills)
    assert comparison.summary.fulfilment_gap is None
    assert comparison.summary.salary_gap is None


@pytest.mark.django_db
def test_empty_sheets_compare_without_error():
    first, second = factories.CareerFactory(), factories.CareerFactory()

    comparison = build_comparison(load(first, second))

    assert comparison.fulfilment == []
    assert comparison.salary == []
    assert comparison.missions == []
    assert comparison.summary.salary_gap is None


@pytest.mark.django_db
def test_the_page_loads_the_same_rows_as_for_comparison():
    careers = [*catalogue_pair(), factories.CareerFactory(title="Vide"), factories.CareerFactory()]
    for career in careers[:2]:
        factories.CareerSkillFactory(career=career)  # a link without a tool group
    loaded = list(Career.objects.filter(pk__in=[c.pk for c in careers]).order_by("pk"))
    load_comparison_rows(loaded)
    prefetched = list(
        Career.objects.filter(pk__in=[c.pk for c in careers]).order_by("pk").for_comparison()
    )
    for prefetch in comparison_prefetches():
        for page, export in zip(loaded, prefetched, strict=True):
            rows = [as_read(row) for row in getattr(page, prefetch.to_attr)]
            assert rows == [as_read(row) for row in getattr(export, prefetch.to_attr)], prefetch
    assert build_comparison(loaded) == build_comparison(prefetched)
