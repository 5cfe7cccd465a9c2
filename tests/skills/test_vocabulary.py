"""One vocabulary, however its names are spelt (skills.vocabulary).

Names are compared folded: case, accents (composed or not), no-break and
zero-width spaces do not make a second item; the first spelling stays the
display name. A renamed item keeps its slug and its former name as an alias,
so that the sheets naming it the old way still find it.
"""

import unicodedata

import pytest

from skills.models import Skill, SkillAlias, SkillKind, ToolFamily, ToolFamilyAlias
from skills.vocabulary import families_named, skills_named

pytestmark = pytest.mark.django_db

SPELLINGS = {
    "zero-width space": ("Communication", "communication\u200b"),
    "case": ("Anglais", "anglais"),
    "accent": ("Écoute active", "Ecoute active"),
    "no-break space": ("Écoute active", "Écoute\u00a0active"),
    "decomposed accents (NFD)": ("Écoute active", unicodedata.normalize("NFD", "Écoute active")),
    "spaces around and between": ("Sens de l'organisation", "  Sens  de l’organisation "),
}


@pytest.mark.parametrize(("first", "second"), SPELLINGS.values(), ids=SPELLINGS.keys())
def test_two_spellings_in_one_batch_are_one_skill_named_as_first_spelt(first, second):
    found = skills_named([(SkillKind.SOFT, first), (SkillKind.SOFT, second)])

    assert found[(SkillKind.SOFT, first)] == found[(SkillKind.SOFT, second)]
    [skill] = Skill.objects.all()
    assert skill.name == first


@pytest.mark.parametrize(("first", "second"), SPELLINGS.values(), ids=SPELLINGS.keys())
def test_a_later_import_spelling_it_otherwise_finds_the_same_skill(first, second):
    [skill] = skills_named([(SkillKind.SOFT, first)]).values()

    [again] = skills_named([(SkillKind.SOFT, second)]).values()

    assert again == skill
    assert list(Skill.objects.values_list("name", "slug")) == [(first, skill.slug)]


def test_one_name_of_two_kinds_is_two_items_with_two_slugs():
    found = skills_named([(SkillKind.SOFT, "Anglais"), (SkillKind.HARD, "anglais")])

    assert sorted(skill.slug for skill in found.values()) == ["anglais", "anglais-hard"]


def test_a_renamed_skill_keeps_its_slug_and_is_found_by_its_former_name():
    [skill] = skills_named([(SkillKind.SOFT, "Gestion du stress")]).values()

    skill.name = "Sang-froid"
    skill.save()

    assert skill.slug == "gestion-du-stress"
    alias = SkillAlias.objects.get()
    assert (alias.skill, alias.kind, alias.search_text) == (skill, "soft", "gestion du stress")
    [found] = skills_named([(SkillKind.SOFT, "Gestion du Stress")]).values()
    assert found == skill
    assert list(Skill.objects.values_list("name", flat=True)) == ["Sang-froid"]


def test_a_former_name_of_one_kind_does_not_capture_another_kind():
    [skill] = skills_named([(SkillKind.SOFT, "Anglais")]).values()
    skill.name = "Anglais professionnel"
    skill.save()

    [hard] = skills_named([(SkillKind.HARD, "Anglais")]).values()

    assert hard != skill
    assert hard.kind == SkillKind.HARD


def test_tool_families_are_one_however_spelt_and_keep_their_former_names():
    found = families_named(
        ["Gestion de la relation client (CRM)", "gestion de la relation client  (crm)"]
    )
    [family] = set(found.values())
    assert family.name == "Gestion de la relation client (CRM)"

    family.name = "Logiciels de relation client"
    family.save()

    assert ToolFamilyAlias.objects.get().search_text == "gestion de la relation client (crm)"
    assert families_named(["Gestion de la relation client (CRM)"]) == {
        "Gestion de la relation client (CRM)": family
    }
    assert ToolFamily.objects.count() == 1
