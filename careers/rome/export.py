"""Opening a ROME 4.0 export: the official ZIP, or its fiches JSON file on its own.

France Travail publishes the ROME as a ZIP of JSON files; the job sheets are in
`unix_fiche_emploi_metier_v4NN.json` (older exports: `…_v4NN_iso8859-15.json`,
encoded ISO-8859-15), beside a `version.txt`. `open_export` finds that member,
reads the version and settles the encoding; `RomeExport.fiches()` then streams
the fiches, reading the member straight out of the archive, never extracting it.

Each call to `fiches()` (or `raw_fiches()`) opens the source anew, so an export
can be read twice (a dry run, then the import) and holds no open file between.
"""

import re
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from os import PathLike
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .encoding import ISO_8859_15, detect_encoding, name_hints_iso
from .errors import READ_ERRORS, RomeFileError, read_failure
from .jsonstream import iter_json_array
from .model import RomeFiche
from .parse import parse_fiche

FICHES_MEMBER = re.compile(r"unix_fiche_emploi_metier[^/]*\.json", re.IGNORECASE)
VERSION_MEMBER = "version.txt"
VERSION_TEXT_MAX_BYTES = 64 * 1024
# Opening a ZIP member can also fail with RuntimeError (it is encrypted) or
# NotImplementedError (an unknown compression method).
OPEN_ERRORS = (*READ_ERRORS, RuntimeError, NotImplementedError)
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# "v460" in a file name: ROME 4.0, version 60.
NAME_VERSION = re.compile(r"_v(\d{3})(?![0-9])", re.IGNORECASE)
# In version.txt, most telling first: "Numéro de version : 60", "v460", "version 60".
TEXT_VERSIONS = (
    re.compile(r"num[ée]ro\s+de\s+version\s*:?\s*(\d+)", re.IGNORECASE),
    re.compile(r"\bv(\d{3})\b", re.IGNORECASE),
    re.compile(r"\bversion\s*:?\s*(\d+)\b", re.IGNORECASE),
    re.compile(r"\A\s*(\d+)\s*\Z"),
)


def version_from_name(name: str) -> str:
    """ "460" from `unix_fiche_emploi_metier_v460.json`, "" when the name has none."""
    found = NAME_VERSION.search(PurePosixPath(name).name)
    return found[1] if found else ""


def version_from_text(text: str) -> str:
    """The version `version.txt` states, written like the file names ("460"), or "".

    The archive's version.txt numbers versions within ROME 4 ("Numéro de version :
    60") while the file names prefix the 4 ("_v460"); written the same way, the
    version of a ZIP and that of its fiches file taken alone compare equal.
    """
    for pattern in TEXT_VERSIONS:
        found = pattern.search(text)
        if found:
            number = int(found[1])
            return f"4{number:02d}" if number < 100 else str(number)
    return ""


def _decode_small_text(data: bytes) -> str:
    """version.txt is a few lines; UTF-8 if it is valid UTF-8, else ISO-8859-15."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode(ISO_8859_15)


@dataclass(frozen=True)
class RomeExport:
    """A ROME export ready to be read.

    `path` is the file opened; `member` the fiches file inside it when it is a ZIP
    (None for a lone JSON file); `source_name` what error messages call it;
    `version` the ROME version written like the file names ("460", or "" when
    nothing says); `version_text` the archive's version.txt as written ("" without);
    `encoding` the Python codec the fiches are decoded with ("utf-8", "utf-8-sig",
    "utf-16" or "iso8859_15").
    """

    path: Path
    member: str | None
    source_name: str
    version: str
    version_text: str
    encoding: str

    @contextmanager
    def _open_bytes(self) -> Iterator[BinaryIO]:
        """The fiches file's bytes, read from the archive without extracting it.

        Errors while reading are the stream reader's to report (it knows the fiche);
        only opening is guarded here.
        """
        with ExitStack() as opened:
            try:
                if self.member is None:
                    stream = opened.enter_context(open(self.path, "rb"))
                else:
                    archive = opened.enter_context(zipfile.ZipFile(self.path))
                    stream = opened.enter_context(archive.open(self.member))
            except OPEN_ERRORS as error:
                raise RomeFileError(
                    f"lecture impossible : {read_failure(error)}", source=self.source_name
                ) from error
            yield stream

    def raw_fiches(self) -> Iterator[tuple[int, object]]:
        """(rank, decoded JSON) for each fiche, streamed, rank from 1.

        For an importer that wants to skip a fiche `parse_fiche` rejects and go on:
        an error in the JSON itself ends the file, one in a fiche's content need not.
        """
        with self._open_bytes() as stream:
            yield from iter_json_array(stream, encoding=self.encoding, source=self.source_name)

    def fiches(self) -> Iterator[RomeFiche]:
        """Every fiche of the export, one at a time, in the file's order.

        Raises RomeFileError at the first fiche that cannot be read.
        """
        for rank, raw in self.raw_fiches():
            yield parse_fiche(raw, rank=rank, source=self.source_name)


def _pick_fiches_member(archive: zipfile.ZipFile, source: str) -> str:
    """The fiches file of the archive; UTF-8 before ISO-8859-15, newest version first."""
    candidates = [
        name
        for name in archive.namelist()
        if FICHES_MEMBER.fullmatch(PurePosixPath(name).name)
        and not name.startswith("__MACOSX/")
        and not name.endswith("/")
    ]
    if not candidates:
        listed = ", ".join(archive.namelist()[:10]) or "aucun fichier"
        raise RomeFileError(
            "l'archive ne contient pas de fichier de fiches "
            f"« unix_fiche_emploi_metier_v4NN.json » (elle contient : {listed})",
            source=source,
        )
    return min(
        candidates,
        key=lambda name: (name_hints_iso(name), -int(version_from_name(name) or 0), name),
    )


def _read_version_text(archive: zipfile.ZipFile, member: str) -> str:
    """version.txt beside the fiches file (or anywhere in the archive), "" without."""
    beside = str(PurePosixPath(member).with_name(VERSION_MEMBER))
    names = archive.namelist()
    if beside not in names:
        beside = next((n for n in names if PurePosixPath(n).name.lower() == VERSION_MEMBER), "")
    if not beside:
        return ""
    with archive.open(beside) as stream:
        return _decode_small_text(stream.read(VERSION_TEXT_MAX_BYTES)).strip()


def _open_zip(path: Path) -> RomeExport:
    with zipfile.ZipFile(path) as archive:
        member = _pick_fiches_member(archive, path.name)
        source = f"{path.name}/{member}"
        version_text = _read_version_text(archive, member)
        with archive.open(member) as stream:
            encoding = detect_encoding(stream, name=member)
    return RomeExport(
        path=path,
        member=member,
        source_name=source,
        version=version_from_text(version_text) or version_from_name(member),
        version_text=version_text,
        encoding=encoding,
    )


def _open_json(path: Path) -> RomeExport:
    with open(path, "rb") as stream:
        encoding = detect_encoding(stream, name=path.name)
    return RomeExport(
        path=path,
        member=None,
        source_name=path.name,
        version=version_from_name(path.name),
        version_text="",
        encoding=encoding,
    )


def open_export(path: str | PathLike[str]) -> RomeExport:
    """The export at `path`: the official ZIP, or a lone `unix_fiche_emploi_metier…json`.

    Reads the file once through to settle its encoding (streamed, in chunks), so a
    file that cannot be read fails here rather than halfway through an import.
    Raises RomeFileError, naming the file, when it cannot be opened or read, or when
    a ZIP holds no fiches file.
    """
    path = Path(path)
    try:
        with open(path, "rb") as stream:
            signature = stream.read(4)
        if signature in ZIP_SIGNATURES:
            return _open_zip(path)
        if path.suffix.lower() == ".zip":
            raise RomeFileError("ce n'est pas une archive ZIP valide", source=path.name)
        return _open_json(path)
    except OPEN_ERRORS as error:
        raise RomeFileError(read_failure(error), source=path.name or str(path)) from error
