import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from skills.models import RomeCode, Skill, SkillKind, ToolFamily
from tests import factories

UNIQUE = "(?i)unique"
# What the database must refuse, and the constraint named in its message (either backend).
# Plain creates, not the factories: those get_or_create on the slug.
REFUSED = {
    "unknown kind": (
        lambda: Skill.objects.create(kind="savoir-etre", name="Écoute"),
        "skill_kind_valid",
    ),
    "empty kind": (lambda: Skill.objects.create(kind="", name="Écoute"), "skill_kind_valid"),
    "duplicate skill slug": (
        lambda: [
            Skill.objects.create(kind=kind, name="Anglais", slug="anglais")
            for kind in (SkillKind.HARD, SkillKind.TOOL)
        ],
        UNIQUE,
    ),
    "one name twice in a kind": (
        lambda: [
            Skill.objects.create(kind=SkillKind.SOFT, name="Rigueur", slug=slug)
            for slug in ("rigueur", "rigueur-2")
        ],
        UNIQUE,
    ),
    "a ROME code on an item the sheets name": (
        lambda: Skill.objects.create(kind=SkillKind.SOFT, name="Écoute", code_ogr="123"),
        "skill_editorial_without_code",
    ),
    "duplicate tool family name": (
        lambda: [ToolFamily.objects.create(name="CRM", slug=slug) for slug in ("crm", "crm-2")],
        UNIQUE,
    ),
    "duplicate tool family slug": (
        lambda: [
            ToolFamily.objects.create(name=name, slug="crm") for name in ("CRM", "Outils CRM")
        ],
        UNIQUE,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("build", "constraint"), REFUSED.values(), ids=REFUSED.keys())
def test_database_refuses(build, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        build()


@pytest.mark.django_db
def test_rome_items_carry_their_code_and_editorial_ones_are_told_apart():
    factories.SkillFactory(name="Écoute active", kind=SkillKind.SOFT)
    Skill.objects.create(kind=SkillKind.SAVOIR_ETRE, name="Sens de l'écoute", code_ogr="300")

    assert list(Skill.objects.editorial().values_list("name", flat=True)) == ["Écoute active"]


@pytest.mark.django_db
def test_one_name_may_be_a_skill_and_a_tool():
    Skill.objects.create(kind=SkillKind.HARD, name="Excel", slug="excel-competence")
    Skill.objects.create(kind=SkillKind.TOOL, name="Excel", slug="excel")

    assert Skill.objects.filter(name="Excel").count() == 2


@pytest.mark.django_db
def test_every_model_with_a_natural_key_round_trips():
    rows = {
        Skill: factories.SkillFactory(name="Communication"),
        ToolFamily: factories.ToolFamilyFactory(name="Gestion de la relation client (CRM)"),
        RomeCode: factories.RomeCodeFactory(code="N1303"),
    }

    with_natural_keys = {
        model
        for model in apps.get_app_config("skills").get_models()
        if hasattr(model, "natural_key")
    }
    assert set(rows) == with_natural_keys
    for model, row in rows.items():
        assert model.objects.get_by_natural_key(*row.natural_key()) == row


@pytest.mark.django_db
def test_save_fills_slug_and_accent_free_search_copy():
    skill = Skill.objects.create(kind=SkillKind.SOFT, name="Capacité d’Écoute")
    family = ToolFamily.objects.create(name="Logiciels de gestion (ERP)")

    assert skill.slug == "capacite-decoute"
    assert skill.search_text == "capacite d'ecoute"
    assert family.slug == "logiciels-de-gestion-erp"


@pytest.mark.django_db
def test_str_is_readable():
    assert str(factories.SkillFactory(name="Communication")) == "Communication (Soft skill)"
    assert str(factories.SkillFactory(name="HubSpot", kind=SkillKind.TOOL)) == "HubSpot (Outil)"
    family = factories.ToolFamilyFactory(name="Gestion de la relation client (CRM)")
    assert str(family) == "Gestion de la relation client (CRM)"
