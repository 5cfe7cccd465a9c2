"""careers.loading: a page of cards reads what for_cards() would prefetch."""

import pytest

from careers.loading import load_card_rows, load_linked_certifications, load_sheet_rows
from careers.models import Career
from careers.querysets import card_prefetches
from certifications.models import Certification
from skills.models import SkillKind
from tests import factories
from tests.careers.rows_support import as_read

pytestmark = pytest.mark.django_db


def test_a_page_of_cards_loads_the_same_rows_as_for_cards(django_assert_num_queries):
    careers = factories.CareerFactory.create_batch(3)
    for career, scores in zip(careers, ([70, 30, 90], [40], []), strict=True):
        for position, score in enumerate(scores):
            skill = factories.SkillFactory(kind=SkillKind.HARD)
            factories.CareerSkillFactory(career=career, skill=skill, position=position, score=score)
        factories.CareerSkillFactory(career=career, skill=factories.SkillFactory(kind="soft"))
    ids = [career.pk for career in careers]
    page = list(Career.objects.filter(pk__in=ids).order_by("pk").card_columns())
    with django_assert_num_queries(1):
        load_card_rows(page, at_most=20)
    prefetched = list(Career.objects.filter(pk__in=ids).order_by("pk").for_cards())
    for prefetch in card_prefetches():
        for loaded, expected in zip(page, prefetched, strict=True):
            rows = [as_read(row) for row in getattr(loaded, prefetch.to_attr)]
            assert rows == [as_read(row) for row in getattr(expected, prefetch.to_attr)]
    scores = [[link.score for link in career.top_hard_skills] for career in page]
    assert scores == [[90, 70, 30], [40], []]


def test_a_sheets_certifications_are_those_the_querysets_name(django_assert_num_queries):
    career = factories.CareerFactory()
    codes = [factories.CareerRomeFactory(career=career).rome_code for _ in range(2)]
    named = [
        factories.CertificationRomeFactory(rome_code=code, certification__level=level).certification
        for code, level in ((codes[0], 6), (codes[1], 5), (codes[1], 7))
    ]
    factories.CertificationRomeFactory(rome_code=codes[0], certification__is_published=False)
    for level in (5, 5, 5, 6, 7, 3):
        factories.CertificationFactory(level=level)
    factories.CertificationFactory(level=5, is_published=False)
    levels, at_most = [5, 6], 4
    load_sheet_rows(career)

    with django_assert_num_queries(2):
        by_rome, at_levels = load_linked_certifications(career, levels=levels, at_most=at_most)

    published = Certification.objects.published()
    expected_by_rome = list(published.naming_rome([code.code for code in codes]))
    expected_at_levels = list(
        published.at_levels(levels).exclude(pk__in=[c.pk for c in named])[:at_most]
    )
    assert [c.pk for c in by_rome] == [c.pk for c in expected_by_rome]
    assert [as_read(c) for c in by_rome] == [as_read(c) for c in expected_by_rome]
    assert [as_read(c) for c in at_levels] == [as_read(c) for c in expected_at_levels]
    assert {c.level for c in at_levels} == {5, 6} and len(at_levels) == at_most

    with django_assert_num_queries(1):  # no level: no query for them
        assert load_linked_certifications(career, levels=[], at_most=at_most)[1] == []
