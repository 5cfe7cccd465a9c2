"""Compare a curated fixture with the PDF-extracted text it was written from.

Both sides are reduced to one comparable form: PDF artefacts removed (line
breaks, hyphenation at line ends, bullets, HTML tags, repeated spaces),
typographic quotes unified. Content is not otherwise touched, so a fixture
text is "from the document" only if its words appear there in that order.
"""

import html
import json
import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Verbatim copies of the certification documents of ../shared/seeds.
SOURCES = FIXTURES / "sources"


def seed_path(name: str) -> Path:
    """The source document `name` ("tp-00523-assistant-import-export")."""
    return SOURCES / f"{name}.txt"


def fixture_path(name: str) -> Path:
    """The Django fixture written from the source document `name`."""
    return FIXTURES / "certifications" / f"{name}.json"


def load_fixture(name: str) -> list[dict]:
    return json.loads(fixture_path(name).read_text(encoding="utf-8"))


def rows(fixture: list[dict], model: str) -> list[dict]:
    """The fields of each object of `model` ("component", "romecode"), in fixture order."""
    return [obj["fields"] for obj in fixture if obj["model"].split(".")[1] == model]


def comparable(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\uf0b7", " ")
    text = re.sub(r"[•·●]", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def source_text(name: str) -> str:
    return comparable(seed_path(name).read_text(encoding="utf-8"))


def fixture_texts(fixture: list[dict]) -> list[str]:
    """Every non-empty string field of every object of a Django JSON fixture."""
    texts = []
    for obj in fixture:
        for name, value in obj["fields"].items():
            if isinstance(value, str) and value.strip() and name not in {"slug", "kind"}:
                texts.append(value)
    return texts


def fixture_quotes(fixture: list[dict]) -> list[str]:
    """The fixture texts that quote the source: all but search_text, a normalised copy."""
    return fixture_texts(
        [
            {**obj, "fields": {k: v for k, v in obj["fields"].items() if k != "search_text"}}
            for obj in fixture
        ]
    )


def unquoted_pieces(source: str, fixture: list[dict], *, skip=frozenset()) -> set[str]:
    """What is left of `source` once every part the fixture quotes (but `skip`) is cut out."""
    quoted = {part for text in fixture_quotes(fixture) for part in quoted_parts(text)}
    for part in sorted(quoted - skip, key=len, reverse=True):
        source = source.replace(part, "|")
    return {piece.strip() for piece in source.split("|")} - {""}


def quoted_parts(text: str) -> list[str]:
    """The pieces a fixture text quotes, in comparable form.

    A fixture text may join what the PDF printed apart: its lines (a list
    line without its "- "), and the pieces of a one-line field joined with
    " — " (an em dash neither certification document prints).
    """
    pieces = (comparable(piece) for piece in quoted_pieces(text))
    return [piece for piece in pieces if piece]


def quoted_pieces(text: str) -> list[str]:
    """The pieces of `quoted_parts`, as written (typographic quotes kept)."""
    lines = (line.removeprefix("- ") for line in text.split("\n"))
    return [piece for line in lines for piece in line.split(" — ")]


def single_spaced(text: str) -> str:
    """`text` with each run of white space as one space: quotes and bullets untouched."""
    return " ".join(text.split())


def without_artefacts(text: str, artefacts: dict[str, str]) -> str:
    """`text` with each PDF artefact ("IMPORT-EXPORT1", a footnote call) replaced by its clean form.

    Each artefact must be found: a stale entry would silently check nothing.
    """
    for printed, clean in artefacts.items():
        if printed not in text:
            raise ValueError(f"artefact not in the text: {printed!r}")
        text = text.replace(printed, clean)
    return text
