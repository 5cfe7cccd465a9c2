"""One decoded JSON fiche → a RomeFiche, or a RomeFileError that says what is wrong where.

Every field is read through `_FicheReader`, which checks its type before using it:
bad input must end in a RomeFileError naming the fiche and the field (as a path in
the file, `competences.savoir_faire.enjeux[1].items[4].coeur_metier`, counted from
0 as jq counts), never in a KeyError or TypeError from deep inside.

The variants accepted are the ones seen in the published exports and in the
programs that read them: `code_ogr`, `code_org_rome_cible` and `ordre_mobilite` as
numbers (JSON export) or strings (XML-derived exports); `coeur_metier` as
"Principale" / "Émergente" / null (the JSON export), as a boolean, or as "O"/"N";
`principal` as a boolean or "O"/"N"; savoir-faire and savoir-être as
{"enjeux": [...]} or directly as the list of groups (or of items). A value of
another type, or an unknown `coeur_metier` word, is an error rather than a guess:
it means the format changed and someone should look.
"""

import re
from typing import NoReturn

from .errors import RomeFileError
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

ROME_CODE = re.compile(r"[A-N]\d{4}")
# "N1302 - Direction de site logistique"; the dash may be an en or em dash, or absent.
MOBILITY_TARGET = re.compile(r"([A-Z]\d{4})\b\s*(?:[-–—:]\s*)?(.*)", re.DOTALL)

CORE_WORDS = {"principale", "principal", "o", "oui", "true", "1", "y", "yes"}
EMERGING_WORDS = {"émergente", "emergente", "émergent", "emergent"}
ORDINARY_WORDS = {"", "secondaire", "n", "non", "false", "0", "no"}
TRUE_WORDS = {"o", "oui", "true", "1", "y", "yes", "principal", "principale"}
FALSE_WORDS = {"", "n", "non", "false", "0", "no"}


def type_name(value: object) -> str:
    """A JSON type in French words, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int | float):
        return "un nombre"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un objet"
    return type(value).__name__


class _FicheReader:
    """Reads the fields of one raw fiche; every failure names the fiche and the field."""

    def __init__(self, *, source: str, rank: int) -> None:
        self.source = source
        self.rank = rank
        self.code = ""

    def fail(self, reason: str) -> NoReturn:
        raise RomeFileError(reason, source=self.source, rank=self.rank, code=self.code)

    def mapping(self, value: object, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(f"« {where} » devrait être un objet, c'est {type_name(value)}")
        return value

    def sequence(self, value: object, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"« {where} » devrait être une liste, c'est {type_name(value)}")
        return value

    def text(self, value: object, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"« {where} » devrait être un texte, c'est {type_name(value)}")
        return value.strip()

    def required_text(self, value: object, where: str, what: str) -> str:
        text = self.text(value, where)
        if not text:
            self.fail(f"{what} absent (« {where} »)")
        return text

    def code_text(self, value: object, where: str) -> str:
        """An identifier written as a number or as a string; kept as a string."""
        if value is None:
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.fail(f"« {where} » devrait être un code, c'est {type_name(value)}")
        return value.strip()

    def order(self, value: object, where: str) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        self.fail(f"« {where} » devrait être un nombre entier, c'est « {value} »")

    def flag(self, value: object, where: str) -> bool:
        """A yes/no field: a boolean, "O"/"N", "Oui"/"Non", 1/0."""
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            word = value.strip().casefold()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
        self.fail(f"« {where} » devrait valoir oui ou non, c'est « {value} »")

    def importance(self, value: object, where: str) -> tuple[bool, bool]:
        """`coeur_metier` as (core, emerging)."""
        if value is None or isinstance(value, bool):
            return bool(value), False
        if isinstance(value, int) and value in (0, 1):
            return bool(value), False
        if isinstance(value, str):
            word = value.strip().casefold()
            if word in CORE_WORDS:
                return True, False
            if word in EMERGING_WORDS:
                return False, True
            if word in ORDINARY_WORDS:
                return False, False
        self.fail(
            f"« {where} » vaut « {value} » : attendu « Principale », « Émergente », "
            "vrai/faux ou rien"
        )


def _rome_block(reader: _FicheReader, raw: dict) -> tuple[str, str, str]:
    """(code, title, code_ogr), from `rome` or, failing that, from the fiche itself."""
    rome = reader.mapping(raw.get("rome"), "rome")
    block, prefix = (rome, "rome.") if rome else (raw, "")
    code = reader.text(block.get("code_rome"), f"{prefix}code_rome")
    if not code:
        reader.fail("code ROME absent (« rome.code_rome »)")
    reader.code = code if len(code) <= 20 else code[:20] + "…"
    if not ROME_CODE.fullmatch(code):
        reader.fail(
            f"code ROME « {reader.code} » invalide : attendu une lettre de A à N "
            "suivie de 4 chiffres (ex. N1303)"
        )
    title = reader.required_text(block.get("intitule"), f"{prefix}intitule", "intitulé")
    code_ogr = reader.code_text(block.get("code_ogr"), f"{prefix}code_ogr")
    return code, title, code_ogr


def _appellations(reader: _FicheReader, value: object) -> tuple[RomeAppellation, ...]:
    found = []
    for index, entry in enumerate(reader.sequence(value, "appellations")):
        where = f"appellations[{index}]"
        entry = reader.mapping(entry, where)
        found.append(
            RomeAppellation(
                label=reader.required_text(
                    entry.get("libelle"), f"{where}.libelle", "libellé d'appellation"
                ),
                short_label=reader.text(entry.get("libelle_court"), f"{where}.libelle_court"),
                code_ogr=reader.code_text(entry.get("code_ogr"), f"{where}.code_ogr"),
            )
        )
    return tuple(found)


def _skill(reader: _FicheReader, entry: dict, where: str) -> RomeSkill:
    core, emerging = reader.importance(entry.get("coeur_metier"), f"{where}.coeur_metier")
    return RomeSkill(
        label=reader.required_text(entry.get("libelle"), f"{where}.libelle", "libellé"),
        code_ogr=reader.code_text(entry.get("code_ogr"), f"{where}.code_ogr"),
        core=core,
        emerging=emerging,
    )


def _skill_groups(reader: _FicheReader, value: object, where: str) -> tuple[RomeSkillGroup, ...]:
    """Enjeux or categories with their items.

    {"enjeux": [...]} or {"categories": [...]} as in the JSON export, or the list
    itself. Items found outside any group make one unnamed group, so none is lost.
    """
    if isinstance(value, dict):
        for key in ("enjeux", "categories"):
            if key in value:
                return _skill_groups(reader, value[key], f"{where}.{key}")
        if "items" in value:
            value = [value]
        elif value:
            reader.fail(f"« {where} » n'a ni « enjeux » ni « categories »")
    groups, loose = [], []
    for index, entry in enumerate(reader.sequence(value, where)):
        entry_where = f"{where}[{index}]"
        entry = reader.mapping(entry, entry_where)
        if "items" not in entry:
            loose.append(_skill(reader, entry, entry_where))
            continue
        items = reader.sequence(entry["items"], f"{entry_where}.items")
        groups.append(
            RomeSkillGroup(
                label=reader.text(entry.get("libelle"), f"{entry_where}.libelle"),
                items=tuple(
                    _skill(
                        reader,
                        reader.mapping(item, f"{entry_where}.items[{i}]"),
                        f"{entry_where}.items[{i}]",
                    )
                    for i, item in enumerate(items)
                ),
            )
        )
    if loose:
        groups.append(RomeSkillGroup(label="", items=tuple(loose)))
    return tuple(groups)


def _contexts(reader: _FicheReader, value: object) -> tuple[RomeContextGroup, ...]:
    groups = []
    for index, entry in enumerate(reader.sequence(value, "contextes_travail")):
        where = f"contextes_travail[{index}]"
        entry = reader.mapping(entry, where)
        items = []
        for i, item in enumerate(reader.sequence(entry.get("items"), f"{where}.items")):
            item_where = f"{where}.items[{i}]"
            item = reader.mapping(item, item_where)
            items.append(
                RomeContext(
                    label=reader.required_text(
                        item.get("libelle"), f"{item_where}.libelle", "libellé de contexte"
                    ),
                    code_ogr=reader.code_text(item.get("code_ogr"), f"{item_where}.code_ogr"),
                )
            )
        groups.append(
            RomeContextGroup(
                label=reader.text(entry.get("libelle"), f"{where}.libelle"), items=tuple(items)
            )
        )
    return tuple(groups)


def _sectors(reader: _FicheReader, value: object) -> tuple[RomeSector, ...]:
    sectors = []
    for index, entry in enumerate(reader.sequence(value, "secteurs_activite")):
        where = f"secteurs_activite[{index}]"
        entry = reader.mapping(entry, where)
        sectors.append(
            RomeSector(
                code=reader.code_text(entry.get("code"), f"{where}.code"),
                label=reader.required_text(
                    entry.get("libelle"), f"{where}.libelle", "libellé de secteur"
                ),
                is_main=reader.flag(entry.get("principal"), f"{where}.principal"),
            )
        )
    return tuple(sectors)


def _mobility_target(reader: _FicheReader, value: object, where: str) -> tuple[str, str]:
    """(code, label) from "N1302 - Direction de site logistique" or {code_rome, intitule}."""
    if isinstance(value, dict):
        code = reader.text(value.get("code_rome"), f"{where}.code_rome")
        label = reader.text(value.get("intitule"), f"{where}.intitule")
    else:
        written = reader.required_text(value, where, "métier cible de la mobilité")
        match = MOBILITY_TARGET.fullmatch(written)
        code, label = (match[1], match[2].strip()) if match else (written, "")
    if not ROME_CODE.fullmatch(code):
        reader.fail(f"« {where} » ne commence pas par un code ROME valide : « {code[:40]} »")
    return code, label


def _mobilities(reader: _FicheReader, value: object) -> tuple[RomeMobility, ...]:
    found = []
    for index, entry in enumerate(reader.sequence(value, "mobilites")):
        where = f"mobilites[{index}]"
        entry = reader.mapping(entry, where)
        code, label = _mobility_target(reader, entry.get("rome_cible"), f"{where}.rome_cible")
        # "org" is the export's own spelling; "ogr", the consistent one, is accepted too.
        code_ogr_key = next(
            (key for key in ("code_org_rome_cible", "code_ogr_rome_cible") if key in entry),
            "code_org_rome_cible",
        )
        found.append(
            RomeMobility(
                target_code=code,
                target_label=label,
                target_code_ogr=reader.code_text(
                    entry.get(code_ogr_key), f"{where}.{code_ogr_key}"
                ),
                order=reader.order(entry.get("ordre_mobilite"), f"{where}.ordre_mobilite"),
            )
        )
    # File order, then by ordre_mobilite where given; a stable sort keeps ties (and
    # mobilities without an order, placed last) as the file lists them.
    found.sort(key=lambda mobility: (mobility.order is None, mobility.order or 0))
    return tuple(found)


def parse_fiche(raw: object, *, rank: int, source: str) -> RomeFiche:
    """The fiche `raw` (one element of the export's list) as a RomeFiche.

    Raises RomeFileError naming `source`, `rank` and, once read, the ROME code.
    """
    reader = _FicheReader(source=source, rank=rank)
    if not isinstance(raw, dict):
        reader.fail(f"la fiche devrait être un objet JSON, c'est {type_name(raw)}")
    code, title, code_ogr = _rome_block(reader, raw)
    competences = reader.mapping(raw.get("competences"), "competences")
    return RomeFiche(
        rank=rank,
        code=code,
        title=title,
        code_ogr=code_ogr,
        definition=reader.text(raw.get("definition"), "definition"),
        access=reader.text(raw.get("acces_metier"), "acces_metier"),
        appellations=_appellations(reader, raw.get("appellations")),
        savoir_faire=_skill_groups(
            reader, competences.get("savoir_faire"), "competences.savoir_faire"
        ),
        savoir_etre=_skill_groups(
            reader,
            competences.get("savoir_etre_professionnel"),
            "competences.savoir_etre_professionnel",
        ),
        savoirs=_skill_groups(reader, competences.get("savoirs"), "competences.savoirs"),
        contexts=_contexts(reader, raw.get("contextes_travail")),
        sectors=_sectors(reader, raw.get("secteurs_activite")),
        mobilities=_mobilities(reader, raw.get("mobilites")),
    )
