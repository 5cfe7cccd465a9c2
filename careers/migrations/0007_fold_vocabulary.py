"""Merge the vocabulary items whose names fold alike ("Anglais"/"anglais", "Écoute active"/
"Ecoute active", a zero-width space, a no-break space, decomposed accents).

The first item (lowest id) is kept, with its spelling; the careers that named
the others name it instead. Frozen: the folding is written out here, as it was.
"""

import unicodedata

from django.db import migrations

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(INVISIBLE).casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.replace("’", "'").split())


def merge_skills(apps):
    Skill = apps.get_model("skills", "Skill")
    CareerSkill = apps.get_model("careers", "CareerSkill")
    keepers = {}
    for skill in Skill.objects.filter(code_ogr="").order_by("pk"):
        skill.search_text = fold(skill.name)
        keeper = keepers.setdefault((skill.kind, skill.search_text), skill)
        if keeper is skill:
            skill.save(update_fields=["search_text"])
            continue
        for link in CareerSkill.objects.filter(skill=skill):
            if CareerSkill.objects.filter(career_id=link.career_id, skill=keeper).exists():
                link.delete()
            else:
                link.skill = keeper
                link.save(update_fields=["skill"])
        skill.delete()


def merge_families(apps):
    ToolFamily = apps.get_model("skills", "ToolFamily")
    ToolGroup = apps.get_model("careers", "ToolGroup")
    CareerSkill = apps.get_model("careers", "CareerSkill")
    keepers = {}
    for family in ToolFamily.objects.order_by("pk"):
        family.search_text = fold(family.name)
        keeper = keepers.setdefault(family.search_text, family)
        if keeper is family:
            family.save(update_fields=["search_text"])
            continue
        for group in ToolGroup.objects.filter(family=family):
            existing = ToolGroup.objects.filter(career_id=group.career_id, family=keeper).first()
            if existing:
                CareerSkill.objects.filter(tool_group=group).update(tool_group=existing)
                group.delete()
            else:
                group.family = keeper
                group.save(update_fields=["family"])
        family.delete()


def merge(apps, schema_editor):
    merge_skills(apps)
    merge_families(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("careers", "0006_rome_sections"),
        ("skills", "0006_vocabulary_aliases"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
