"""The comparison tray, kept in the visitor's session."""

import pytest

from careers.models import Career
from careers.tray import SESSION_KEY, TrayOutcome, add_to_tray, remove_from_tray, tray_slugs
from core.selection import MAX_COMPARED
from tests import factories


@pytest.mark.django_db
def test_add_to_tray_refuses_a_fifth_and_ignores_a_second_add():
    careers = factories.CareerFactory.create_batch(MAX_COMPARED + 1)
    session = {}

    outcomes = [add_to_tray(session=session, slug=c.slug).outcome for c in careers]

    assert outcomes == [TrayOutcome.ADDED] * MAX_COMPARED + [TrayOutcome.FULL]
    assert tray_slugs(session) == [c.slug for c in careers[:MAX_COMPARED]]
    again = add_to_tray(session=session, slug=careers[0].slug)
    assert again.outcome == TrayOutcome.ALREADY_THERE
    assert tray_slugs(session) == [c.slug for c in careers[:MAX_COMPARED]]


@pytest.mark.django_db
def test_careers_gone_from_the_catalogue_free_their_place():
    kept, unpublished, deleted, new = factories.CareerFactory.create_batch(4)
    session = {SESSION_KEY: [kept.slug, unpublished.slug, deleted.slug]}
    Career.objects.filter(pk=unpublished.pk).update(is_published=False)
    deleted.delete()

    change = add_to_tray(session=session, slug=new.slug)

    assert change.outcome == TrayOutcome.ADDED
    assert session[SESSION_KEY] == [kept.slug, new.slug]


@pytest.mark.django_db
def test_unknown_career_is_not_added_and_remove_is_idempotent():
    career = factories.CareerFactory()
    session = {SESSION_KEY: [career.slug]}

    assert add_to_tray(session=session, slug="inconnu").outcome == TrayOutcome.UNKNOWN
    assert remove_from_tray(session=session, slug=career.slug).title == career.title
    assert remove_from_tray(session=session, slug=career.slug).outcome == TrayOutcome.REMOVED
    assert session[SESSION_KEY] == []


def test_tray_slugs_ignores_a_tampered_session():
    assert tray_slugs({SESSION_KEY: "abc"}) == []
    assert tray_slugs({SESSION_KEY: ["a", 3, None, "b"]}) == ["a", "b"]
