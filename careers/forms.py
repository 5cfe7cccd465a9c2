"""The career list's query string, validated: a bad value drops its filter, never the page."""

from dataclasses import dataclass

from django import forms
from django.core.validators import validate_slug

from core.forms import FilterForm
from core.templatetags.formatting import euros
from core.text import normalise
from skills.models import SkillKind

from .models import Dimension, EducationLevel
from .querysets import BAC_PLUS, editorial_vocabulary

# Query-string name → vocabulary kind, in the order the filters are shown.
SKILL_PARAMS = {
    "soft": SkillKind.SOFT,
    "hard": SkillKind.HARD,
    "outil": SkillKind.TOOL,
    "contrainte": SkillKind.CONSTRAINT,
}
FACET_TITLES = {
    "soft": "Soft skills",
    "hard": "Hard skills",
    "outil": "Outils",
    "contrainte": "Contraintes",
}
SORT_CHOICES = [
    ("pertinence", "Pertinence (avec une recherche)"),
    ("titre", "Intitulé (A → Z)"),
    ("salaire", "Salaire de départ (le plus élevé d'abord)"),
    *[(value, f"{label} (meilleur score d'abord)") for value, label in Dimension.choices],
]
MAX_VALUES_PER_FILTER = 10
# A facet group shows its most frequent options (and every ticked one), and links to the
# rest with `?tout=<group>`: at 2 000 careers a group has a hundred options or more.
FACETS_SHOWN = 8


class SlugListField(forms.Field):
    """Several `?soft=a&soft=b` values, each a slug."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        return list(dict.fromkeys(item.strip() for item in values if item and item.strip()))

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > MAX_VALUES_PER_FILTER:
            raise forms.ValidationError("Trop de valeurs.")
        for item in value:
            validate_slug(item)


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_url: str


class CareerFilterForm(FilterForm):
    steps = {"salaire_min": 1000, "score_min": 5}
    q = forms.CharField(label="Rechercher un métier", required=False, max_length=200)
    soft = SlugListField(label="Soft skills", required=False)
    hard = SlugListField(label="Hard skills", required=False)
    outil = SlugListField(label="Outils", required=False)
    contrainte = SlugListField(label="Contraintes", required=False)
    niveau = forms.CharField(label="Niveau de formation", required=False, max_length=50)
    salaire_min = forms.IntegerField(
        label="Salaire de départ minimum (€ brut par an)",
        required=False,
        min_value=0,
        max_value=1_000_000,
    )
    epanouissement = forms.ChoiceField(
        label="Dimension d'épanouissement",
        required=False,
        choices=[("", "Toutes"), *Dimension.choices],
    )
    score_min = forms.IntegerField(
        label="Score minimum (%)", required=False, min_value=0, max_value=100
    )
    tri = forms.ChoiceField(label="Trier par", required=False, choices=SORT_CHOICES)
    tout = forms.MultipleChoiceField(
        label="Critères affichés en entier",
        required=False,
        choices=list(FACET_TITLES.items()),
        widget=forms.MultipleHiddenInput,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.skill_names: dict[str, str] = {}

    def clean(self) -> dict:
        cleaned = super().clean()
        self._drop_unknown_skills(cleaned)
        self._drop_unknown_level(cleaned)
        return cleaned

    def _drop_unknown_skills(self, cleaned: dict) -> None:
        """Keep only the slugs that name an item of the right kind (the editorial vocabulary,
        kept in the process)."""
        wanted = {param: cleaned.get(param) or [] for param in SKILL_PARAMS}
        if not any(wanted.values()):
            return
        known = editorial_vocabulary().names
        for param, kind in SKILL_PARAMS.items():
            kept = []
            for slug in wanted[param]:
                if (kind, slug) in known:
                    kept.append(slug)
                    self.skill_names[slug] = known[kind, slug]
                else:
                    self.ignored.append(f"{self.fields[param].label} : « {slug} » inconnu, ignoré.")
            cleaned[param] = kept

    def _drop_unknown_level(self, cleaned: dict) -> None:
        level = cleaned.get("niveau", "").strip()
        cleaned["niveau"] = level
        if not level or BAC_PLUS.fullmatch(normalise(level)):
            return
        if not EducationLevel.objects.filter(name__iexact=level).exists():
            self.ignored.append(f"Niveau de formation : « {level} » inconnu, ignoré.")
            cleaned["niveau"] = ""

    # --- What the view and the template read --------------------------------------------------

    def filters(self) -> dict:
        """Keyword arguments for CareerQuerySet.filter_by()."""
        dimension = self.value("epanouissement") or ""
        min_score = self.value("score_min")
        return {
            "query": self.value("q") or "",
            "skills": {kind: self.value(param) or [] for param, kind in SKILL_PARAMS.items()},
            "education": self.value("niveau") or "",
            "min_salary": self.value("salaire_min"),
            "dimension": dimension,
            "min_score": min_score if dimension else None,
        }

    @property
    def sort(self) -> str:
        """Relevance when the reader searched and chose no order, else title."""
        return self.value("tri") or ("pertinence" if self.value("q") else "titre")

    def active_filters(self) -> list[ActiveFilter]:
        """Every filter in force, with the link that drops it alone."""
        active = []
        if self.value("q"):
            active.append(ActiveFilter(f"Recherche « {self.value('q')} »", self._without("q")))
        for param in SKILL_PARAMS:
            for slug in self.value(param) or []:
                label = f"{FACET_TITLES[param]} : {self.skill_names.get(slug, slug)}"
                active.append(ActiveFilter(label, self._without(param, value=slug)))
        if self.value("niveau"):
            label = f"Niveau : {self.value('niveau')}"
            active.append(ActiveFilter(label, self._without("niveau")))
        if self.value("salaire_min") is not None:
            label = f"Salaire de départ ≥ {euros(self.value('salaire_min'))}"
            active.append(ActiveFilter(label, self._without("salaire_min")))
        filters = self.filters()
        if filters["min_score"] is not None:
            dimension = Dimension(filters["dimension"]).label
            label = f"{dimension} ≥ {filters['min_score']} %"
            active.append(ActiveFilter(label, self._without("epanouissement", "score_min")))
        return active

    def _without(self, *names: str, value: str | None = None) -> str:
        """This page's query string without some parameters (or one value), at page 1."""
        params = self.cleaned_query()
        params.pop("page", None)
        for name in names:
            if value is None:
                params.pop(name, None)
            else:
                params.setlist(name, [item for item in params.getlist(name) if item != value])
        query = params.urlencode()
        return f"?{query}" if query else "?"

    def _with(self, name: str, value: str) -> str:
        """This page's query string with one more value, at the same page."""
        params = self.cleaned_query()
        if value not in params.getlist(name):
            params.appendlist(name, value)
        return f"?{params.urlencode()}"

    def facet_groups(self, skill_rows: list[dict]) -> list[dict]:
        """Skill facets by kind, each option with its count and whether it is ticked.

        A group shows its FACETS_SHOWN most frequent options and every ticked one,
        unless `tout` names it: then all of them. `more` counts the options left out,
        `show_all_url` shows them. A ticked item absent from the results still shows
        (count 0), so that the form keeps it until the reader unticks it.
        """
        param_of_kind = {kind: param for param, kind in SKILL_PARAMS.items()}
        options = {param: {} for param in SKILL_PARAMS}
        for row in skill_rows:
            param = param_of_kind.get(row["kind"])
            if param:
                options[param][row["slug"]] = {
                    "slug": row["slug"],
                    "name": row["name"],
                    "count": row["count"],
                }
        whole = set(self.value("tout") or [])
        groups = []
        for param, by_slug in options.items():
            ticked = self.value(param) or []
            for slug in ticked:
                by_slug.setdefault(
                    slug, {"slug": slug, "name": self.skill_names.get(slug, slug), "count": 0}
                )
            # Most frequent first; rows come sorted by name, which breaks the ties.
            rows = sorted(by_slug.values(), key=lambda row: -row["count"])
            rows = [{**row, "checked": row["slug"] in ticked} for row in rows]
            shown = rows
            if param not in whole:
                shown = [r for i, r in enumerate(rows) if i < FACETS_SHOWN or r["checked"]]
            groups.append(
                {
                    "param": param,
                    "title": FACET_TITLES[param],
                    "options": shown,
                    "whole": param in whole,
                    "total": len(rows),
                    "more": len(rows) - len(shown),
                    "show_all_url": self._with("tout", param),
                }
            )
        return groups

    def education_options(self, rows: list[dict]) -> list[dict]:
        """Diploma facets; the chosen level shows even when no result has it."""
        chosen = self.value("niveau") or ""
        options = [{**row, "checked": row["name"].casefold() == chosen.casefold()} for row in rows]
        if chosen and not any(option["checked"] for option in options):
            options.append({"name": chosen, "level_label": "", "count": 0, "checked": True})
        return options
