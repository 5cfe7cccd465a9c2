"""core.idlists: a list of ids as one SQL parameter, on either database."""

import pytest

from careers.models import Career, CareerSkill
from core.idlists import AmongIds
from tests.factories import CareerFactory, CareerSkillFactory

pytestmark = pytest.mark.django_db


def test_the_rows_whose_field_is_listed_are_kept():
    first, second, third = CareerFactory.create_batch(3)
    found = Career.objects.filter(AmongIds("pk", [first.pk, third.pk, 10**9])).order_by("pk")
    assert list(found) == [first, third]
    CareerSkillFactory(career=first)
    CareerSkillFactory(career=second)
    links = CareerSkill.objects.filter(AmongIds("career_id", [second.pk]))
    assert [link.career for link in links] == [second]


def test_a_thousand_ids_are_one_parameter():
    query = Career.objects.filter(AmongIds("pk", range(1, 1001))).query
    _, params = query.sql_with_params()
    assert len(params) == 1
    assert Career.objects.filter(AmongIds("pk", range(1, 1001))).count() == 0
