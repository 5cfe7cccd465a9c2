"""Finding the vocabulary that imported rows name, creating what is missing.

"Communication" or "HubSpot" exists once whatever the number of sheets that name
it, and however they spell it: names are compared folded (core.text.normalise:
case, accents, spaces and invisible characters ignored), and a renamed item is
still found by the names it had (SkillAlias, ToolFamilyAlias). The first
spelling stays the display name. Every importer resolves names here, a whole
batch at a time; two imports creating the same item at once never fail: the
second finds what the first wrote.
"""

from collections.abc import Callable

from django.db import models
from django.utils.text import slugify

from core.text import normalise

from .models import Skill, SkillAlias, ToolFamily, ToolFamilyAlias

# A slug taken by a concurrent import is tried again under another, this many times.
ATTEMPTS = 5
# Prefixes looked up per query when finding the slugs already taken.
SLUG_CHUNK = 200


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
    """The slugs of `model` that are one of `bases` or start with one of them.

    By chunks: a query naming thousands of prefixes is deeper than SQLite allows.
    """
    taken: set[str] = set()
    ordered = sorted(bases)
    for start in range(0, len(ordered), SLUG_CHUNK):
        chunk = ordered[start : start + SLUG_CHUNK]
        starts = models.Q(
            *(models.Q(slug__startswith=f"{base}-") for base in chunk), _connector="OR"
        )
        rows = model.objects.filter(models.Q(slug__in=chunk) | starts)
        taken |= set(rows.values_list("slug", flat=True))
    return taken


def _create_missing(
    model: type[models.Model],
    missing: dict,
    build: Callable[[object, str], models.Model],
    base: Callable[[object], str],
    find: Callable[[list], dict],
    suffix: Callable[[object], list[str]] = lambda key: [],
) -> dict:
    """Insert an item for each missing key, with a free slug; return them all, found again.

    `ignore_conflicts`: an item another import created meanwhile is simply found;
    one whose slug was taken meanwhile is tried again under the next free slug.
    """
    found: dict = {}
    for _attempt in range(ATTEMPTS):
        if not missing:
            break
        taken = _taken_slugs(model, {base(key) for key in missing})
        created = []
        for key in missing:
            slug = free_slug(base(key), suffix(key), taken)
            taken.add(slug)
            created.append(build(key, slug))
        model.objects.bulk_create(created, ignore_conflicts=True)
        now = find(list(missing))
        found |= now
        missing = {key: value for key, value in missing.items() if key not in now}
    if missing:
        raise RuntimeError(f"{model.__name__}: {len(missing)} éléments impossibles à créer")
    return found


def skills_named(keys: list[tuple[str, str]]) -> dict[tuple[str, str], Skill]:
    """The Skill row of each (kind, name), found by folded name or former name, else created.

    A slug already taken by another item (another kind of the same name) is
    suffixed with the kind.
    """
    # The first spelling of each folded name is the one a new item takes.
    folded: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, name in keys:
        folded.setdefault((kind, normalise(name)), (kind, name))

    def find(wanted: list[tuple[str, str]]) -> dict:
        texts = {text for _, text in wanted}
        items = {
            (skill.kind, skill.search_text): skill
            for skill in Skill.objects.filter(search_text__in=texts, code_ogr="")
        }
        for alias in SkillAlias.objects.filter(search_text__in=texts).select_related("skill"):
            items.setdefault((alias.kind, alias.search_text), alias.skill)
        return {key: items[key] for key in wanted if key in items}

    by_folded = find(list(folded))
    missing = {key: name for key, name in folded.items() if key not in by_folded}
    if missing:
        by_folded |= _create_missing(
            Skill,
            missing,
            build=lambda key, slug: Skill(
                kind=key[0], name=missing[key][1], slug=slug, search_text=key[1]
            ),
            base=lambda key: slugify(missing[key][1])[:240] or key[0],
            find=find,
            suffix=lambda key: [key[0]],
        )
    return {(kind, name): by_folded[kind, normalise(name)] for kind, name in keys}


def families_named(names: list[str]) -> dict[str, ToolFamily]:
    """The ToolFamily row of each name, found by folded name or former name, else created."""
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(normalise(name), name)

    def find(wanted: list[str]) -> dict:
        items = {
            family.search_text: family
            for family in ToolFamily.objects.filter(search_text__in=wanted)
        }
        for alias in ToolFamilyAlias.objects.filter(search_text__in=wanted).select_related(
            "family"
        ):
            items.setdefault(alias.search_text, alias.family)
        return {key: items[key] for key in wanted if key in items}

    by_folded = find(list(folded))
    missing = {key: name for key, name in folded.items() if key not in by_folded}
    if missing:
        by_folded |= _create_missing(
            ToolFamily,
            missing,
            build=lambda key, slug: ToolFamily(name=missing[key], slug=slug, search_text=key),
            base=lambda key: slugify(missing[key])[:200] or "famille",
            find=find,
        )
    return {name: by_folded[normalise(name)] for name in names}


def skills_coded(keys: list[tuple[str, str, str]]) -> dict[str, Skill]:
    """The Skill row of each ROME item (kind, code OGR, name), found by its code, created
    with its name when missing."""
    wanted: dict[str, tuple[str, str]] = {}
    for kind, code, name in keys:
        wanted.setdefault(code, (kind, name))

    def find(codes: list[str]) -> dict:
        return {skill.code_ogr: skill for skill in Skill.objects.filter(code_ogr__in=codes)}

    found = find(list(wanted))
    missing = {code: wanted[code] for code in wanted if code not in found}
    if missing:
        found |= _create_missing(
            Skill,
            missing,
            build=lambda code, slug: Skill(
                kind=missing[code][0],
                name=missing[code][1],
                slug=slug,
                code_ogr=code,
                search_text=normalise(missing[code][1]),
            ),
            base=lambda code: slugify(missing[code][1])[:240] or missing[code][0],
            find=find,
            suffix=lambda code: [missing[code][0]],
        )
    return found
