"""Compare a curated fixture with the PDF-extracted text it was written from.

Both sides are reduced to one comparable form: PDF artefacts removed (line
breaks, hyphenation at line ends, bullets, HTML tags, repeated spaces),
typographic quotes unified. Content is not otherwise touched, so a fixture
text is "from the document" only if its words appear there in that order.
"""

import html
import re
from pathlib import Path

# Verbatim copies of the certification documents of ../shared/seeds.
SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


def seed_path(name: str) -> Path:
    """The source document `name` ("tp-00523-assistant-import-export")."""
    return SOURCES / f"{name}.txt"


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
