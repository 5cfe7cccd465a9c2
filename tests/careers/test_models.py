import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from careers.models import Career, Dimension, SectionKind
from tests import factories


def career_rows_with_natural_keys() -> dict:
    """One saved row of every careers model, keyed by model."""
    career = factories.CareerFactory(title="Responsable logistique")
    tool = factories.ToolLinkFactory(career=career)
    mission = factories.MissionFactory(block=factories.MissionBlockFactory(career=career))
    rows = [
        career,
        factories.CareerSectionFactory(career=career),
        factories.FulfilmentScoreFactory(career=career),
        mission.block,
        mission,
        tool.tool_group,
        tool,
        factories.EducationLevelFactory(career=career),
        factories.ExperiencePathFactory(career=career),
        factories.SalaryBandFactory(career=career),
        factories.FaqEntryFactory(career=career),
        factories.CareerRomeFactory(career=career),
        factories.AppellationFactory(career=career),
        factories.SkillGroupFactory(career=career),
        factories.SectorFactory(career=career),
        factories.MobilityFactory(career=career),
    ]
    return {type(row): row for row in rows}


def duplicate_position(factory, **other_fields):
    """A second row at the first one's place, differing in `other_fields` only."""

    def build():
        first = factory()
        parent = {"block": first.block} if hasattr(first, "block") else {"career": first.career}
        factory(**parent, position=first.position, **other_fields)

    return build


def twice(factory, **fields):
    """The same row saved twice: what a unique constraint must refuse."""

    def build():
        factory(**fields)
        factory(**fields)

    return build


def two_sections_of_one_kind():
    career = factories.CareerFactory()
    twice(factories.CareerSectionFactory, career=career, kind=SectionKind.FAQ)()


def one_skill_twice_on_a_sheet():
    fields = {"career": factories.CareerFactory(), "skill": factories.SkillFactory()}
    twice(factories.CareerSkillFactory, **fields)()


UNIQUE = "(?i)unique"
# What the database must refuse, and the constraint named in its message (either backend).
REFUSED = {
    "fulfilment above 100 %": (
        lambda: factories.FulfilmentScoreFactory(percent=120),
        "fulfilment_percent_0_100",
    ),
    "unknown fulfilment dimension": (
        lambda: factories.FulfilmentScoreFactory(dimension="bonheur"),
        "fulfilment_dimension_valid",
    ),
    "hard-skill score above 100": (
        lambda: factories.HardSkillLinkFactory(score=140),
        "careerskill_score_0_100",
    ),
    "salary minimum above maximum": (
        lambda: factories.SalaryBandFactory(min_eur=30000, max_eur=26000),
        "salary_min_lte_max",
    ),
    "unknown section kind": (
        lambda: factories.CareerSectionFactory(kind="recettes"),
        "section_kind_valid",
    ),
    "more than 600 ECTS": (
        lambda: factories.EducationLevelFactory(ects=601),
        "education_ects_range",
    ),
    "duplicate career slug": (twice(factories.CareerFactory, slug="logisticien"), UNIQUE),
    "two sections of one kind": (two_sections_of_one_kind, UNIQUE),
    "same skill twice on a sheet": (one_skill_twice_on_a_sheet, UNIQUE),
    "duplicate section position": (
        duplicate_position(factories.CareerSectionFactory, kind=SectionKind.FAQ),
        UNIQUE,
    ),
    "duplicate fulfilment position": (
        duplicate_position(factories.FulfilmentScoreFactory, dimension=Dimension.CAREER),
        UNIQUE,
    ),
    "duplicate mission block position": (duplicate_position(factories.MissionBlockFactory), UNIQUE),
    "duplicate mission position": (duplicate_position(factories.MissionFactory), UNIQUE),
    "duplicate tool group position": (duplicate_position(factories.ToolGroupFactory), UNIQUE),
    "duplicate education position": (duplicate_position(factories.EducationLevelFactory), UNIQUE),
    "duplicate experience position": (
        duplicate_position(factories.ExperiencePathFactory),
        UNIQUE,
    ),
    "duplicate salary position": (duplicate_position(factories.SalaryBandFactory), UNIQUE),
    "duplicate FAQ position": (duplicate_position(factories.FaqEntryFactory), UNIQUE),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("build", "constraint"), REFUSED.values(), ids=REFUSED.keys())
def test_database_refuses(build, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        build()


@pytest.mark.django_db
def test_database_accepts_the_bounds():
    factories.FulfilmentScoreFactory(percent=100)
    factories.FulfilmentScoreFactory(percent=0)
    factories.HardSkillLinkFactory(score=100)
    factories.SalaryBandFactory(min_eur=26000, max_eur=26000)
    factories.CareerSkillFactory(score=None)


@pytest.mark.django_db
def test_every_model_with_a_natural_key_round_trips():
    rows = career_rows_with_natural_keys()

    with_natural_keys = {
        model
        for model in apps.get_app_config("careers").get_models()
        if hasattr(model, "natural_key")
    }
    assert set(rows) == with_natural_keys
    for model, row in rows.items():
        assert model.objects.get_by_natural_key(*row.natural_key()) == row


@pytest.mark.django_db
def test_str_is_readable():
    career = factories.CareerFactory(title="Responsable logistique")
    block = factories.MissionBlockFactory(career=career, position=0)

    assert str(career) == "Responsable logistique"
    assert str(factories.CareerSectionFactory(career=career, kind=SectionKind.SALARY)) == (
        "Responsable logistique — Salaire"
    )
    assert str(factories.FulfilmentScoreFactory(percent=65)) == "Qualité de vie 65 %"
    assert str(block) == "Responsable logistique — bloc 1"
    assert str(factories.MissionBlockFactory(title="Gestion des stocks")) == "Gestion des stocks"
    assert str(factories.MissionFactory(text="Organiser les expéditions")) == (
        "Organiser les expéditions"
    )
    group = factories.ToolGroupFactory(career=career, family__name="Logiciels de gestion (ERP)")
    assert str(group) == "Responsable logistique — Logiciels de gestion (ERP)"
    link = factories.CareerSkillFactory(career=career, skill__name="Communication")
    assert str(link) == "Responsable logistique — Communication"
    assert str(factories.EducationLevelFactory(name="BTS", level_label="BAC +2")) == (
        "BTS (BAC +2)"
    )
    assert str(factories.EducationLevelFactory(name="Licence", level_label="")) == "Licence"
    assert str(factories.ExperiencePathFactory(title="Magasinier")) == "Magasinier"
    band = factories.SalaryBandFactory(label="DÉBUTANT", min_eur=22000, max_eur=26000)
    assert str(band) == "DÉBUTANT : 22000–26000 €"
    assert str(factories.FaqEntryFactory(question="Quel salaire ?")) == "Quel salaire ?"


@pytest.mark.django_db
def test_career_url_is_its_public_sheet():
    assert Career(slug="logisticien").get_absolute_url() == "/metiers/logisticien/"
