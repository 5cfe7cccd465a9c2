"""import_jobsheet: creating, updating in place, sharing the vocabulary."""

from dataclasses import replace

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from careers.jobsheet import parse_jobsheet, read_jobsheet
from careers.models import (
    Career,
    CareerSection,
    CareerSkill,
    Dimension,
    FaqEntry,
    FulfilmentScore,
    Mission,
    SalaryBand,
    SectionKind,
    ToolGroup,
)
from careers.rows import refresh_search_text
from careers.sections.faq import FaqSection
from careers.sections.fulfilment import DIMENSION_BY_LABEL
from careers.sections.missions import MissionsSection
from careers.sections.salary import SalarySection
from careers.sections.skills import ConstraintsSection, SoftSkillsSection
from careers.services import CREATED, UNCHANGED, UPDATED, import_jobsheet, import_jobsheets
from careers.textformat import JobSheetError
from core.text import normalise
from skills.models import Skill, SkillKind, ToolFamily
from tests import factories
from tests.careers.catalogue import LOGISTICS_SHEET as LOGISTICS
from tests.careers.catalogue import RELATIONS_SHEET as RELATIONS
from tests.careers.catalogue import SECTION_ORDER

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def logistics():
    return read_jobsheet(LOGISTICS)


@pytest.fixture(scope="module")
def relations():
    return read_jobsheet(RELATIONS)


def without(sheet, kind, **changes):
    """The sheet with one section changed (or dropped when `changes` is empty)."""
    sections = []
    for part in sheet.sections:
        if not isinstance(part, kind):
            sections.append(part)
        elif changes:
            sections.append(replace(part, **changes))
    return replace(sheet, sections=tuple(sections))


def test_dimension_labels_map_onto_every_dimension():
    assert set(DIMENSION_BY_LABEL.values()) == set(Dimension)
    assert DIMENSION_BY_LABEL["qualite de vie"] == Dimension.QUALITY_OF_LIFE


def test_first_import_creates_the_career(logistics):
    report = import_jobsheet(sheet=logistics, source_name="assistant.txt")

    career = Career.objects.get()
    assert (career.slug, career.title, career.source_name) == (
        "assistante-logistique-internationale",
        "Assistant(e) logistique internationale",
        "assistant.txt",
    )
    assert career.summary == logistics.summary
    assert report.status == CREATED
    assert report.change("missions").added == 100
    assert report.change("soft skills").added == 9
    assert report.change("outils").added == 18
    assert report.change("sections").added == 11
    assert "créée" in str(report)


def test_sections_follow_the_source_order(logistics):
    import_jobsheet(sheet=logistics)
    assert (
        list(CareerSection.objects.order_by("position").values_list("kind", flat=True))
        == SECTION_ORDER
    )
    assert list(FulfilmentScore.objects.values_list("dimension", "percent")) == [
        (Dimension.QUALITY_OF_LIFE, 65),
        (Dimension.FLEXIBILITY, 62),
        (Dimension.STIMULATION, 77),
        (Dimension.HUMAN_RELATIONS, 83),
        (Dimension.CAREER, 75),
    ]


def test_the_vocabulary_is_shared(logistics, relations):
    import_jobsheets(sheets=[logistics, relations])

    for kind, name in [
        (SkillKind.SOFT, "Communication"),
        (SkillKind.TOOL, "HubSpot"),
        (SkillKind.TOOL, "Zoho CRM"),
        (SkillKind.CONSTRAINT, "Multilinguisme"),
    ]:
        skill = Skill.objects.get(kind=kind, name=name)
        assert skill.career_links.count() == 2
        assert skill.search_text == normalise(name)
    assert ToolFamily.objects.filter(name="Gestion de la relation client (CRM)").count() == 1
    meltwater = CareerSkill.objects.filter(skill__name="Meltwater")
    assert sorted(meltwater.values_list("tool_group__family__name", flat=True)) == [
        "Veille et recherche d'informations",
        "Veille stratégique",
    ]
    assert Skill.objects.count() == 73
    assert ToolFamily.objects.count() == 11


def test_search_finds_every_part_of_the_sheet(logistics, relations):
    import_jobsheets(sheets=[logistics, relations])
    assert Career.objects.search("epanouissement").count() == 2
    assert Career.objects.search("Relations humaines").count() == 2
    assert Career.objects.search("necessaire mastere").count() == 2
    assert list(Career.objects.search("Generix").values_list("slug", flat=True)) == [
        "assistante-logistique-internationale"
    ]
    assert Career.objects.search("dictionnaire salaire").count() == 2
    assert Career.objects.search("Digimind").count() == 1


def test_importing_the_same_text_again_changes_nothing(logistics, django_assert_num_queries):
    import_jobsheet(sheet=logistics, source_name="a.txt")
    career = Career.objects.get()
    pks = set(CareerSkill.objects.values_list("pk", flat=True))

    # The career and its digest, in a savepoint: its rows are not even read.
    with django_assert_num_queries(3):
        report = import_jobsheet(sheet=logistics, source_name="a.txt")

    assert report.status == UNCHANGED
    assert report.changes == ()
    assert "inchangée" in str(report)
    assert Career.objects.get().updated_at == career.updated_at
    assert set(CareerSkill.objects.values_list("pk", flat=True)) == pks


def test_import_queries_do_not_grow_with_items(logistics):
    """Into an empty catalogue, a sheet with ten times fewer missions and questions costs the
    same queries: one insert per kind of row."""
    missions, faq = (
        next(p for p in logistics.sections if isinstance(p, kind))
        for kind in (MissionsSection, FaqSection)
    )
    trimmed = without(
        without(logistics, MissionsSection, blocks=missions.blocks[:1]),
        FaqSection,
        entries=faq.entries[:1],
    )
    counts = []
    # The first import of a process also fills the content types' cache (the history's).
    for sheet in (trimmed, logistics, trimmed):
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            import_jobsheet(sheet=sheet)
            transaction.set_rollback(True)
        counts.append(len(queries))
    assert counts[1] == counts[2]


def test_reimport_updates_in_place_and_removes_dropped_rows(logistics, relations):
    import_jobsheets(sheets=[logistics, relations])
    career = Career.objects.get(slug="assistante-logistique-internationale")
    soft = next(part for part in logistics.sections if isinstance(part, SoftSkillsSection))
    salary = next(part for part in logistics.sections if isinstance(part, SalarySection))
    edited = without(logistics, SoftSkillsSection, skills=soft.skills[1:])  # no "Rigueur"
    edited = without(edited, SalarySection, bands=(replace(salary.bands[0], max_eur=27000),))
    edited = without(edited, FaqSection)
    edited = without(edited, ConstraintsSection)

    report = import_jobsheet(sheet=edited)

    assert report.status == UPDATED
    assert Career.objects.get(slug=career.slug).pk == career.pk
    assert report.change("soft skills").removed == 1
    assert report.change("soft skills").added == 0
    assert (report.change("salaires").added, report.change("salaires").removed) == (1, 2)
    assert report.change("questions fréquentes").removed == 6
    assert report.change("missions").added == 0
    assert "mise à jour" in str(report)

    assert not FaqEntry.objects.filter(career=career).exists()
    assert not CareerSection.objects.filter(career=career, kind=SectionKind.FAQ).exists()
    assert list(SalaryBand.objects.filter(career=career).values_list("min_eur", "max_eur")) == [
        (22000, 27000)
    ]
    assert Mission.objects.filter(block__career=career).count() == 100
    # "Rigueur" was only this career's: it stays in the vocabulary (its page keeps its
    # address, another sheet may name it again), named by no career.
    assert not Skill.objects.get(name="Rigueur").career_links.exists()
    # "Multilinguisme" is still the other career's constraint.
    multilingual = Skill.objects.get(kind=SkillKind.CONSTRAINT, name="Multilinguisme")
    assert list(multilingual.career_links.values_list("career__slug", flat=True)) == [
        "chargee-de-mission-relations-internationales"
    ]
    # Sections keep following the source order, without gaps.
    positions = CareerSection.objects.filter(career=career).values_list("position", flat=True)
    assert list(positions) == list(range(9))


def test_a_slug_taken_by_another_kind_gets_the_kind_as_suffix(relations):
    factories.SkillFactory(kind=SkillKind.SOFT, name="Logistique")  # slug "logistique"

    import_jobsheet(sheet=relations)

    constraint = Skill.objects.get(kind=SkillKind.CONSTRAINT, name="Logistique")
    assert constraint.slug == "logistique-constraint"


def test_an_existing_tool_family_is_reused(relations):
    family = factories.ToolFamilyFactory(name="Traduction")
    import_jobsheet(sheet=relations)
    assert ToolGroup.objects.get(family__name="Traduction").family == family


def test_an_unknown_dimension_is_an_error_at_its_line(relations):
    text = RELATIONS.read_text(encoding="utf-8").replace("Stimulation 75%", "Salaire 75%", 2)
    sheet = parse_jobsheet(text, source="fiche.txt")

    with pytest.raises(JobSheetError) as caught:
        import_jobsheet(sheet=sheet)

    assert str(caught.value).startswith(
        "fiche.txt:8: dimension d'épanouissement inconnue 'Salaire'"
    )
    assert "(attendu : l'une de Qualité de vie, Flexibilité" in str(caught.value)
    assert not Career.objects.exists()


def test_a_text_too_long_for_its_field_is_an_error(relations):
    text = RELATIONS.read_text(encoding="utf-8").replace("\nDiplomatie\n", "\n" + "D" * 256 + "\n")
    sheet = parse_jobsheet(text, source="fiche.txt")

    with pytest.raises(JobSheetError) as caught:
        import_jobsheet(sheet=sheet)

    assert str(caught.value).startswith("fiche.txt:170: soft skills : 'DDDD")
    assert "(attendu : 255 au plus)" in str(caught.value)
    assert not Skill.objects.exists()


def test_two_files_of_the_same_career_are_refused(logistics):
    twin = replace(logistics, source="copie.txt")
    with pytest.raises(JobSheetError, match=r"copie.txt:1: l'intitulé .* est déjà celui de"):
        import_jobsheets(sheets=[logistics, twin])
    assert not Career.objects.exists()


LISTENING_SHEET = """{title}
Le/la {title} répond aux clients.
#SOFTSKILLS

Les Soft Skills

Le métier repose sur l'écoute.

{skill}

Savoir écouter est essentiel au quotidien.
"""


def test_sheets_of_one_batch_spelling_a_skill_two_ways_share_it():
    sheets = [
        parse_jobsheet(LISTENING_SHEET.format(title=title, skill=skill), source=f"{number}.txt")
        for number, (title, skill) in enumerate(
            [("Conseiller clientèle", "Écoute active"), ("Agent d'accueil", "Ecoute\u00a0active")]
        )
    ]

    import_jobsheets(sheets=sheets)

    [skill] = Skill.objects.all()
    assert skill.name == "Écoute active"
    assert CareerSkill.objects.filter(skill=skill).count() == 2


def test_dry_run_reports_and_writes_nothing(logistics):
    reports = import_jobsheets(sheets=[logistics], dry_run=True)
    assert reports[0].status == CREATED
    assert not Career.objects.exists()
    assert not Skill.objects.exists()


@pytest.mark.django_db
def test_refresh_search_text_follows_an_edit_of_the_rows():
    mission = factories.MissionFactory(text="Affréter des navires polaires")
    career = mission.block.career

    refresh_search_text([career.pk])

    assert Career.objects.search("navires polaires").filter(pk=career.pk).exists()
    mission.text = "Négocier les tarifs"
    mission.save()
    refresh_search_text([career.pk])
    assert not Career.objects.search("navires polaires").filter(pk=career.pk).exists()
