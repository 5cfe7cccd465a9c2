"""Which items a comparison asks for: `?metiers=a,b` or `?codes=RNCP 14528,TP-00523`."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# How many careers or certifications are compared side by side, at most.
MAX_COMPARED = 4
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")


class SelectionProblem(StrEnum):
    NONE = ""
    EMPTY = "empty"
    GARBAGE = "garbage"
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class Selection:
    tokens: list[str]
    problem: SelectionProblem = SelectionProblem.NONE
    rejected: tuple[str, ...] = ()


def parse_selection(
    values: Iterable[str], *, pattern: re.Pattern = SLUG, limit: int = MAX_COMPARED
) -> Selection:
    """Read `?metiers=a,b` (or `?metiers=a&metiers=b` from the picker form), in URL order.

    Repeated tokens are dropped, keeping the first; tokens that cannot be a
    slug or code are rejected rather than looked up.
    """
    tokens = [token.strip() for value in values for token in value.split(",")]
    tokens = [token for token in tokens if token]
    if not tokens:
        return Selection([], SelectionProblem.EMPTY)
    rejected = tuple(token for token in tokens if not pattern.fullmatch(token))
    if rejected:
        return Selection([], SelectionProblem.GARBAGE, rejected)
    unique = list(dict.fromkeys(tokens))
    if len(unique) > limit:
        return Selection(unique, SelectionProblem.TOO_MANY)
    return Selection(unique)
