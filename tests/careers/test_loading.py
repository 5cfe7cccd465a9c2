"""careers.loading: a page of cards reads what for_cards() would prefetch."""

import pytest

from careers.loading import load_card_rows
from careers.models import Career
from careers.querysets import card_prefetches
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
