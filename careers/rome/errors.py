"""The one exception the ROME reader raises for bad input, and the errors it translates.

An importer run by an operator must be able to catch a single exception type and
print its message: that message names the file, the fiche (its rank in the file,
counted from 1, and its ROME code when it is known) and what is wrong, in French,
so it can be fixed without reading a traceback.
"""

import zipfile
import zlib

# What reading the bytes of a file or of a ZIP member can raise when the file is
# missing, unreadable, truncated or corrupt. Nothing of these may escape as is.
READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error)


class RomeFileError(ValueError):
    """The export cannot be read, or one of its fiches cannot be one.

    `source` is the file (or "archive.zip/member.json"), `rank` the fiche's position
    in the file counted from 1 (None when the error is not about one fiche), `code`
    its ROME code when it could be read, `reason` what is wrong.
    """

    def __init__(self, reason: str, *, source: str, rank: int | None = None, code: str = ""):
        self.reason = reason
        self.source = source
        self.rank = rank
        self.code = code
        super().__init__(self.describe())

    def describe(self) -> str:
        where = f"Fichier « {self.source} »"
        if self.rank is not None:
            where += f", fiche n°{self.rank}"
            if self.code:
                where += f" ({self.code})"
        return f"{where} : {self.reason}"

    def __reduce__(self):
        # Keyword-only arguments: the default reduce would call cls(message) and fail,
        # and an exception that cannot be pickled breaks multiprocessing importers.
        return (_rebuild, (self.reason, self.source, self.rank, self.code))


def _rebuild(reason: str, source: str, rank: int | None, code: str) -> RomeFileError:
    return RomeFileError(reason, source=source, rank=rank, code=code)


def read_failure(error: BaseException) -> str:
    """What went wrong while reading bytes, in words an operator understands."""
    if isinstance(error, FileNotFoundError):
        return "fichier introuvable"
    if isinstance(error, IsADirectoryError):
        return "c'est un dossier, pas un fichier"
    if isinstance(error, PermissionError):
        return "lecture refusée (droits du fichier)"
    if isinstance(error, zipfile.BadZipFile):
        return f"archive ZIP illisible ou corrompue ({error})"
    if isinstance(error, zlib.error):
        return f"données compressées corrompues ({error})"
    if isinstance(error, EOFError):
        return "fichier compressé tronqué : il s'arrête avant sa fin"
    if isinstance(error, OSError) and error.strerror:
        return f"fichier illisible ({error.strerror})"
    return f"fichier illisible ({error})"
