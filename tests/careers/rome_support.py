"""What the ROME reader's tests share: the fixture files, and ways to make more of them."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from careers.rome import RomeFileError, open_export

DATA = Path(__file__).parent / "data" / "rome"
UTF8_FILE = DATA / "unix_fiche_emploi_metier_v460.json"
ISO_FILE = DATA / "unix_fiche_emploi_metier_v460_iso8859-15.json"
# The lines of a version.txt as a published archive's is reported to read.
VERSION_TXT = (
    "Numero de version : 60\n"
    "Date de publication : 18/09/2025\n"
    "Date de validation : 27/08/2025\n"
    "Titre/commentaire : ROME 4.0 version 60 - 25M09\n"
)


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def read_all(path) -> list:
    return list(open_export(path).fiches())


def fiches_json(fiches: list) -> bytes:
    return json.dumps(fiches, ensure_ascii=False, indent=1).encode()


def raw_fiches() -> list[dict]:
    return json.loads(UTF8_FILE.read_text(encoding="utf-8"))


def error_of(path) -> RomeFileError:
    with pytest.raises(RomeFileError) as caught:
        read_all(path)
    return caught.value


class CountingStream(io.BytesIO):
    """A byte stream that counts what has been read of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def big_export(copies: int) -> bytes:
    fiches = raw_fiches()
    return fiches_json([fiches[i % len(fiches)] for i in range(copies)])


class FailingStream(CountingStream):
    """A disk that fails once `limit` bytes have been read."""

    def __init__(self, data: bytes, limit: int) -> None:
        super().__init__(data)
        self.limit = limit

    def read(self, size=-1):
        if self.bytes_read >= self.limit:
            raise OSError(5, "Input/output error")
        return super().read(size)


def write(tmp_path, text: str, name="unix_fiche_emploi_metier_v460.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def minimal(**fields) -> dict:
    return {"rome": {"code_rome": "N1303", "intitule": "Logistique"}, **fields}


# Whole files that are wrong in one way each: (text, rank named, words of the message).
BAD_CONTENT = [
    ("", None, "fichier vide"),
    ("  \n ", None, "fichier vide"),
    ('{"rome": {"code_rome": "N1303"}}', None, "n'est pas une liste de fiches"),
    ("[", None, "tronqué avant la première fiche"),
    ('[{"rome": {"code_rome": "N1303", "intitule": "x"}}', None, "le « ] » final manque"),
    ('[{"rome": {"code_rome": "N1303", "intitule": "x"}},]', None, "virgule en trop"),
    ('[{"rome": {"code_rome": "N1303", "intitule": "x"}} {}]', None, "« , » ou « ] »"),
    ('[{"rome": {"code_rome": "N1303", "intitule": "x"}}] x', None, "données en trop"),
    ('[{"rome": {"code_rome": "N1303", "intitule": "x"}}, 3]', 2, "c'est un nombre"),
    ('[{"rome": {"code_rome": "N1303"}}]', 1, "intitulé absent"),
    ('[{"rome": {"code_rome": "N1303", "intitule": "  "}}]', 1, "intitulé absent"),
    ('[{"rome": {"code_rome": 1303, "intitule": "x"}}]', 1, "devrait être un texte"),
    ('[{"rome": {"code_rome": "n1303", "intitule": "x"}}]', 1, "invalide"),
    ('[{"rome": {"code_rome": "N13030", "intitule": "x"}}]', 1, "invalide"),
    ('[{"rome": {"code_rome": "O1303", "intitule": "x"}}]', 1, "invalide"),
]

# coeur_metier as written → (core, emerging).
COEUR_METIER_VARIANTS = [
    ("Principale", True, False),
    ("principale", True, False),
    (True, True, False),
    ("O", True, False),
    ("Émergente", False, True),
    ("Emergente", False, True),
    (None, False, False),
    (False, False, False),
    ("N", False, False),
    ("Secondaire", False, False),
]

# Fields of the first fixture fiche that the robustness test sets to values of every type.
FIELD_PATHS = [
    ("rome",),
    ("rome", "intitule"),
    ("rome", "code_ogr"),
    ("definition",),
    ("appellations",),
    ("appellations", 0),
    ("appellations", 0, "libelle"),
    ("competences",),
    ("competences", "savoir_faire"),
    ("competences", "savoir_faire", "enjeux"),
    ("competences", "savoir_faire", "enjeux", 0, "items"),
    ("competences", "savoir_faire", "enjeux", 0, "items", 0),
    ("competences", "savoir_faire", "enjeux", 0, "items", 0, "coeur_metier"),
    ("competences", "savoirs", "categories", 0),
    ("contextes_travail",),
    ("contextes_travail", 0, "items", 0, "code_ogr"),
    ("secteurs_activite", 0, "principal"),
    ("mobilites",),
    ("mobilites", 0, "rome_cible"),
    ("mobilites", 0, "ordre_mobilite"),
    ("mobilites", 0, "code_org_rome_cible"),
]
