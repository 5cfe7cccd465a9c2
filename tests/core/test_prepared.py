"""core.prepared: a query compiled once, run with other values."""

import pytest
from django.db.models import F, Prefetch, Q

from careers.models import Career, CareerSkill, Mobility, SkillGroup
from core.prepared import (
    PreparedInstances,
    PreparedPrefetch,
    PreparedQuery,
    marker_ids,
    padded,
)
from tests.factories import CareerFactory, SkillFactory

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


def test_a_repeated_marker_takes_its_value_at_each_place():
    first, second, third = CareerFactory(), CareerFactory(), CareerFactory()
    either = Career.objects.filter(Q(pk=ANY) | Q(pk__gt=ANY)).order_by("pk")
    query = PreparedQuery.of(either.values_list("pk"), [ANY], repeated=[ANY])
    assert [pk for (pk,) in query.rows([second.pk])] == [second.pk, third.pk]
    assert [pk for (pk,) in query.rows([first.pk])] == [first.pk, second.pk, third.pk]


def test_a_prepared_prefetch_takes_other_values_at_each_load():
    career = CareerFactory()
    for position, label in enumerate(["Quai", "Stock"]):
        SkillGroup.objects.create(
            career=career, position=position, kind="savoir_faire", label=label
        )
    named = Prefetch("skillgroup_set", SkillGroup.objects.filter(label="\x00label"), "named")
    prepared = PreparedPrefetch.of(named, Career, 1, "default", texts=["\x00label"])
    prepared.load([career], texts=["Stock"])
    assert [group.label for group in career.named] == ["Stock"]
    prepared.load([career], texts=["Ventes"])
    assert career.named == []


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


def test_prepared_instances_carry_their_annotations_and_leave_prefetches_out():
    career = CareerFactory()
    doubled = PreparedInstances.of(Career.objects.filter(pk=ANY).annotate(twice=F("pk") * 2), [ANY])
    assert doubled.instances([career.pk])[0].twice == 2 * career.pk
    with pytest.raises(ValueError, match="PreparedPrefetch"):
        PreparedInstances.of(Career.objects.filter(pk=ANY).prefetch_related("sector_set"), [ANY])


def test_a_prepared_prefetch_deals_the_rows_out_to_each_parent_and_under_them(
    django_assert_num_queries,
):
    first, second, third = CareerFactory(), CareerFactory(), CareerFactory()
    for career, labels in ((first, ["Quai", "Stock"]), (second, ["Ventes"])):
        for position, label in enumerate(labels):
            group = SkillGroup.objects.create(
                career=career, position=position, kind="savoir_faire", label=label
            )
            skill = SkillFactory(name=f"Savoir {label}")
            CareerSkill.objects.create(career=career, skill=skill, group=group, position=position)
    links = CareerSkill.objects.select_related("skill").order_by("position")
    groups = Prefetch(
        "skillgroup_set",
        SkillGroup.objects.order_by("position").prefetch_related(Prefetch("links", links, "items")),
        "groups",
    )
    prepared = PreparedPrefetch.of(groups, Career, 3, "default")

    with django_assert_num_queries(2):  # the groups, then their links
        prepared.load([second, first, third])
        assert [g.label for g in first.groups] == ["Quai", "Stock"]
        assert [[link.skill.name for link in g.items] for g in first.groups] == [
            ["Savoir Quai"],
            ["Savoir Stock"],
        ]
        assert [g.label for g in second.groups] == ["Ventes"]
        assert third.groups == []
        assert first.groups[0].career is first
        assert first.groups[0].items[0].group is first.groups[0]
    with pytest.raises(ValueError, match="Au plus 3"):
        prepared.load([first, second, third, CareerFactory()])


def test_a_prefetch_without_to_attr_or_of_a_forward_key_is_refused():
    with pytest.raises(ValueError, match="to_attr"):
        PreparedPrefetch.of(Prefetch("sector_set"), Career, 1, "default")
    with pytest.raises(ValueError, match="ne lit pas"):
        PreparedPrefetch.of(Prefetch("career", Career.objects.all(), "x"), Mobility, 1, "default")


def test_fewer_values_than_markers_are_padded_with_the_markers_left():
    markers = marker_ids(3)

    assert padded([7], markers) == [7, markers[1], markers[2]]
    assert padded((7, 8, 9), markers) == [7, 8, 9]
    with pytest.raises(ValueError, match="Au plus 3"):
        padded([1, 2, 3, 4], markers)
