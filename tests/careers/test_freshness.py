"""Every write path keeps search, facets and pages right (careers.freshness, core.cache).

The admin, a shell and the importers write rows in different ways; after each,
a search for the new words finds the career, the old ones do not, and the
sheet and the list show what the database holds.
"""

import pytest
from django.db import transaction

from careers.models import Career, FaqEntry, Mission, MissionBlock, ToolGroup
from certifications.models import Component
from core.cache import catalogue_version
from core.text import normalise
from skills.models import Skill, ToolFamily
from tests import factories as f
from tests.adminpages import admin_url, resubmit, unchanged_post_data
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def found(words: str) -> list[str]:
    return list(Career.objects.search(words).values_list("title", flat=True))


@pytest.fixture
def sheet(catalogue) -> Career:
    return Career.objects.get(slug="assistante-logistique-internationale")


def test_a_skill_renamed_in_the_admin_is_searched_shown_and_faceted_at_once(admin_client, sheet):
    skill = Skill.objects.get(name="Gestion du stress")
    admin_client.get(sheet.get_absolute_url())  # cached with the old name
    admin_client.get("/metiers/?tout=soft")  # and the whole catalogue's facets

    resubmit(admin_client, Skill, skill, name="Sang-froid")

    assert sheet.title in found("sang-froid")
    assert "Sang-froid" in text_of(admin_client.get(sheet.get_absolute_url()))
    assert "Sang-froid" in text_of(admin_client.get("/metiers/?tout=soft"))


def test_a_tool_family_renamed_in_the_admin_is_searched_and_shown(admin_client, sheet):
    family = ToolFamily.objects.get(career_groups__career=sheet, name__contains="CRM")

    resubmit(admin_client, ToolFamily, family, name="Logiciels de relation client")

    assert sheet.title in found("logiciels de relation client")
    assert "Logiciels de relation client" in text_of(admin_client.get(sheet.get_absolute_url()))


def test_a_mission_block_deleted_from_its_own_page_leaves_search_and_the_sheet(admin_client, sheet):
    block = MissionBlock.objects.filter(career=sheet).order_by("position").first()
    gone = block.missions.order_by("position").first().text
    admin_client.get(sheet.get_absolute_url())

    response = admin_client.post(admin_url(MissionBlock, "delete", block.pk), {"post": "yes"})

    assert response.status_code == 302
    assert gone not in text_of(admin_client.get(sheet.get_absolute_url()))
    sheet.refresh_from_db()
    assert gone.lower()[:30] not in sheet.search_text


def test_tool_groups_deleted_in_bulk_leave_search(admin_client, sheet):
    groups = ToolGroup.objects.filter(career=sheet)
    # The family is named in the section's introduction too: it stays there alone.
    assert sheet.search_text.count("relation fournisseur (srm)") == 2
    before = catalogue_version()

    response = admin_client.post(
        admin_url(ToolGroup, "changelist"),
        {"action": "delete_selected", "_selected_action": [g.pk for g in groups], "post": "yes"},
    )

    assert response.status_code == 302
    assert catalogue_version() != before  # the cached sheet is retired
    sheet.refresh_from_db()
    assert sheet.search_text.count("relation fournisseur (srm)") == 1


@pytest.mark.django_db(transaction=True)
def test_a_row_edited_from_a_shell_is_searched_once_committed(sheet):
    mission = Mission.objects.filter(block__career=sheet).first()
    with transaction.atomic():
        mission.text = "Affréter des dirigeables"
        mission.save()
        assert found("dirigeables") == []  # not before the commit

    assert sheet.title in found("dirigeables")


def test_marks_of_a_rolled_back_transaction_are_forgotten(sheet):
    mission = Mission.objects.filter(block__career=sheet).first()
    with transaction.atomic():
        mission.text = "Jamais enregistré"
        mission.save()
        transaction.set_rollback(True)
    skill = f.SkillFactory(name="Zeugma")
    f.CareerSkillFactory(career=sheet, skill=skill)
    from careers.freshness import refresh_stale

    refresh_stale()

    assert sheet.title in found("zeugma")
    assert found("jamais enregistre") == []


def test_a_certification_component_edited_in_the_admin_shows_at_once(admin_client):
    component = f.ComponentFactory(title="Piloter les flux")
    page = component.certification.get_absolute_url()
    assert "Piloter les flux" in text_of(admin_client.get(page))
    before = catalogue_version()

    resubmit(admin_client, Component, component, title="Piloter les flux douaniers")

    assert catalogue_version() != before
    assert "Piloter les flux douaniers" in text_of(admin_client.get(page))


def test_a_mission_edited_on_its_block_page_shows_and_is_searched_at_once(admin_client, sheet):
    block = MissionBlock.objects.filter(career=sheet).order_by("position").first()
    admin_client.get(sheet.get_absolute_url())
    before = catalogue_version()

    resubmit(admin_client, MissionBlock, block, **{"missions-0-text": "Affréter des dirigeables"})

    assert catalogue_version() != before
    assert "Affréter des dirigeables" in text_of(admin_client.get(sheet.get_absolute_url()))
    assert found("dirigeables") == [sheet.title]


def test_a_row_deleted_through_an_inline_of_the_career_leaves_the_sheet_and_search(
    admin_client, client, sheet
):
    question = FaqEntry.objects.filter(career=sheet).order_by("position").first()
    assert question.question in text_of(client.get(sheet.get_absolute_url()))
    url = admin_url(Career, "change", sheet.pk)
    page = admin_client.get(url)
    [faq] = [
        i.formset for i in page.context["inline_admin_formsets"] if i.formset.model is FaqEntry
    ]
    index = next(n for n, form in enumerate(faq.forms) if form.instance == question)

    response = admin_client.post(
        url, {**unchanged_post_data(page), f"{faq.prefix}-{index}-DELETE": "on"}
    )

    assert response.status_code == 302
    assert question.question not in text_of(client.get(sheet.get_absolute_url()))
    sheet.refresh_from_db()
    assert normalise(question.question) not in sheet.search_text


@pytest.mark.django_db(transaction=True)
def test_rows_deleted_in_bulk_from_a_shell_leave_the_sheet_and_search(client, sheet):
    question = FaqEntry.objects.filter(career=sheet).first().question
    assert normalise(question) in sheet.search_text
    client.get(sheet.get_absolute_url())
    before = catalogue_version()

    FaqEntry.objects.filter(career=sheet).delete()

    assert catalogue_version() != before
    assert question not in text_of(client.get(sheet.get_absolute_url()))
    sheet.refresh_from_db()
    assert normalise(question) not in sheet.search_text


@pytest.mark.django_db(transaction=True)
def test_a_shared_skill_or_family_renamed_from_a_shell_refreshes_every_career_using_it(sheet):
    careers = set(Career.objects.values_list("title", flat=True))
    skill = Skill.objects.get(name="Communication")
    family = ToolFamily.objects.get(name="Gestion de la relation client (CRM)")
    assert set(skill.career_links.values_list("career__title", flat=True)) == careers
    assert set(family.career_groups.values_list("career__title", flat=True)) == careers

    skill.name = "Aisance relationnelle"
    skill.save()
    family.name = "Logiciels de relation client"
    family.save()

    assert set(found("aisance relationnelle")) == careers
    assert set(found("logiciels de relation client")) == careers
