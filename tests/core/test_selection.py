"""Reading which items a comparison asks for."""

import pytest

from core.selection import SelectionProblem, parse_selection


@pytest.mark.parametrize(
    ("values", "tokens", "problem"),
    [
        (["a,b"], ["a", "b"], SelectionProblem.NONE),
        (["b,a"], ["b", "a"], SelectionProblem.NONE),
        (["a", "b"], ["a", "b"], SelectionProblem.NONE),
        (["a,a,b,a"], ["a", "b"], SelectionProblem.NONE),
        ([" a , b ,"], ["a", "b"], SelectionProblem.NONE),
        ([], [], SelectionProblem.EMPTY),
        ([",,, "], [], SelectionProblem.EMPTY),
        (["a,b,c,d,e"], ["a", "b", "c", "d", "e"], SelectionProblem.TOO_MANY),
        (["<script>"], [], SelectionProblem.GARBAGE),
        (["a,é"], [], SelectionProblem.GARBAGE),
        (["x" * 221], [], SelectionProblem.GARBAGE),
    ],
)
def test_parse_selection(values, tokens, problem):
    selection = parse_selection(values)
    assert selection.tokens == tokens
    assert selection.problem == problem
