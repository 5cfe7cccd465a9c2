import pytest
from django.apps import apps
from django.urls import reverse

from certifications.models import (
    Activity,
    Certification,
    CertificationKind,
    Competence,
    Component,
    NsfCode,
    RomeCode,
)
from tests import factories
from tests.adminpages import (
    admin_url,
    assert_pages_answer,
    registered_or_inlined,
    unchanged_post_data,
)


def build_certification(title: str, *, rome: str, nsf: str) -> Certification:
    """A certification with a row in every part, an Erasmus+ activity included."""
    certification = factories.CertificationFactory(title=title)
    certification.nsf_codes.add(factories.NsfCodeFactory(code=nsf))
    factories.CertificationRomeFactory(
        certification=certification, rome_code=factories.RomeCodeFactory(code=rome)
    )
    component = factories.ComponentFactory(certification=certification)
    parent = factories.CompetenceFactory(component=component)
    factories.CompetenceFactory(component=component, parent=parent)
    activity = factories.ActivityFactory(certification=certification)
    activity.units.add(component)
    factories.ActivityTaskFactory(activity=activity)
    factories.CertificationSectionFactory(certification=certification)
    return certification


def rows_of(certification: Certification) -> dict:
    component = certification.component_set.get()
    return {
        Certification: certification,
        Component: component,
        Competence: component.competences.get(parent__isnull=True),
        Activity: certification.activity_set.get(),
        NsfCode: certification.nsf_codes.get(),
        RomeCode: certification.rome_codes.get(),
    }


ADMIN_MODELS = [Certification, Component, Competence, Activity, NsfCode, RomeCode]
# A word that finds the first certification's row and not the other's, per admin.
SEARCHES = {
    Certification: "logistique",
    Component: "logistique",
    Competence: "U1S",
    Activity: "logistique",
    NsfCode: "311",
    RomeCode: "N1303",
}


def test_every_certification_model_is_editable_in_the_admin():
    registered, inlined = registered_or_inlined("certifications")
    assert set(apps.get_app_config("certifications").get_models()) <= registered | inlined
    # ROME codes are the shared vocabulary's (skills), shown here through their certifications.
    assert set(ADMIN_MODELS) - {RomeCode} == registered


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_pages_answer_for_a_superuser(admin_client, model):
    obj = rows_of(build_certification("Manager logistique", rome="N1303", nsf="311"))[model]
    other = build_certification("Assistant export", rome="D1401", nsf="312")
    # Competence codes come from a shared sequence: keep only the first one findable.
    Competence.objects.filter(component__certification=other).update(code="")

    assert_pages_answer(admin_client, model, obj)
    response = admin_client.get(admin_url(model, "changelist"), {"q": SEARCHES[model]})
    assert response.status_code == 200
    assert obj in response.context["cl"].result_list
    assert other not in response.context["cl"].result_list


@pytest.mark.django_db
def test_certification_saves_unchanged_with_all_its_inlines(admin_client):
    certification = build_certification("Manager logistique", rome="N1303", nsf="311")
    url = admin_url(Certification, "change", certification.pk)

    response = admin_client.post(url, unchanged_post_data(admin_client.get(url)))

    assert response.status_code == 302, response.context["errors"]
    assert certification.component_set.get().competences.count() == 2
    assert list(certification.nsf_codes.values_list("code", flat=True)) == ["311"]


@pytest.mark.django_db
def test_certification_change_form_links_to_its_parts_and_the_page(admin_client):
    certification = build_certification("Manager logistique", rome="N1303", nsf="311")
    rows = rows_of(certification)

    response = admin_client.get(admin_url(Certification, "change", certification.pk))

    html = response.content.decode()
    assert admin_url(Component, "change", rows[Component].pk) in html
    assert admin_url(Activity, "change", rows[Activity].pk) in html
    content_type = response.context["content_type_id"]
    redirect = admin_client.get(
        reverse("admin:view_on_site", args=[content_type, certification.pk])
    )
    assert redirect.url.endswith(certification.get_absolute_url())


@pytest.mark.django_db
def test_activity_units_are_chosen_among_its_certification_components(admin_client):
    activity = rows_of(build_certification("Commerce international", rome="D1401", nsf="312"))[
        Activity
    ]
    elsewhere = factories.ComponentFactory(title="Bloc d'une autre certification")

    response = admin_client.get(admin_url(Activity, "change", activity.pk))

    units = response.context["adminform"].form.fields["units"]
    assert list(units.queryset) == list(activity.certification.component_set.all())
    assert elsewhere not in units.queryset


@pytest.mark.django_db
def test_component_page_edits_its_competences(admin_client):
    competence = factories.CompetenceFactory(text="Trouver des informations sur les marchés")

    response = admin_client.get(admin_url(Component, "change", competence.component.pk))

    assert "Trouver des informations sur les marchés" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMIN_MODELS)
@pytest.mark.parametrize("params", [{}, {"q": "e"}])
def test_changelist_query_count_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, model, params
):
    for number in range(3):
        build_certification(f"Certification {number}", rome=f"N130{number}", nsf=f"31{number}")
    # One Erasmus+ standard among them, as the kind filter lists it.
    Certification.objects.filter(pk=Certification.objects.first().pk).update(
        kind=CertificationKind.ERASMUS
    )

    # Session, user, count, unfiltered count, rows (the counts are subqueries of the last),
    # plus the levels offered by the level filter; the history's revision wraps the page in
    # a savepoint (two statements, in a test's transaction).
    with django_assert_max_num_queries((6 if model is Certification else 5) + 2):
        response = admin_client.get(admin_url(model, "changelist"), params)

    assert response.context["cl"].result_count >= 3
