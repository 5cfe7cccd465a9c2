"""Text helpers shared by the three apps."""

import unicodedata


def normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form search compares on.

    Stored beside the original text so that SQLite and PostgreSQL can both
    match "epanouissement" against "épanouissement" with a plain LIKE.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.replace("’", "'").split())
