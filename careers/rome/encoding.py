"""Which text encoding an export file is in, found without holding the file in memory.

France Travail has published the ROME files in ISO-8859-15 (names ending in
`_iso8859-15`) and, lately, in UTF-8. ISO-8859-15 and not Latin-1: the two differ
on "€" (0xA4) and "œ" (0xBD), both frequent in French job sheets ("main-d'œuvre"),
and a Latin-1 reading turns "cœur" into "c½ur". Python's codec is `iso8859_15`.

The decision: a byte-order mark says UTF-8 (or UTF-16); otherwise the whole stream
goes once through a strict incremental UTF-8 decoder, chunk by chunk, and any
invalid sequence means ISO-8859-15 (real ISO-8859-15 French text is never valid
UTF-8: an accented letter is a lone byte ≥ 0x80). A pure-ASCII file decodes the
same either way; its name's hint is then reported.
"""

import codecs
import re
from typing import BinaryIO

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
UTF16 = "utf-16"
ISO_8859_15 = "iso8859_15"
CHUNK_BYTES = 256 * 1024
# A UTF-8 lead byte (0xC2-0xF4) then a continuation byte (0x80-0xBF), as ISO-8859-15
# decodes them: "Ã©" for "é". Strings without one are left alone at the cost of a search.
UTF8_IN_ISO = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u0160\u0161\u017d\u017e\u0152\u0153\u0178]"
)
ISO_NAME_HINT = re.compile(r"iso[-_]?8859[-_]?15|latin[-_]?9", re.IGNORECASE)


def name_hints_iso(name: str) -> bool:
    """True for file names like `unix_fiche_emploi_metier_v460_iso8859-15.json`."""
    return bool(ISO_NAME_HINT.search(name))


def detect_encoding(stream: BinaryIO, *, name: str = "") -> str:
    """The codec name to decode `stream` with; reads it to the end, one chunk at a time.

    Read errors (OSError, zlib.error, …) are left to the caller, which knows the file.
    """
    head = stream.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return UTF8_BOM
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    decoder = codecs.getincrementaldecoder(UTF8)(errors="strict")
    only_ascii = head.isascii()
    try:
        decoder.decode(head)
        while chunk := stream.read(CHUNK_BYTES):
            only_ascii = only_ascii and chunk.isascii()
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return ISO_8859_15
    if only_ascii and name_hints_iso(name):
        return ISO_8859_15
    return UTF8


def _repaired(text: str) -> str:
    if not UTF8_IN_ISO.search(text):
        return text
    try:
        return text.encode(ISO_8859_15).decode(UTF8)
    except UnicodeError:
        return text


def repair_utf8_in_iso(value: object) -> object:
    """`value` (decoded JSON) with strings that were UTF-8 inside an ISO file put right.

    Readers of the published files report exports that mix the two: a few fields
    already in UTF-8 inside a file in a single-byte encoding. Read as ISO-8859-15,
    "é" in UTF-8 becomes "Ã©". A string whose ISO-8859-15 bytes form valid UTF-8
    is such a field: genuine ISO French text almost never does, since its accented
    letters would each have to be followed by exactly the right bytes between 0x80
    and 0xBF. Only for files decoded as ISO-8859-15.

    Lists and objects are repaired in place: rebuilding every container of every
    fiche would double the cost of reading an ISO file for the odd field it fixes.
    """
    if isinstance(value, str):
        return _repaired(value)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str | list | dict):
                value[index] = repair_utf8_in_iso(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str | list | dict):
                value[key] = repair_utf8_in_iso(item)
    return value
