"""core.prepared: a query compiled once, run with other values."""

import pytest
from django.db.models import Count, Q

from careers.models import Career, Mobility
from core.prepared import PreparedInstances, PreparedQuery, marker_ids
from tests.factories import CareerFactory

pytestmark = pytest.mark.django_db

(ANY,) = marker_ids(1)


def test_each_run_puts_its_values_where_the_markers_were(django_assert_num_queries):
    first, second = CareerFactory(title="Premier"), CareerFactory(title="Second")
    query = PreparedQuery.of(
        Career.objects.filter(pk=ANY).values_list("title", "is_published"), [ANY]
    )
    with django_assert_num_queries(1):
        assert [title for title, _ in query.rows([first.pk])] == ["Premier"]
    assert [title for title, _ in query.rows([second.pk])] == ["Second"]
    assert query.rows([ANY]) == []


@pytest.mark.parametrize(
    "queryset",
    [
        lambda: Career.objects.filter(pk=1),  # the marker is not there
        lambda: Career.objects.filter(Q(pk=ANY) | Q(pk__gt=ANY)),  # twice: which one?
    ],
)
def test_a_marker_missing_or_repeated_is_refused(queryset):
    with pytest.raises(ValueError, match="marqueur"):
        PreparedQuery.of(queryset(), [ANY])


def test_marker_ids_are_distinct_and_below_any_key():
    markers = marker_ids(10)
    assert len(set(markers)) == 10
    assert max(markers) < 0


def test_prepared_instances_are_built_with_the_objects_selected_with_them(
    django_assert_num_queries,
):
    origin, target = CareerFactory(title="Cariste"), CareerFactory(title="Magasinier")
    Mobility.objects.create(career=origin, position=0, target_code="N1103", target=target)
    Mobility.objects.create(career=origin, position=1, target_code="N1105")  # not in the catalogue
    mobilities = PreparedInstances.of(
        Mobility.objects.select_related("target").filter(career=ANY).order_by("position"), [ANY]
    )
    with django_assert_num_queries(1):
        linked, unlinked = mobilities.instances([origin.pk])
        assert (linked.target_code, linked.target.title) == ("N1103", "Magasinier")
        assert linked.target.is_published is True
        assert unlinked.target is None
    assert mobilities.instances([target.pk]) == []


def test_annotations_and_prefetches_are_not_prepared():
    with pytest.raises(ValueError, match="ne se préparent pas"):
        PreparedInstances.of(Career.objects.filter(pk=ANY).annotate(n=Count("pk")), [ANY])
    with pytest.raises(ValueError, match="ne se préparent pas"):
        PreparedInstances.of(Career.objects.filter(pk=ANY).prefetch_related("sector_set"), [ANY])
