"""Parse a job sheet (fiche métier) text file into frozen dataclasses.

No database: `parse_jobsheet(text, source=...)` returns a `JobSheet` or raises
`JobSheetError` naming the file, the line and what was expected there.

The format, as the seed sheets write it:

    Title                                    line 1
    Summary                                  line 2
    Profil d'épanouissement                  then "Label NN%" + hint, five times
    #MISSIONS, #SOFTSKILLS, #HARDSKILLS, #FORMATIONS (or #PARCOURS / DIPLÔMES),
    #OUTILS, #CONTRAINTES, #SALAIRE (or #SALAIRE ET ÉVOLUTION), #FAQ

Sections come in any order and each is optional. Inside a section the first
line is its heading; a line repeating the career title right after it is
dropped. Each section is read by the spec that declares its marker
(careers.sections); the lines themselves by careers.textformat.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from core.text import normalise

from .sections import BY_MARKER
from .sections.fulfilment import PROFILE_HEADING, FulfilmentProfile, parse_profile
from .textformat import JobSheetError, Line, Part, Reader, split_lines

SECTION_NAMES = (
    "#MISSIONS, #SOFTSKILLS, #HARDSKILLS, #FORMATIONS, #PARCOURS / DIPLÔMES, #OUTILS, "
    "#CONTRAINTES, #SALAIRE, #SALAIRE ET ÉVOLUTION, #FAQ"
)


@dataclass(frozen=True)
class JobSheet:
    source: str
    title: str
    summary: str
    profile: FulfilmentProfile | None
    sections: tuple[Part, ...]

    def parts(self) -> Iterator[Part]:
        """Every part in page order: the profile, then each section and the parts inside it."""
        if self.profile:
            yield self.profile
        for section in self.sections:
            yield section
            yield from section.sub_parts()

    def statements(self) -> Iterator[str]:
        """Every text of the sheet, in source order: what the tests check reaches the database."""
        yield self.title
        yield self.summary
        if self.profile:
            yield self.profile.heading
            yield from self.profile.item_statements()
        for section in self.sections:
            yield from section.statements()


def section_key(line: Line) -> str:
    return re.sub(r"[^a-z]", "", normalise(line.key[1:]))


def parse_jobsheet(text: str, *, source: str) -> JobSheet:
    lines = split_lines(text)
    section_starts = [index for index, line in enumerate(lines) if line.is_section]
    head_end = section_starts[0] if section_starts else len(lines)
    head = Reader(source, lines[:head_end], lines[head_end - 1].number if head_end else 1)

    title = head.peek()
    if title is None or title.normal == PROFILE_HEADING:
        found = lines[head_end] if title is None and section_starts else title
        raise head.fail(found, "pas d'intitulé", "l'intitulé du métier en ligne 1")
    head.take()
    summary = head.peek()
    if summary is None or summary.normal == PROFILE_HEADING:
        line = summary or (lines[head_end] if section_starts else None)
        raise head.fail(line, "pas de résumé", "un résumé d'une ligne en ligne 2")
    head.take()
    profile = parse_profile(head)

    sections = []
    seen: dict[object, Line] = {}
    for position, start in enumerate(section_starts):
        marker = lines[start]
        spec = BY_MARKER.get(section_key(marker))
        if spec is None:
            raise JobSheetError(
                source,
                marker.number,
                f"section inconnue {marker.text!r} (attendu : {SECTION_NAMES})",
            )
        if spec in seen:
            raise JobSheetError(
                source,
                marker.number,
                f"section {marker.text!r} en double (attendu : une seule fois ; "
                f"première à la ligne {seen[spec].number})",
            )
        seen[spec] = marker
        end = section_starts[position + 1] if position + 1 < len(section_starts) else len(lines)
        reader = Reader(source, lines[start + 1 : end], marker.number)
        if reader.peek() is None:
            raise reader.fail(marker, f"section {marker.text!r} vide", "son titre et ses éléments")
        sections.append(replace(spec.parse(reader, title.text), line=marker.number))
    return JobSheet(source, title.text, summary.text, profile, tuple(sections))


# The system's own wording (error.strerror) is English: the usual cases in French.
READ_ERRORS = {
    FileNotFoundError: "fichier introuvable",
    IsADirectoryError: "c'est un dossier (attendu : un fichier texte)",
    PermissionError: "lecture du fichier non autorisée",
}


def read_jobsheet(path: Path) -> JobSheet:
    """Parse a file; anything but UTF-8 text (a BOM is fine) is refused, located."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        message = READ_ERRORS.get(type(error), f"fichier illisible : {error.strerror}")
        raise JobSheetError(source, 0, message) from error
    return parse_jobsheet(jobsheet_text(data, source=source), source=source)


def jobsheet_text(data: bytes, *, source: str) -> str:
    """The text of a sheet's file (a file on disk, one sent through the admin); anything but
    UTF-8 text (a BOM is fine) is refused, located."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise JobSheetError(source, 1, "texte encodé en UTF-16 (attendu : UTF-8)")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            raise JobSheetError(source, line, "texte encodé en UTF-16 (attendu : UTF-8)")
        raise JobSheetError(
            source, line, "contenu binaire, un octet NUL (attendu : du texte UTF-8)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise JobSheetError(
            source,
            line,
            f"l'octet 0x{byte:02X} n'est pas de l'UTF-8 (attendu : du texte UTF-8 ; "
            "le fichier a-t-il été enregistré en Latin-1 ou en Windows-1252, "
            "ou coupé au milieu d'un caractère ?)",
        ) from error
    if not text.strip():
        raise JobSheetError(
            source, 1, "fichier vide (attendu : un intitulé, un résumé et des sections)"
        )
    return text
