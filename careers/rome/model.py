"""A ROME 4.0 job sheet ("fiche emploi-métier") as typed, immutable values.

Frozen dataclasses holding tuples: a fiche read from the export cannot be changed
by accident on its way to the database, and two readings of the same fiche (from
a ZIP and from a lone file, in UTF-8 or ISO-8859-15) compare equal, which is what
the tests rely on. Codes are strings everywhere: the JSON export writes `code_ogr`
as numbers, the XML-derived exports as strings, and "0123" must not lose its zero.
Texts are kept as written, stripped of surrounding white space only.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RomeAppellation:
    """A job title under the fiche ("Chef / Cheffe de quai")."""

    label: str
    short_label: str
    code_ogr: str


@dataclass(frozen=True, slots=True)
class RomeSkill:
    """A savoir-faire, savoir-être or savoir item.

    `core` is the export's `coeur_metier` "Principale" (or true): a skill at the
    heart of the job. `emerging` is its "Émergente": a skill the job is gaining.
    Neither: an ordinary skill of the job.
    """

    label: str
    code_ogr: str
    core: bool = False
    emerging: bool = False


@dataclass(frozen=True, slots=True)
class RomeSkillGroup:
    """An enjeu (savoir-faire, savoir-être) or a category (savoirs) and its items."""

    label: str
    items: tuple[RomeSkill, ...]


@dataclass(frozen=True, slots=True)
class RomeContext:
    """A work context item ("Travail en horaires décalés")."""

    label: str
    code_ogr: str


@dataclass(frozen=True, slots=True)
class RomeContextGroup:
    """A group of work contexts ("Horaires et durée du travail") and its items."""

    label: str
    items: tuple[RomeContext, ...]


@dataclass(frozen=True, slots=True)
class RomeSector:
    """A sector of activity the job is found in; `is_main` is the export's `principal`."""

    code: str
    label: str
    is_main: bool


@dataclass(frozen=True, slots=True)
class RomeMobility:
    """A job one can move to from this one.

    Parsed from `rome_cible` "N1302 - Direction de site logistique". The target may
    be absent from the file (another version, a fiche not yet published): that is
    not an error here, the importer keeps such a mobility as text.
    """

    target_code: str
    target_label: str
    target_code_ogr: str
    order: int | None


@dataclass(frozen=True, slots=True)
class RomeFiche:
    """One job sheet of the export; `rank` is its position in the file, from 1."""

    rank: int
    code: str
    title: str
    code_ogr: str
    definition: str
    access: str
    appellations: tuple[RomeAppellation, ...]
    savoir_faire: tuple[RomeSkillGroup, ...]
    savoir_etre: tuple[RomeSkillGroup, ...]
    savoirs: tuple[RomeSkillGroup, ...]
    contexts: tuple[RomeContextGroup, ...]
    sectors: tuple[RomeSector, ...]
    mobilities: tuple[RomeMobility, ...]

    def core_skills(self) -> tuple[RomeSkill, ...]:
        """The savoir-faire marked as the heart of the job, in the fiche's order."""
        return tuple(item for group in self.savoir_faire for item in group.items if item.core)
