"""careers.querysets: the reads the pages share."""

import pytest

from careers.models import Career
from skills.models import SkillKind
from tests import factories as f

pytestmark = pytest.mark.django_db


def linked(career, *skills) -> None:
    for skill in skills:
        f.CareerSkillFactory(career=career, skill=skill)


def test_careers_sharing_the_most_skills_and_tools_come_first_then_by_title(
    django_assert_num_queries,
):
    hard = [f.SkillFactory(kind=SkillKind.HARD) for _ in range(3)]
    tool = f.SkillFactory(kind=SkillKind.TOOL)
    soft = [f.SkillFactory(kind=SkillKind.SOFT) for _ in range(4)]
    career = f.CareerFactory(title="Le métier")
    linked(career, *hard, tool, *soft)
    linked(f.CareerFactory(title="Zèbre, trois en commun"), *hard)
    linked(f.CareerFactory(title="Abeille, deux en commun"), hard[0], tool)
    linked(f.CareerFactory(title="Castor, deux en commun"), hard[1], hard[2])
    # Qualities most careers share do not make a career close.
    linked(f.CareerFactory(title="Autruche, qualités seulement"), *soft)
    linked(f.CareerFactory(title="Brouillon", is_published=False), *hard, tool)

    with django_assert_num_queries(1):  # the careers come with their counts
        related = Career.objects.published().sharing_skills_with(career, limit=5)
        assert related[0].get_absolute_url() == "/metiers/zebre-trois-en-commun/"

    assert [(other.title, other.shared_count) for other in related] == [
        ("Zèbre, trois en commun", 3),
        ("Abeille, deux en commun", 2),
        ("Castor, deux en commun", 2),
    ]
    assert [other.title for other in Career.objects.sharing_skills_with(career, limit=2)] == [
        "Zèbre, trois en commun",
        "Abeille, deux en commun",
    ]


def test_a_career_without_skills_or_tools_has_no_neighbours(django_assert_num_queries):
    soft = f.SkillFactory(kind=SkillKind.SOFT)
    career = f.CareerFactory()
    linked(career, soft)
    linked(f.CareerFactory(), soft)
    with django_assert_num_queries(1):
        assert Career.objects.published().sharing_skills_with(career) == []


def test_a_pinned_set_is_read_by_id_and_keeps_a_join_that_found_it():
    kept = f.CareerFactory(title="Gardé")
    other = f.CareerFactory(title="Autre")
    hard = f.SkillFactory(kind=SkillKind.HARD)
    linked(kept, hard, f.SkillFactory(kind=SkillKind.SOFT))  # two links: one row still
    linked(other, f.SkillFactory(kind=SkillKind.SOFT))

    by_subquery = Career.objects.published().with_skill(SkillKind.HARD, hard.slug)
    by_join = Career.objects.published().filter(skill_links__skill__kind=SkillKind.HARD)

    for careers in (by_subquery, by_join):
        pinned = careers.pinned()
        assert pinned.pinned_ids == [kept.pk]
        assert list(pinned.values_list("title", flat=True)) == ["Gardé"]
