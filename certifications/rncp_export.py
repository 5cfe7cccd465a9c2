"""Reading France Compétences' RNCP export (XML, flow v4.x) as a stream of fiches.

The file is several hundred megabytes: expat reads it in chunks and only the
fiche being read is held as an ElementTree element, dropped once yielded, so
memory stays flat. ElementTree's iterparse would do the same but cannot tell
on which line a fiche starts, and an error must name that line.

HTML in the text fields (LISTE_COMPETENCES, MODALITES_EVALUATION, …) becomes
plain text lines here; nothing downstream ever sees markup.
"""

import re
import zipfile
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

CHUNK_BYTES = 64 * 1024
NUMBER = re.compile(r"RNCP\s*(\d{1,6})", re.IGNORECASE)
LEVEL = re.compile(r"NIV([1-8])")


class RncpExportError(Exception):
    """The export cannot be read: malformed XML, or a fiche the catalogue cannot take."""


# --- HTML → plain text ------------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    """Text of an HTML fragment: one line per paragraph, "- " before list items.

    Script and style contents are dropped; entities are decoded; nothing else
    of the markup survives.
    """

    BREAKS = {"p", "div", "br", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
    DROPPED = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.dropping = 0

    def _break(self) -> None:
        line = " ".join("".join(self.current).split())
        if line and line != "-":
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.DROPPED:
            self.dropping += 1
        elif tag == "li":
            self._break()
            self.current.append("- ")
        elif tag in self.BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.DROPPED:
            self.dropping = max(self.dropping - 1, 0)
        elif tag == "li" or tag in self.BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            # A line break in the source text is a line break for the reader too.
            parts = data.split("\n")
            for index, part in enumerate(parts):
                if index:
                    self._break()
                self.current.append(part)

    def text_lines(self) -> list[str]:
        self.close()
        self._break()
        return self.lines


def html_lines(fragment: str) -> list[str]:
    """The lines of an HTML (or plain) fragment as a reader sees them, without markup."""
    if "<" not in fragment and "&" not in fragment:
        # Plain text (titles, most labels): the same lines, without the parser's cost.
        lines = (" ".join(line.split()) for line in fragment.splitlines())
        return [line for line in lines if line and line != "-"]
    extractor = _TextExtractor()
    extractor.feed(fragment)
    return extractor.text_lines()


def html_to_text(fragment: str) -> str:
    return "\n".join(html_lines(fragment))


def list_items(fragment: str) -> list[str]:
    """Each line of a fragment as a list item, without its "- " marker."""
    return [line.removeprefix("- ").strip() for line in html_lines(fragment)]


# --- The fiche --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RncpBloc:
    code: str
    title: str
    competences: list[str]
    evaluation: str


@dataclass(frozen=True)
class RncpFiche:
    number: int
    title: str
    active: bool
    level: int | None
    level_label: str
    certifying_bodies: list[str]
    rome_codes: list[tuple[str, str]]
    nsf_codes: list[tuple[str, str]]
    blocs: list[RncpBloc]
    # (heading, plain-text body) in the page's order.
    sections: list[tuple[str, str]] = field(default_factory=list)
    line: int = 0

    @property
    def code(self) -> str:
        """ "RNCP 14528": how the catalogue writes RNCP codes (fixtures/certifications/rncp-*)."""
        return f"RNCP {self.number}"


# The access routes, as the RNCP pages word them.
ACCESS_ROUTES = [
    ("SI_JURY_FI", "Après un parcours de formation sous statut d'élève ou d'étudiant"),
    ("SI_JURY_CA", "En contrat d'apprentissage"),
    ("SI_JURY_FC", "Après un parcours de formation continue"),
    ("SI_JURY_CQ", "En contrat de professionnalisation"),
    ("SI_JURY_CL", "Par candidature individuelle"),
    ("SI_JURY_VAE", "Par expérience (VAE)"),
]
TEXT_SECTIONS = [
    ("ACTIVITES_VISEES", "Activités visées"),
    ("CAPACITES_ATTESTEES", "Compétences ou capacités attestées"),
    ("SECTEURS_ACTIVITE", "Secteurs d'activité"),
    ("TYPE_EMPLOI_ACCESSIBLES", "Types d'emplois accessibles"),
]
STATISTIC_LABELS = {
    "NOMBRE_CERTIFIES": "certifiés",
    "NOMBRE_CERTIFIES_SOUS_VAE": "dont par VAE",
    "TAUX_INSERTION_GLOBAL_6MOIS": "taux d'insertion global à 6 mois (%)",
    "TAUX_INSERTION_METIER_2ANS": "taux d'insertion dans le métier à 2 ans (%)",
}


def _text(element: Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _access_routes(fiche: Element) -> str:
    lines = []
    for tag, label in ACCESS_ROUTES:
        answer = _text(fiche, tag)
        if not answer:
            continue
        lines.append(f"{label} : {answer}")
        composition = html_to_text(_text(fiche, f"{tag}_COMPOSITION"))
        if composition:
            lines.append(f"Composition du jury : {composition}")
    return "\n".join(lines)


def _statistics(fiche: Element) -> str:
    lines = []
    for promotion in fiche.iterfind("STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION"):
        facts = [
            f"{STATISTIC_LABELS.get(child.tag, child.tag)} : {(child.text or '').strip()}"
            for child in promotion
            if child.tag != "ANNEE" and (child.text or "").strip()
        ]
        year = _text(promotion, "ANNEE")
        if facts:
            lines.append(f"- {year} : " + ", ".join(facts) if year else "- " + ", ".join(facts))
    return "\n".join(lines)


def read_fiche(element: Element, *, position: int, line: int) -> RncpFiche:
    """One FICHE element as a catalogue fiche; RncpExportError names it if it cannot be one."""
    raw_number = _text(element, "NUMERO_FICHE")
    where = f"fiche n°{position} (ligne {line})"
    number = NUMBER.fullmatch(raw_number)
    if not number:
        problem = f"numéro « {raw_number} » invalide" if raw_number else "NUMERO_FICHE manquant"
        raise RncpExportError(f"{where} : {problem}.")
    where = f"{where}, {raw_number}"
    title = html_to_text(_text(element, "INTITULE"))
    if not title:
        raise RncpExportError(f"{where} : INTITULE manquant.")
    raw_level = _text(element, "NOMENCLATURE_EUROPE/NIVEAU")
    level = LEVEL.fullmatch(raw_level)
    if raw_level and not level:
        raise RncpExportError(f"{where} : niveau « {raw_level} » invalide (NIV1 à NIV8).")
    rome_codes = [
        (_text(rome, "CODE"), _text(rome, "LIBELLE"))
        for rome in element.iterfind("CODES_ROME/ROME")
    ]
    for code, _label in rome_codes:
        if not re.fullmatch(r"[A-N]\d{4}", code):
            raise RncpExportError(f"{where} : code ROME « {code} » invalide.")
    sections = [(heading, html_to_text(_text(element, tag))) for tag, heading in TEXT_SECTIONS]
    sections += [
        ("Voies d'accès", _access_routes(element)),
        ("Statistiques", _statistics(element)),
        ("Fiche active au RNCP", _text(element, "ACTIF")),
    ]
    return RncpFiche(
        number=int(number[1]),
        title=title,
        active=_text(element, "ACTIF").casefold() == "oui",
        level=int(level[1]) if level else None,
        level_label=_text(element, "NOMENCLATURE_EUROPE/INTITULE"),
        certifying_bodies=[
            name
            for certifier in element.iterfind("CERTIFICATEURS/CERTIFICATEUR")
            if (name := _text(certifier, "NOM_CERTIFICATEUR"))
        ],
        rome_codes=rome_codes,
        nsf_codes=[
            (_text(nsf, "CODE"), _text(nsf, "INTITULE"))
            for nsf in element.iterfind("CODES_NSF/NSF")
            if _text(nsf, "CODE")
        ],
        blocs=[
            RncpBloc(
                code=_text(bloc, "CODE"),
                title=html_to_text(_text(bloc, "LIBELLE")),
                competences=list_items(_text(bloc, "LISTE_COMPETENCES")),
                evaluation=html_to_text(_text(bloc, "MODALITES_EVALUATION")),
            )
            for bloc in element.iterfind("BLOCS_COMPETENCES/BLOC_COMPETENCES")
        ],
        sections=[(heading, body) for heading, body in sections if body],
        line=line,
    )


# --- The stream -------------------------------------------------------------------------------


class _FicheCollector:
    """expat handlers that build one FICHE element at a time and queue it when closed."""

    def __init__(self, parser) -> None:
        self.parser = parser
        self.builder: TreeBuilder | None = None
        self.start_line = 0
        self.ready: deque[tuple[Element, int]] = deque()

    def start(self, tag: str, attrs: dict) -> None:
        if tag == "FICHE":
            self.builder = TreeBuilder()
            self.start_line = self.parser.CurrentLineNumber
        if self.builder is not None:
            self.builder.start(tag, attrs)

    def data(self, text: str) -> None:
        if self.builder is not None:
            self.builder.data(text)

    def end(self, tag: str) -> None:
        if self.builder is None:
            return
        self.builder.end(tag)
        if tag == "FICHE":
            self.ready.append((self.builder.close(), self.start_line))
            self.builder = None


def read_fiches(stream: BinaryIO) -> Iterator[RncpFiche]:
    """Every FICHE of an export, in file order; RncpExportError on the first bad one."""
    parser = expat.ParserCreate()
    collector = _FicheCollector(parser)
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    parser.buffer_text = True
    position = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        try:
            parser.Parse(chunk, not chunk)
        except expat.ExpatError as error:
            raise RncpExportError(
                f"XML illisible après la fiche n°{position + len(collector.ready)} "
                f"(ligne {error.lineno}, colonne {error.offset + 1}) : "
                f"{expat.ErrorString(error.code)}."
            ) from error
        while collector.ready:
            element, line = collector.ready.popleft()
            position += 1
            yield read_fiche(element, position=position, line=line)
        if not chunk:
            return


@contextmanager
def open_export(path: Path) -> Iterator[BinaryIO]:
    """The export's XML bytes: the file itself, or the first .xml member of a .zip, streamed."""
    if not zipfile.is_zipfile(path):
        with path.open("rb") as stream:
            yield stream
        return
    with zipfile.ZipFile(path) as archive:
        members = [name for name in archive.namelist() if name.lower().endswith(".xml")]
        if not members:
            raise RncpExportError(f"{path.name} : aucun fichier .xml dans l'archive.")
        with archive.open(members[0]) as stream:
            yield stream
