"""Every kind of job-sheet section, declared once (base.SectionSpec), in page order.

The importer, the page, the JSON twin, the CSV download, the search text, the
admin and the synthetic generator loop over `SPECS`; none of them names a kind.
Adding a kind takes its model and `SectionKind` choice (careers/models.py), a spec
listed here, its template (templates/careers/includes/section_<kind>.html) and
its tests: see "Ajouter une rubrique" in the README.
"""

from ..models import CareerSection
from .base import Row, SectionSpec, Table
from .education import Education, Experience
from .faq import Faq
from .fulfilment import Fulfilment
from .missions import Missions
from .rome import Access, Appellations, Mobilities, Sectors
from .rome_skills import Contexts, SavoirEtre, SavoirFaire, Savoirs
from .salary import Evolution, Salary
from .skills import Constraints, HardSkills, SoftSkills
from .tools import Tools

SPECS: tuple[SectionSpec, ...] = (
    Fulfilment(),
    Missions(),
    SoftSkills(),
    HardSkills(),
    Education(),
    Experience(),
    Tools(),
    Constraints(),
    Salary(),
    Evolution(),
    Faq(),
    Access(),
    Appellations(),
    SavoirFaire(),
    SavoirEtre(),
    Savoirs(),
    Contexts(),
    Sectors(),
    Mobilities(),
)
BY_KIND: dict[str, SectionSpec] = {spec.kind: spec for spec in SPECS}
# The kinds of a job sheet of the text format, and those of a ROME fiche.
SHEET_KINDS = [spec.kind for spec in SPECS if spec.flavour == "sheet"]
ROME_KINDS = [spec.kind for spec in SPECS if spec.flavour == "rome"]
# "#MISSIONS" → the spec that reads it (see careers.jobsheet.section_key).
BY_MARKER: dict[str, SectionSpec] = {marker: spec for spec in SPECS for marker in spec.markers}

# The words around each section's items: one row per section, in the source's order.
SECTIONS = Table(
    "sections",
    CareerSection,
    ("position", "kind", "heading", "subheading", "intro", "note"),
    searched=("heading", "subheading", "intro", "note"),
)
# Every table a sheet writes, parents before the rows that point at them.
TABLES: tuple[Table, ...] = (SECTIONS, *(table for spec in SPECS for table in spec.tables))

__all__ = [
    "BY_KIND",
    "BY_MARKER",
    "ROME_KINDS",
    "SECTIONS",
    "SHEET_KINDS",
    "SPECS",
    "TABLES",
    "Row",
    "SectionSpec",
    "Table",
]
