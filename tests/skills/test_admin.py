import pytest
from django.contrib import admin
from django.urls import reverse

from skills.models import Skill, SkillKind, ToolFamily
from tests import factories
from tests.adminpages import admin_url, assert_pages_answer


def test_every_skill_model_has_an_admin_and_the_site_is_titled():
    assert {Skill, ToolFamily} <= set(admin.site._registry)
    assert admin.site.site_header == "Orientation métiers — administration"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "search"),
    [(factories.SkillFactory, "ecoute"), (factories.ToolFamilyFactory, "active")],
)
def test_admin_pages_answer_for_a_superuser(admin_client, factory, search):
    obj = factory(name="Écoute active")
    other = factory(name="Autre chose")
    model = type(obj)

    assert_pages_answer(admin_client, model, obj)
    response = admin_client.get(admin_url(model, "changelist"), {"q": search})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [obj]
    assert other not in response.context["cl"].result_list


@pytest.mark.django_db
def test_skill_changelist_counts_careers_and_sorts_on_it(admin_client):
    communication = factories.SkillFactory(name="Communication")
    rigour = factories.SkillFactory(name="Rigueur")
    for title in ("Acheteur", "Logisticien"):
        factories.CareerSkillFactory(career=factories.CareerFactory(title=title), skill=rigour)
    factories.CareerSkillFactory(skill=communication)

    column = admin.site._registry[Skill].list_display.index("career_count")
    response = admin_client.get(admin_url(Skill, "changelist"), {"o": f"-{column + 1}"})

    rows = [(skill.name, skill.career_total) for skill in response.context["cl"].result_list]
    assert rows == [("Rigueur", 2), ("Communication", 1)]


@pytest.mark.django_db
def test_skill_change_page_lists_the_careers_using_it(admin_client):
    skill = factories.SkillFactory(name="Négociation", kind=SkillKind.HARD)
    career = factories.CareerFactory(title="Acheteur")
    factories.CareerSkillFactory(career=career, skill=skill)

    response = admin_client.get(admin_url(Skill, "change", skill.pk))

    html = response.content.decode()
    assert (
        f'<a href="{reverse("admin:careers_career_change", args=[career.pk])}">Acheteur</a>' in html
    )


@pytest.mark.django_db
def test_skill_unused_says_so(admin_client):
    skill = factories.SkillFactory(name="Patience")

    response = admin_client.get(admin_url(Skill, "change", skill.pk))

    assert "Aucune fiche." in response.content.decode()


@pytest.mark.django_db
def test_tool_family_changelist_counts_careers(admin_client):
    group = factories.ToolGroupFactory(family=factories.ToolFamilyFactory(name="CRM"))
    factories.ToolGroupFactory(family=group.family)

    response = admin_client.get(admin_url(ToolFamily, "changelist"))

    assert [(f.name, f.career_total) for f in response.context["cl"].result_list] == [("CRM", 2)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "params"),
    [
        (Skill, {}),
        (Skill, {"q": "Compétence"}),
        (Skill, {"kind": SkillKind.HARD}),
        (ToolFamily, {}),
        (ToolFamily, {"q": "Famille"}),
    ],
)
def test_changelist_query_count_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, model, params
):
    for _ in range(3):
        factories.ToolLinkFactory()
        factories.HardSkillLinkFactory()

    # Session, user, count, unfiltered count, rows: the usage counts ride on the last;
    # the history's revision wraps the page in a savepoint (two statements, in a test).
    with django_assert_max_num_queries(5 + 2):
        response = admin_client.get(admin_url(model, "changelist"), params)

    assert response.context["cl"].result_count >= 3
