import pytest
from django.apps import apps
from django.urls import reverse

from careers.models import Career, MissionBlock, ToolGroup
from careers.usage import SkillUsage
from tests import factories
from tests.adminpages import (
    admin_url,
    assert_pages_answer,
    registered_or_inlined,
    unchanged_post_data,
)


def build_sheet(title: str = "Responsable logistique") -> Career:
    """A career with at least one row in every section."""
    career = factories.CareerFactory(title=title)
    factories.CareerSectionFactory(career=career)
    factories.FulfilmentScoreFactory(career=career)
    factories.MissionFactory(block=factories.MissionBlockFactory(career=career))
    factories.CareerSkillFactory(career=career)
    factories.HardSkillLinkFactory(career=career)
    factories.ToolLinkFactory(career=career)
    factories.EducationLevelFactory(career=career)
    factories.ExperiencePathFactory(career=career)
    factories.SalaryBandFactory(career=career)
    factories.FaqEntryFactory(career=career)
    return career


def test_every_career_model_is_editable_in_the_admin():
    registered, inlined = registered_or_inlined("careers")
    assert set(apps.get_app_config("careers").get_models()) <= registered | inlined


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "row_of"),
    [
        (Career, lambda career: career),
        (MissionBlock, lambda career: career.missionblock_set.get()),
        (ToolGroup, lambda career: career.toolgroup_set.get()),
    ],
)
def test_admin_pages_answer_for_a_superuser(admin_client, model, row_of):
    obj = row_of(build_sheet("Responsable logistique"))
    build_sheet("Assistant commercial")

    assert_pages_answer(admin_client, model, obj)
    response = admin_client.get(admin_url(model, "changelist"), {"q": "logistique"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [obj]


@pytest.mark.django_db
def test_career_search_ignores_accents(admin_client):
    career = factories.CareerFactory(title="Épanouissement au travail")
    factories.CareerFactory(title="Assistant commercial")

    response = admin_client.get(admin_url(Career, "changelist"), {"q": "epanouissement"})

    assert list(response.context["cl"].result_list) == [career]


@pytest.mark.django_db
def test_career_change_form_shows_every_section_and_links_to_the_page(admin_client):
    career = build_sheet()

    response = admin_client.get(admin_url(Career, "change", career.pk))

    html = response.content.decode()
    for verbose_name_plural in (
        "sections",
        "profil d'épanouissement",
        "blocs de missions",
        "compétences, outils et contraintes de la fiche",
        "familles d'outils de la fiche",
        "niveaux de formation",
        "parcours par l'expérience",
        "salaires",
        "questions fréquentes",
    ):
        assert verbose_name_plural.replace("'", "&#x27;") in html.lower()
    # Missions are edited on the block's own page, linked from the career.
    block = career.missionblock_set.get()
    assert admin_url(MissionBlock, "change", block.pk) in html
    # "Voir sur le site" leads to the public sheet.
    redirect = admin_client.get(
        reverse("admin:view_on_site", args=[response.context["content_type_id"], career.pk])
    )
    assert redirect.url.endswith(career.get_absolute_url())
    assert 'name="updated_at"' not in html


@pytest.mark.django_db
def test_career_saves_unchanged_with_all_its_inlines(admin_client):
    career = build_sheet()
    url = admin_url(Career, "change", career.pk)

    response = admin_client.post(url, unchanged_post_data(admin_client.get(url)))

    assert response.status_code == 302, response.context["errors"]
    assert career.skill_links.count() == 3
    assert career.missionblock_set.get().missions.count() == 1


@pytest.mark.django_db
def test_mission_block_page_edits_its_missions(admin_client):
    mission = factories.MissionFactory(text="Planifier les tournées")

    response = admin_client.get(admin_url(MissionBlock, "change", mission.block.pk))

    assert "Planifier les tournées" in response.content.decode()


@pytest.mark.django_db
def test_career_changelist_shows_counts_and_preview_link(admin_client):
    career = build_sheet()

    response = admin_client.get(admin_url(Career, "changelist"))

    row = response.context["cl"].result_list[0]
    assert (row.skill_total, row.faq_total) == (3, 1)
    assert career.get_absolute_url() in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Career, MissionBlock, ToolGroup])
@pytest.mark.parametrize("params", [{}, {"q": "Métier"}])
def test_changelist_query_count_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, model, params
):
    for number in range(4):
        build_sheet(f"Métier {number}")

    # Session, user, count, unfiltered count, rows: the counts are subqueries of the last;
    # the careers' list also lists the sources it can be filtered on. The history's
    # revision wraps the page in a savepoint (two statements, in a test's transaction).
    with django_assert_max_num_queries((6 if model is Career else 5) + 2):
        response = admin_client.get(admin_url(model, "changelist"), params)

    assert response.context["cl"].result_count == 4


@pytest.mark.django_db
def test_the_vocabulary_counts_are_read_in_the_admin_never_edited(admin_client):
    skill = factories.SkillFactory(name="Rigueur")
    factories.CareerSkillFactory.create_batch(2, skill=skill)
    url = admin_url(SkillUsage, "changelist")

    response = admin_client.get(url, {"q": "rigueur"})

    text = " ".join(response.content.decode().split())
    assert response.status_code == 200 and "Rigueur" in text
    assert [usage.careers for usage in response.context["cl"].result_list] == [2]
    assert admin_client.get(admin_url(SkillUsage, "add")).status_code == 403
    change = admin_client.post(admin_url(SkillUsage, "change", skill.pk), {"careers": 9})
    assert change.status_code == 403
    assert SkillUsage.objects.get().careers == 2
