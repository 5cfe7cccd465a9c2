"""The orientation profile, read from the query string: the URL is the whole profile.

    ?competence=gestion-des-stocks&competence=rigueur   skills I have (hard, soft, tools, ROME)
    &contrainte=travail-le-week-end                     constraints I would rather avoid
    &qualite_de_vie=3&stimulation=2                     what matters to me, 0 to 3 per dimension
    &niveau=3&salaire_min=24000                         highest level (bac+N), starting salary

As on every list (core.forms), a value that cannot be used is dropped and named in a
notice, never the page: an unknown or misspelt slug, an item of the wrong kind, the same
item twice, items past the limit, a weight of 9, a level "abc".
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.validators import slug_re

from careers.models import Dimension
from core.forms import FilterForm
from core.templatetags.formatting import euros
from skills.models import Skill, SkillKind

# What "skills I have" may name, and what "constraints to avoid" may name: the site's own
# vocabulary and France Travail's (ROME fiches), kept apart as the catalogue keeps them.
SKILL_KINDS = (
    SkillKind.HARD,
    SkillKind.SOFT,
    SkillKind.TOOL,
    SkillKind.SAVOIR_FAIRE,
    SkillKind.SAVOIR_ETRE,
    SkillKind.SAVOIR,
)
AVOIDABLE_KINDS = (SkillKind.CONSTRAINT, SkillKind.CONTEXT)
# More would make no profile a student has; the limit keeps every query small.
MAX_ITEMS = 30
MAX_SLUG_LENGTH = 255

WEIGHT_CHOICES = [(0, "Peu importe"), (1, "Un peu"), (2, "Beaucoup"), (3, "Essentiel")]
WEIGHT_LABELS = dict(WEIGHT_CHOICES)
# Highest education level reached or planned, as the sheets write it ("BAC +2").
LEVEL_CHOICES = [
    ("", "Non précisé"),
    ("0", "Bac"),
    ("2", "Bac +2 (BTS, BUT 2e année…)"),
    ("3", "Bac +3 (licence, BUT, bachelor)"),
    ("4", "Bac +4 (master 1)"),
    ("5", "Bac +5 (master, école)"),
    ("8", "Bac +8 (doctorat)"),
]


def quoted(values: list[str], shown: int = 5) -> str:
    """« a », « b » et 3 autres: a bounded list of what was dropped, however much was sent."""
    distinct = list(dict.fromkeys(values))
    text = ", ".join(f"« {value} »" for value in distinct[:shown])
    rest = len(distinct) - shown
    return f"{text} et {rest} autre{'s' if rest > 1 else ''}" if rest > 0 else text


def level_label(bac_plus: int) -> str:
    return f"Bac +{bac_plus}" if bac_plus else "Bac"


@dataclass(frozen=True)
class Item:
    """A vocabulary item of the profile."""

    id: int
    slug: str
    name: str
    kind: str

    @property
    def kind_label(self) -> str:
        return SkillKind(self.kind).label


@dataclass(frozen=True)
class Profile:
    skills: tuple[Item, ...] = ()
    avoided: tuple[Item, ...] = ()
    # Dimension → weight 1–3; a dimension weighted 0 is left out.
    weights: dict[str, int] = field(default_factory=dict)
    level: int | None = None
    min_salary: int | None = None

    def is_empty(self) -> bool:
        return not (
            self.skills
            or self.avoided
            or self.weights
            or self.level is not None
            or self.min_salary is not None
        )

    def query_string(self) -> str:
        """The profile as its canonical query string (no search text, no page)."""
        params = [("competence", item.slug) for item in self.skills]
        params += [("contrainte", item.slug) for item in self.avoided]
        params += [(dimension, weight) for dimension, weight in self.weights.items()]
        if self.level is not None:
            params.append(("niveau", self.level))
        if self.min_salary is not None:
            params.append(("salaire_min", self.min_salary))
        return urlencode(params)


class RawListField(forms.Field):
    """Every value of a repeated parameter, as given: the form sorts them out and says why."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        return [item.strip() for item in values if item and item.strip()]


class ProfileForm(FilterForm):
    steps = {"salaire_min": 1000}
    competence = RawListField(label="Mes compétences", required=False)
    contrainte = RawListField(label="Contraintes à éviter", required=False)
    qualite_de_vie = forms.IntegerField(
        label=Dimension.QUALITY_OF_LIFE.label, required=False, min_value=0, max_value=3
    )
    flexibilite = forms.IntegerField(
        label=Dimension.FLEXIBILITY.label, required=False, min_value=0, max_value=3
    )
    stimulation = forms.IntegerField(
        label=Dimension.STIMULATION.label, required=False, min_value=0, max_value=3
    )
    relations_humaines = forms.IntegerField(
        label=Dimension.HUMAN_RELATIONS.label, required=False, min_value=0, max_value=3
    )
    carriere = forms.IntegerField(
        label=Dimension.CAREER.label, required=False, min_value=0, max_value=3
    )
    niveau = forms.ChoiceField(label="Niveau d'études", required=False, choices=LEVEL_CHOICES)
    salaire_min = forms.IntegerField(
        label="Salaire de départ minimum (€ brut par an)",
        required=False,
        min_value=0,
        max_value=1_000_000,
    )
    # What the reader types to find items to tick: not part of the profile.
    chercher = forms.CharField(label="Chercher une compétence", required=False, max_length=100)
    chercher_contrainte = forms.CharField(
        label="Chercher un contexte de travail", required=False, max_length=100
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        wanted = {
            "competence": self._first_unique("competence", cleaned.get("competence") or []),
            "contrainte": self._first_unique("contrainte", cleaned.get("contrainte") or []),
        }
        slugs = {slug for values in wanted.values() for slug in values}
        known = (
            {
                item.slug: item
                for item in (
                    Item(*row)
                    for row in Skill.objects.filter(slug__in=slugs).values_list(
                        "pk", "slug", "name", "kind"
                    )
                )
            }
            if slugs
            else {}
        )
        cleaned["competence"] = self._known("competence", wanted["competence"], known, SKILL_KINDS)
        cleaned["contrainte"] = self._known(
            "contrainte", wanted["contrainte"], known, AVOIDABLE_KINDS
        )
        return cleaned

    def _first_unique(self, name: str, values: list[str]) -> list[str]:
        """The first MAX_ITEMS distinct values that can be slugs; the others named."""
        label = self.fields[name].label
        kept, repeated, malformed = [], [], []
        for value in values:
            if value in kept:
                repeated.append(value)
            elif len(value) > MAX_SLUG_LENGTH or not slug_re.fullmatch(value):
                malformed.append(value[:60])
            else:
                kept.append(value)
        if repeated:
            self.ignored.append(f"{label} : {quoted(repeated)} en double, gardé une fois.")
        if malformed:
            self.ignored.append(f"{label} : {quoted(malformed)} inconnu, ignoré.")
        if len(kept) > MAX_ITEMS:
            self.ignored.append(
                f"{label} : {MAX_ITEMS} au plus ; {quoted(kept[MAX_ITEMS:])} ignoré."
            )
        return kept[:MAX_ITEMS]

    def _known(self, name: str, slugs: list[str], known: dict, kinds) -> tuple[Item, ...]:
        label = self.fields[name].label
        items, unknown, misplaced = [], [], []
        for slug in slugs:
            item = known.get(slug)
            if item is None:
                unknown.append(slug)
            elif item.kind not in kinds:
                misplaced.append(f"{item.name} ({item.kind_label.lower()})")
            else:
                items.append(item)
        if unknown:
            self.ignored.append(f"{label} : {quoted(unknown)} inconnu, ignoré.")
        if misplaced:
            self.ignored.append(f"{label} : {quoted(misplaced)} ne peut pas figurer ici, ignoré.")
        return tuple(items)

    def query_value(self, value) -> str:
        return value.slug if isinstance(value, Item) else super().query_value(value)

    def canonical_query(self):
        """The profile and page as a key; None also when words were typed in a picker's
        search box (without JavaScript): any text would make a key."""
        if self.search_text("chercher") or self.search_text("chercher_contrainte"):
            return None
        return super().canonical_query()

    # --- What the view and the template read --------------------------------------------------

    def profile(self) -> Profile:
        weights = {
            dimension: weight for dimension in Dimension.values if (weight := self.value(dimension))
        }
        level = self.value("niveau")
        return Profile(
            skills=self.value("competence") or (),
            avoided=self.value("contrainte") or (),
            weights=weights,
            level=int(level) if level else None,
            min_salary=self.value("salaire_min"),
        )

    def search_text(self, name: str) -> str:
        return (self.value(name) or "").strip()

    def weight_fields(self) -> list[dict]:
        """Each dimension with its choices and the weight given, for the radio buttons."""
        return [
            {
                "name": dimension,
                "label": label,
                "weight": self.value(dimension) or 0,
                "choices": WEIGHT_CHOICES,
            }
            for dimension, label in Dimension.choices
        ]

    def profile_summary(self, profile: Profile) -> list[str]:
        """The profile in a few words, for the heading of the results."""
        parts = []
        if profile.skills:
            count = len(profile.skills)
            parts.append(f"{count} compétence{'s' if count > 1 else ''}")
        if profile.avoided:
            count = len(profile.avoided)
            parts.append(f"{count} contrainte{'s' if count > 1 else ''} à éviter")
        for dimension, weight in profile.weights.items():
            parts.append(f"{Dimension(dimension).label} : {WEIGHT_LABELS[weight].lower()}")
        if profile.level is not None:
            parts.append(f"niveau {level_label(profile.level)}")
        if profile.min_salary is not None:
            parts.append(f"au moins {euros(profile.min_salary)} au départ")
        return parts
