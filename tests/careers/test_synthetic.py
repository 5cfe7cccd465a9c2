"""seed_synthetic: full synthetic sheets from a shared vocabulary, additive and repeatable."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from careers.models import (
    Career,
    CareerSection,
    CareerSkill,
    Dimension,
    EducationLevel,
    ExperiencePath,
    FaqEntry,
    FulfilmentScore,
    Mission,
    MissionBlock,
    SalaryBand,
    ToolGroup,
)
from careers.sections import SHEET_KINDS
from careers.synthetic import seed_synthetic
from certifications.models import Certification, Competence, Component
from core.text import normalise
from skills.models import EDITORIAL_KINDS, Skill, SkillKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_synthetic(careers=6, certifications=4, seed=7, batch_size=4)
    return list(Career.objects.order_by("pk"))


def test_careers_are_marked_synthetic_in_flag_and_title(seeded):
    assert len(seeded) == 6
    for career in seeded:
        assert career.is_synthetic
        assert career.title.endswith(f"(synthétique n°{seeded.index(career) + 1})")


def test_every_section_of_every_sheet_is_filled(seeded):
    for career in seeded:
        sections = CareerSection.objects.filter(career=career)
        assert set(sections.values_list("kind", flat=True)) == set(SHEET_KINDS)
        assert all(s.heading and s.intro and s.note for s in sections)
        scores = FulfilmentScore.objects.filter(career=career)
        assert set(scores.values_list("dimension", flat=True)) == set(Dimension.values)
        assert MissionBlock.objects.filter(career=career).count() == 3
        assert Mission.objects.filter(block__career=career).count() >= 9
        links = CareerSkill.objects.filter(career=career)
        for kind in EDITORIAL_KINDS:
            assert links.filter(skill__kind=kind).exists(), kind
        hard = links.filter(skill__kind=SkillKind.HARD)
        assert all(link.score is not None and link.keywords and link.description for link in hard)
        groups = ToolGroup.objects.filter(career=career)
        assert groups.count() == 3
        assert not links.filter(skill__kind=SkillKind.TOOL, tool_group=None).exists()
        for model in (EducationLevel, ExperiencePath, SalaryBand, FaqEntry):
            assert model.objects.filter(career=career).exists(), model
        assert career.summary and career.search_text


def test_constraints_hold(seeded):
    assert not SalaryBand.objects.filter(min_eur__gt=F("max_eur")).exists()
    assert not FulfilmentScore.objects.filter(percent__gt=100).exists()
    assert not CareerSkill.objects.filter(score__gt=100).exists()


def test_vocabulary_is_shared_between_careers(seeded):
    used = Skill.objects.annotate(n=Count("career_links")).filter(n__gt=0)
    assert used.count() < CareerSkill.objects.count()
    assert Skill.objects.count() < 400


def test_search_text_holds_the_sheet_words(seeded):
    career = seeded[0]
    mission = Mission.objects.filter(block__career=career).first()
    assert normalise(mission.text) in career.search_text
    assert normalise(career.title) in career.search_text


def test_certifications_have_parts_and_codes():
    seed_synthetic(careers=0, certifications=5, seed=1)
    for certification in Certification.objects.all():
        assert certification.is_synthetic and "(synthétique n°" in certification.title
        assert certification.search_text
        assert certification.nsf_codes.exists()
        assert certification.certificationrome_set.exists()
        assert Component.objects.filter(certification=certification).count() >= 3
        assert Competence.objects.filter(component__certification=certification).exists()


def test_same_seed_gives_the_same_sheets():
    seed_synthetic(careers=3, certifications=0, seed=42)
    first = list(Career.objects.values_list("title", "summary", "search_text"))
    Career.objects.all().delete()
    seed_synthetic(careers=3, certifications=0, seed=42)
    assert list(Career.objects.values_list("title", "summary", "search_text")) == first


def test_seeding_is_additive_and_numbering_continues(seeded):
    seed_synthetic(careers=2, certifications=0, seed=7)
    titles = list(Career.objects.order_by("pk").values_list("title", flat=True))
    assert len(titles) == 8
    assert titles[-1].endswith("(synthétique n°8)")
    assert len(set(titles)) == 8


def test_command_reports_counts_and_time():
    out = StringIO()
    call_command("seed_synthetic", careers=2, certifications=1, seed=3, stdout=out)
    assert Career.objects.count() == 2
    assert Certification.objects.count() == 1
    assert "2 fiches métiers et 1 certifications" in out.getvalue()
    assert " s." in out.getvalue()
