"""Reading a rendered page as a reader does, for the tests of every page."""

import html
import re

NNBSP = "\u202f"
NBSP = "\xa0"


def text_of_html(page: str) -> str:
    """Tags dropped, entities decoded, spaces (no-break ones too) collapsed."""
    body = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(body).replace(NNBSP, " ").replace(NBSP, " ").split())


def text_of(response) -> str:
    """The page as a reader sees it."""
    return text_of_html(response.content.decode())


def without_tokens(page: str) -> str:
    """The page without its CSRF tokens, which are masked afresh at each render."""
    return re.sub(r"[A-Za-z0-9]{64}", "", page)
