"""Finding the vocabulary that imported rows name, creating what is missing.

"Communication" or "HubSpot" exists once whatever the number of sheets that name
it: every importer resolves names here, in one query for a whole batch.
"""

from django.db import models
from django.utils.text import slugify

from core.text import normalise

from .models import Skill, ToolFamily


def free_slug(base: str, suffixes: list[str], taken: set[str]) -> str:
    candidates = [base, *(f"{base}-{suffix}" for suffix in suffixes)]
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{candidates[-1]}-{number}" in taken:
        number += 1
    return f"{candidates[-1]}-{number}"


def _taken_slugs(model: type[models.Model], bases: set[str]) -> set[str]:
    """The slugs of `model` that are one of `bases` or start with one of them."""
    starts = models.Q(*(models.Q(slug__startswith=f"{base}-") for base in bases), _connector="OR")
    return set(
        model.objects.filter(models.Q(slug__in=bases) | starts).values_list("slug", flat=True)
    )


def skills_named(keys: list[tuple[str, str]]) -> dict[tuple[str, str], Skill]:
    """The Skill row of each (kind, name), created when missing.

    A slug already taken by another item (another kind of the same name) is
    suffixed with the kind.
    """
    wanted = set(keys)
    found = {
        (skill.kind, skill.name): skill
        for skill in Skill.objects.filter(name__in={name for _, name in wanted})
        if (skill.kind, skill.name) in wanted
    }
    missing = list(dict.fromkeys(key for key in keys if key not in found))
    if missing:
        taken = _taken_slugs(Skill, {slugify(name) or kind for kind, name in missing})
        created = []
        for kind, name in missing:
            slug = free_slug(slugify(name) or kind, [kind], taken)
            taken.add(slug)
            created.append(Skill(kind=kind, name=name, slug=slug, search_text=normalise(name)))
        for skill in Skill.objects.bulk_create(created):
            found[skill.kind, skill.name] = skill
    return found


def families_named(names: list[str]) -> dict[str, ToolFamily]:
    """The ToolFamily row of each name, created when missing."""
    found = {family.name: family for family in ToolFamily.objects.filter(name__in=set(names))}
    missing = list(dict.fromkeys(name for name in names if name not in found))
    if missing:
        taken = _taken_slugs(ToolFamily, {slugify(name) or "famille" for name in missing})
        created = []
        for name in missing:
            slug = free_slug(slugify(name) or "famille", [], taken)
            taken.add(slug)
            created.append(ToolFamily(name=name, slug=slug))
        for family in ToolFamily.objects.bulk_create(created):
            found[family.name] = family
    return found


def skills_coded(keys: list[tuple[str, str, str]]) -> dict[str, Skill]:
    """The Skill row of each ROME item (kind, code OGR, name), found by its code, created
    with its name when missing."""
    wanted = {code: (kind, name) for kind, code, name in keys}
    found = {skill.code_ogr: skill for skill in Skill.objects.filter(code_ogr__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        taken = _taken_slugs(
            Skill, {slugify(wanted[code][1]) or wanted[code][0] for code in missing}
        )
        created = []
        for code in missing:
            kind, name = wanted[code]
            slug = free_slug(slugify(name)[:240] or kind, [kind], taken)
            taken.add(slug)
            created.append(
                Skill(kind=kind, name=name, slug=slug, code_ogr=code, search_text=normalise(name))
            )
        for skill in Skill.objects.bulk_create(created):
            found[skill.code_ogr] = skill
    return found
