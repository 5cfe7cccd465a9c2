"""certifications.loading: a certification's page reads what with_page_content() would
prefetch, in the same order."""

import pytest

from certifications.loading import load_card_codes, load_page_rows
from certifications.models import Certification, CompetenceKind
from tests import factories
from tests.careers.rows_support import as_read

pytestmark = pytest.mark.django_db

NESTED = ("top_competences", "ordered_children", "ordered_tasks", "ordered_units")


def read(row) -> dict:
    """A row and, in order, the rows each of its nested prefetches holds."""
    rows = {"row": as_read(row)}
    for attr in NESTED:
        if hasattr(row, attr):
            rows[attr] = [read(child) for child in getattr(row, attr)]
    return rows


def page_rows(certification) -> dict:
    return {
        "components": [read(c) for c in certification.ordered_components],
        "activities": [read(a) for a in certification.ordered_activities],
        "sections": [as_read(s) for s in certification.ordered_sections],
        "romes": [as_read(r) for r in certification.ordered_romes],
        "nsf": [as_read(n) for n in certification.nsf_codes.all()],
    }


def test_a_certification_loads_the_same_rows_as_with_page_content(django_assert_num_queries):
    certification = factories.CertificationFactory()
    other = factories.CertificationFactory()  # its rows are never read as these
    certification.nsf_codes.add(factories.NsfCodeFactory(), factories.NsfCodeFactory())
    components = []
    for position in (2, 0, 1):  # entered out of order: read by position
        component = factories.ComponentFactory(certification=certification, position=position)
        top = factories.CompetenceFactory(component=component, position=1)
        factories.CompetenceFactory(component=component, parent=top, position=3)
        factories.CompetenceFactory(component=component, parent=top, position=2)
        factories.CompetenceFactory(component=component, position=0, kind=CompetenceKind.KNOWLEDGE)
        components.append(component)
    factories.ComponentFactory(certification=other)
    for position in (1, 0):
        activity = factories.ActivityFactory(certification=certification, position=position)
        factories.ActivityTaskFactory(activity=activity, position=1)
        factories.ActivityTaskFactory(activity=activity, position=0)
        activity.units.add(*components[position:])
    factories.CertificationSectionFactory(certification=certification)
    factories.CertificationRomeFactory(certification=certification, position=1)
    factories.CertificationRomeFactory(certification=certification, position=0)
    loaded = Certification.objects.get(pk=certification.pk)

    # components, competences, their children; activities, tasks, units; sections, codes
    with django_assert_num_queries(9):
        load_page_rows(loaded)

    expected = Certification.objects.with_page_content().get(pk=certification.pk)
    assert page_rows(loaded) == page_rows(expected)
    assert [c.position for c in loaded.ordered_components] == [0, 1, 2]
    assert [[t.position for t in a.ordered_tasks] for a in loaded.ordered_activities] == [
        [0, 1],
        [0, 1],
    ]


def test_a_certification_without_rows_asks_nothing_under_them(django_assert_num_queries):
    certification = factories.CertificationFactory()
    loaded = Certification.objects.get(pk=certification.pk)

    with django_assert_num_queries(5):  # components, activities, sections, codes, NSF
        load_page_rows(loaded)

    assert loaded.ordered_components == loaded.ordered_activities == []


def test_a_page_of_cards_reads_the_codes_with_codes_gives(django_assert_num_queries):
    certifications = factories.CertificationFactory.create_batch(3)
    first, second, _ = certifications
    first.nsf_codes.add(factories.NsfCodeFactory(code="311"), factories.NsfCodeFactory(code="200"))
    for position, code in ((1, "N1301"), (0, "N1303")):
        factories.CertificationRomeFactory(
            certification=second, position=position, rome_code__code=code
        )
    ids = [certification.pk for certification in certifications]
    page = list(Certification.objects.filter(pk__in=ids).order_by("pk"))

    with django_assert_num_queries(2):
        load_card_codes(page, at_most=20)

    expected = Certification.objects.filter(pk__in=ids).order_by("pk").with_codes()
    assert [(c.card_nsf_codes, c.card_rome_codes) for c in page] == [
        ([nsf.code for nsf in c.nsf_codes.all()], [r.rome_code.code for r in c.ordered_romes])
        for c in expected
    ]
    assert [(c.card_nsf_codes, c.card_rome_codes) for c in page] == [
        (["200", "311"], []),
        ([], ["N1303", "N1301"]),
        ([], []),
    ]
