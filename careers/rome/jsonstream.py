"""The elements of a top-level JSON array, decoded one at a time from a byte stream.

The fiches file is tens of megabytes; `json.load` would hold all of it, then all
its objects, at once. Here the bytes are read in chunks and decoded incrementally
into a text buffer; `json.JSONDecoder.raw_decode` decodes one element at the
buffer's position, and the text before it is dropped once it is decoded. Memory
holds one chunk and the element being read, whatever the file's size.

Why not ijson: it would do the same with a C backend, but it is a dependency, and
a fiche is small enough that raw_decode (itself in C) on a 256 KiB buffer costs
little; the one thing to get right is telling "the buffer ends inside this fiche,
read more" from "this fiche is malformed", which `_needs_more_text` does.

Errors say where: the rank of the fiche being read, its ROME code when its text
has one before the fault, and the line and character in the file.

In an ISO-8859-15 file, each chunk is also searched for what a UTF-8 sequence looks
like once decoded as ISO ("Ã©"); from the first one on, elements go through
`repair_utf8_in_iso`. A file without any (the usual case) never pays for the repair.
"""

import codecs
import json
import re
from collections.abc import Iterator
from typing import BinaryIO, NoReturn

from .encoding import ISO_8859_15, UTF8_IN_ISO, repair_utf8_in_iso
from .errors import READ_ERRORS, RomeFileError, read_failure

CHUNK_BYTES = 256 * 1024
NEXT_TOKEN = re.compile(r"[^ \t\r\n]")
CODE_IN_TEXT = re.compile(r'"code_rome"\s*:\s*"\s*([^"\\\s]{1,20})')
# The decoder's messages, in the words of this project's operators.
JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Unterminated string starting at": "texte sans guillemet fermant",
    "Invalid control character at": "caractère de contrôle dans un texte",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Invalid \\uXXXX escape": "séquence \\u invalide",
    "Illegal trailing comma before end of object": "virgule en trop avant « } »",
    "Illegal trailing comma before end of array": "virgule en trop avant « ] »",
}
# How near the end of the buffer a decoding error may be and still mean only that
# the text goes on in the next chunk: "tru" of true, "\u00" of an escape, "1e" of 1e5.
END_MARGIN = 8
# A real fiche is tens of kilobytes. An element past this size is a corrupt file (a
# quote missing, say), and reading on would hold the rest of the file in memory.
MAX_ELEMENT_CHARS = 32 * 1024 * 1024

_DECODER = json.JSONDecoder()


def french_json_message(message: str) -> str:
    for english, french in JSON_MESSAGES.items():
        if message.startswith(english):
            return french
    return message


class _TextBuffer:
    """Decoded text of the stream from the element being read onwards."""

    def __init__(self, stream: BinaryIO, *, encoding: str, source: str) -> None:
        self.stream = stream
        self.source = source
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self.text = ""
        self.pos = 0
        self.at_end = False
        # What was dropped from the front, to say where an error is in the whole file.
        self.dropped_chars = 0
        self.dropped_lines = 0
        self.rank: int | None = None  # the fiche being read, for read errors
        self.watch_utf8_in_iso = encoding == ISO_8859_15
        self.utf8_in_iso_seen = False

    def fail(self, reason: str, *, rank: int | None = None, code: str = "") -> NoReturn:
        raise RomeFileError(reason, source=self.source, rank=rank, code=code)

    def read_more(self, size: int = 0) -> bool:
        """Append the next chunk, dropping the text before `pos`; False at end of file."""
        if self.at_end:
            return False
        try:
            data = self.stream.read(size or CHUNK_BYTES)
            chunk = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            self.fail(f"octet invalide pour l'encodage du fichier ({error.reason})", rank=self.rank)
        except READ_ERRORS as error:
            self.fail(f"lecture interrompue : {read_failure(error)}", rank=self.rank)
        self.at_end = not data
        if self.watch_utf8_in_iso and not self.utf8_in_iso_seen:
            # The last character of the text before may begin a sequence this chunk ends.
            self.utf8_in_iso_seen = bool(UTF8_IN_ISO.search(self.text[-1:] + chunk))
        if self.pos:
            self.dropped_lines += self.text.count("\n", 0, self.pos)
            self.dropped_chars += self.pos
            self.text = self.text[self.pos :]
            self.pos = 0
        self.text += chunk
        return True

    def next_token(self) -> str:
        """The next character that is not white space (not consumed), "" at end of file."""
        while True:
            found = NEXT_TOKEN.search(self.text, self.pos)
            if found:
                self.pos = found.start()
                return self.text[self.pos]
            self.pos = len(self.text)
            if not self.read_more():
                return ""

    def where(self, index: int) -> str:
        line = self.dropped_lines + self.text.count("\n", 0, index) + 1
        return f"ligne {line}, caractère {self.dropped_chars + index + 1}"


def _needs_more_text(error: json.JSONDecodeError, buffer: _TextBuffer) -> bool:
    """True when decoding failed only because the element goes on past the buffer."""
    if buffer.at_end:
        return False
    # An unterminated string is reported at its start, however far the buffer goes.
    if error.msg.startswith("Unterminated string"):
        return True
    return error.pos >= len(buffer.text) - END_MARGIN


def _code_before(buffer: _TextBuffer, start: int, end: int) -> str:
    """The ROME code written in the element's text before the fault, if any."""
    found = CODE_IN_TEXT.search(buffer.text, start, end)
    return found[1] if found else ""


def _decode_element(buffer: _TextBuffer, rank: int) -> object:
    """Decode the element at the buffer's position, reading more text until it is whole."""
    while True:
        start = buffer.pos
        try:
            value, end = _DECODER.raw_decode(buffer.text, start)
        except json.JSONDecodeError as error:
            if _needs_more_text(error, buffer):
                if len(buffer.text) - start > MAX_ELEMENT_CHARS:
                    limit = f"{MAX_ELEMENT_CHARS:,}".replace(",", " ")
                    buffer.fail(
                        f"fiche démesurée : plus de {limit} caractères sans "
                        "fin de fiche, le fichier est corrompu "
                        f"({buffer.where(start)})",
                        rank=rank,
                        code=_code_before(buffer, start, start + 4096),
                    )
                # Grow geometrically: a large element is decoded O(n) times, not O(n²).
                buffer.read_more(max(CHUNK_BYTES, len(buffer.text) - start))
                continue
            cut_short = error.pos >= len(buffer.text) - END_MARGIN or error.msg.startswith(
                "Unterminated string"
            )
            if buffer.at_end and cut_short:
                buffer.fail(
                    "fichier tronqué : il s'arrête au milieu de cette fiche "
                    f"({buffer.where(len(buffer.text))})",
                    rank=rank,
                    code=_code_before(buffer, start, len(buffer.text)),
                )
            buffer.fail(
                f"JSON invalide : {french_json_message(error.msg)} ({buffer.where(error.pos)})",
                rank=rank,
                code=_code_before(buffer, start, error.pos),
            )
        if (
            end == len(buffer.text)
            and not buffer.at_end
            and not isinstance(value, dict | list | str)
        ):
            # A number or literal that ends with the buffer may go on in the next chunk.
            buffer.read_more()
            continue
        buffer.pos = end
        return value


def iter_json_array(
    stream: BinaryIO, *, encoding: str, source: str
) -> Iterator[tuple[int, object]]:
    """(rank, element) for each element of the JSON array `stream` holds, rank from 1.

    Raises RomeFileError (naming `source`) when the stream is not one JSON array,
    is truncated or malformed, or cannot be read.
    """
    buffer = _TextBuffer(stream, encoding=encoding, source=source)
    first = buffer.next_token()
    if not first:
        buffer.fail("fichier vide : une liste de fiches JSON était attendue")
    if first != "[":
        buffer.fail(
            f"le fichier n'est pas une liste de fiches : il commence par « {first} » "
            "au lieu de « [ »"
        )
    buffer.pos += 1
    rank = 0
    while True:
        token = buffer.next_token()
        if rank and token == ",":
            buffer.pos += 1
            token = buffer.next_token()
            if token == "]":
                buffer.fail(f"virgule en trop avant le « ] » final ({buffer.where(buffer.pos)})")
        elif token == "]":
            buffer.pos += 1
            break
        elif rank and token:
            buffer.fail(
                f"« , » ou « ] » attendu après la fiche n°{rank}, trouvé « {token} » "
                f"({buffer.where(buffer.pos)})"
            )
        if not token:
            after = f"après la fiche n°{rank}" if rank else "avant la première fiche"
            buffer.fail(f"fichier tronqué {after} : le « ] » final manque")
        rank += 1
        buffer.rank = rank
        element = _decode_element(buffer, rank)
        # Every chunk holding this element has been searched before it was decoded.
        yield rank, repair_utf8_in_iso(element) if buffer.utf8_in_iso_seen else element
    extra = buffer.next_token()
    if extra:
        buffer.fail(
            f"données en trop après le « ] » final : « {extra} » ({buffer.where(buffer.pos)})"
        )
