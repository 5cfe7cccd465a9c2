"""The lists of checkboxes the profile is picked from: what is ticked, then what matches
the words typed. The vocabulary runs to thousands of items (ROME savoir-faire): only
the matches of a search are listed, never the whole of it, except the site's few
constraints. Without JavaScript the search is a submit button; with htmx the list is
fetched again as the reader types.
"""

from dataclasses import dataclass

from core import cache
from skills.models import Skill, SkillKind

from .forms import AVOIDABLE_KINDS, SKILL_KINDS, Item, ProfileForm

MATCHES_SHOWN = 24

GROUP_TITLES = {
    SkillKind.HARD: "Hard skills",
    SkillKind.SOFT: "Soft skills",
    SkillKind.TOOL: "Outils",
    SkillKind.SAVOIR_FAIRE: "Savoir-faire (fiches ROME)",
    SkillKind.SAVOIR_ETRE: "Savoir-être professionnels (fiches ROME)",
    SkillKind.SAVOIR: "Savoirs (fiches ROME)",
    SkillKind.CONSTRAINT: "Contraintes",
    SkillKind.CONTEXT: "Contextes de travail (fiches ROME)",
}


@dataclass(frozen=True)
class ChoiceGroup:
    title: str
    items: list[Item]
    # A list shown whatever the search (the site's constraints) starts folded.
    folded: bool = False


@dataclass(frozen=True)
class Picker:
    name: str  # the parameter the boxes set: "competence", "contrainte"
    legend: str
    search_name: str
    search_label: str
    search_text: str
    hint: str
    selected: tuple[Item, ...]
    groups: list[ChoiceGroup]  # unticked boxes, by kind

    @property
    def matched(self) -> bool:
        """Whether the search found anything (a folded list is not a match)."""
        return any(group.items for group in self.groups if not group.folded)

    @property
    def anchor(self) -> str:
        return f"choix-{self.name}"


def skill_picker(form: ProfileForm) -> Picker:
    selected = form.value("competence") or ()
    text = form.search_text("chercher")
    return Picker(
        name="competence",
        legend="Mes compétences",
        search_name="chercher",
        search_label=form.fields["chercher"].label,
        search_text=text,
        hint="Hard skills, soft skills, outils, et les savoir-faire et savoir-être des fiches "
        "ROME (France Travail), qui ont leur propre vocabulaire. Tapez quelques lettres : "
        "« logistique », « Excel », « rigueur ».",
        selected=selected,
        groups=grouped(matches(text, SKILL_KINDS, selected)),
    )


def constraint_picker(form: ProfileForm) -> Picker:
    """The site's constraints are few and all listed; ROME work contexts are searched."""
    selected = form.value("contrainte") or ()
    text = form.search_text("chercher_contrainte")
    taken = {item.id for item in selected}
    listed = [item for item in site_constraints() if item.id not in taken]
    return Picker(
        name="contrainte",
        legend="Contraintes que je préfère éviter",
        search_name="chercher_contrainte",
        search_label=form.fields["chercher_contrainte"].label,
        search_text=text,
        hint="Les contraintes des fiches du site, et les contextes de travail des fiches ROME "
        "(« horaires décalés », « port de charges »…) en cherchant.",
        selected=selected,
        groups=[
            ChoiceGroup(GROUP_TITLES[SkillKind.CONSTRAINT], listed, folded=True),
            *grouped(matches(text, [SkillKind.CONTEXT], selected)),
        ],
    )


def site_constraints() -> list[Item]:
    """The site's constraints by name: the same for every profile, read once per catalogue
    version (core.cache)."""

    def read() -> list[Item]:
        constraints = Skill.objects.of_kind(SkillKind.CONSTRAINT).order_by("name")
        return [Item(*row) for row in constraints.values_list("pk", "slug", "name", "kind")]

    return cache.get_or_set("site-constraints", (), read)


def matches(text: str, kinds, selected) -> list[Item]:
    """Items of these kinds matching the words typed, best first, those ticked left out."""
    if not text:
        return []
    found = (
        Skill.objects.filter(kind__in=list(kinds))
        .exclude(pk__in=[item.id for item in selected])
        .search(text)
        .values_list("pk", "slug", "name", "kind")[:MATCHES_SHOWN]
    )
    return [Item(*row) for row in found]


def grouped(items: list[Item]) -> list[ChoiceGroup]:
    order = [*SKILL_KINDS, *AVOIDABLE_KINDS]
    groups = {kind: [] for kind in order}
    for item in items:
        groups[item.kind].append(item)
    return [ChoiceGroup(GROUP_TITLES[kind], found) for kind, found in groups.items() if found]
