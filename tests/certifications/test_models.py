import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from certifications.models import Certification, CertificationKind, NsfCode
from skills.models import RomeCode
from tests import factories


def certification_rows_with_natural_keys() -> dict:
    """One saved row of every certifications model, keyed by model."""
    certification = factories.CertificationFactory(title="Manager des opérations logistiques")
    task = factories.ActivityTaskFactory(
        activity=factories.ActivityFactory(certification=certification)
    )
    rows = [
        certification,
        factories.NsfCodeFactory(code="311"),
        factories.CertificationRomeFactory(certification=certification),
        factories.CompetenceFactory(
            component=factories.ComponentFactory(certification=certification)
        ),
        factories.ComponentFactory(certification=certification),
        task.activity,
        task,
        factories.CertificationSectionFactory(certification=certification),
    ]
    return {type(row): row for row in rows}


def twice(factory, **fields):
    """The same row saved twice: what a unique constraint must refuse."""

    def build():
        factory(**fields)
        factory(**fields)

    return build


def duplicate_position(factory, parent: str):
    """A second row at the first one's place under the same parent."""

    def build():
        first = factory()
        factory(**{parent: getattr(first, parent)}, position=first.position)

    return build


def same_rome_code_twice():
    certification = factories.CertificationFactory()
    rome_code = factories.RomeCodeFactory(code="N1303")
    twice(factories.CertificationRomeFactory, certification=certification, rome_code=rome_code)()


UNIQUE = "(?i)unique"
ROME_FORMAT = "rome_code_format"
# What the database must refuse, and the constraint named in its message (either backend).
REFUSED = {
    "certification level 9": (
        lambda: factories.CertificationFactory(level=9),
        "certification_level_1_8",
    ),
    "certification level 0": (
        lambda: factories.CertificationFactory(level=0),
        "certification_level_1_8",
    ),
    "unknown certification kind": (
        lambda: factories.CertificationFactory(kind="bts"),
        "certification_kind_valid",
    ),
    "unknown competence kind": (
        lambda: factories.CompetenceFactory(kind="savoir"),
        "competence_kind_valid",
    ),
    "ROME code too short": (lambda: factories.RomeCodeFactory(code="N130"), ROME_FORMAT),
    "ROME code in lower case": (lambda: factories.RomeCodeFactory(code="n1303"), ROME_FORMAT),
    "ROME code past letter N": (lambda: factories.RomeCodeFactory(code="Z1303"), ROME_FORMAT),
    "ROME code with a letter for a digit": (
        lambda: factories.RomeCodeFactory(code="N13O3"),
        ROME_FORMAT,
    ),
    "duplicate certification slug": (twice(factories.CertificationFactory, slug="mol"), UNIQUE),
    "duplicate certification code": (
        twice(factories.CertificationFactory, code="RNCP 14528"),
        UNIQUE,
    ),
    # The factories get_or_create codes, so plain creates show the constraint.
    "duplicate NSF code": (twice(NsfCode.objects.create, code="311"), UNIQUE),
    "duplicate ROME code": (twice(RomeCode.objects.create, code="N1303"), UNIQUE),
    "same ROME code twice on a certification": (same_rome_code_twice, UNIQUE),
    "duplicate ROME position": (
        duplicate_position(factories.CertificationRomeFactory, "certification"),
        UNIQUE,
    ),
    "duplicate component position": (
        duplicate_position(factories.ComponentFactory, "certification"),
        UNIQUE,
    ),
    "duplicate competence position": (
        duplicate_position(factories.CompetenceFactory, "component"),
        UNIQUE,
    ),
    "duplicate activity position": (
        duplicate_position(factories.ActivityFactory, "certification"),
        UNIQUE,
    ),
    "duplicate task position": (
        duplicate_position(factories.ActivityTaskFactory, "activity"),
        UNIQUE,
    ),
    "duplicate section position": (
        duplicate_position(factories.CertificationSectionFactory, "certification"),
        UNIQUE,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("build", "constraint"), REFUSED.values(), ids=REFUSED.keys())
def test_database_refuses(build, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        build()


@pytest.mark.django_db
def test_database_accepts_the_bounds_and_several_certifications_without_code():
    factories.CertificationFactory(level=1)
    factories.CertificationFactory(level=8)
    factories.CertificationFactory(level=None, code="")
    factories.CertificationFactory(level=None, code="")
    factories.RomeCodeFactory(code="A1101")
    factories.RomeCodeFactory(code="N4105")

    assert Certification.objects.filter(code="").count() == 2


@pytest.mark.django_db
def test_every_model_with_a_natural_key_round_trips():
    rows = certification_rows_with_natural_keys()

    with_natural_keys = {
        model
        for model in apps.get_app_config("certifications").get_models()
        if hasattr(model, "natural_key")
    }
    assert set(rows) == with_natural_keys
    for model, row in rows.items():
        assert model.objects.get_by_natural_key(*row.natural_key()) == row


@pytest.mark.django_db
def test_str_is_readable():
    certification = factories.CertificationFactory(
        code="RNCP 14528", title="Manager des opérations logistiques"
    )
    rome = factories.RomeCodeFactory(code="D1401", label="Assistanat commercial")

    assert str(certification) == "RNCP 14528 — Manager des opérations logistiques"
    erasmus = factories.CertificationFactory(
        kind=CertificationKind.ERASMUS, code="", title="Commerce international"
    )
    assert str(erasmus) == "Commerce international"
    assert str(factories.NsfCodeFactory(code="312 m", label="")) == "312 m"
    assert str(rome) == "D1401 Assistanat commercial"
    link = factories.CertificationRomeFactory(rome_code=rome, label="Assistanat commercial")
    assert str(link) == "D1401 Assistanat commercial"
    component = factories.ComponentFactory(label="CCP", title="Assurer l'administration")
    assert str(component) == "CCP — Assurer l'administration"
    assert str(factories.ComponentFactory(label="", title="Unité seule")) == "Unité seule"
    competence = factories.CompetenceFactory(code="U1S1", text="Trouver des informations")
    assert str(competence) == "U1S1 Trouver des informations"
    activity = factories.ActivityFactory(code="Activité 1", title="Étude des marchés")
    assert str(activity) == "Activité 1 : Étude des marchés"
    task = factories.ActivityTaskFactory(code="A1T1", title="Veille commerciale permanente")
    assert str(task) == "A1T1 Veille commerciale permanente"
    assert str(factories.CertificationSectionFactory(heading="Statistiques")) == "Statistiques"


@pytest.mark.django_db
def test_search_text_is_rebuilt_on_save():
    certification = factories.CertificationFactory(title="Métiers de l'Électricité", code="")

    assert "metiers de l'electricite" in certification.search_text
    assert certification.get_absolute_url() == f"/certifications/{certification.slug}/"
