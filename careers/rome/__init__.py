"""Reading France Travail's ROME 4.0 job sheets ("fiches emploi-métier"), streamed.

Pure Python, standard library only, no Django: the importer that writes fiches to
the database is built on top of this and is the only part that knows the models.

    export = open_export("RefRomeJson.zip")     # or a lone unix_fiche_emploi_metier_v460.json
    export.version, export.encoding            # "460", "utf-8"
    for fiche in export.fiches():              # RomeFiche, one at a time
        ...

Everything wrong with the input is a RomeFileError (a ValueError) whose message,
in French, names the file and the fiche.
"""

from .errors import RomeFileError
from .export import RomeExport, open_export, version_from_name, version_from_text
from .model import (
    RomeAppellation,
    RomeContext,
    RomeContextGroup,
    RomeFiche,
    RomeMobility,
    RomeSector,
    RomeSkill,
    RomeSkillGroup,
)
from .parse import parse_fiche

__all__ = [
    "RomeAppellation",
    "RomeContext",
    "RomeContextGroup",
    "RomeExport",
    "RomeFiche",
    "RomeFileError",
    "RomeMobility",
    "RomeSector",
    "RomeSkill",
    "RomeSkillGroup",
    "open_export",
    "parse_fiche",
    "version_from_name",
    "version_from_text",
]
