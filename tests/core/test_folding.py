"""Folding a long list: the first items open, the rest behind one tap, groups kept."""

from types import SimpleNamespace

from core.templatetags.folding import fold, fold_groups


def group(name: str, count: int) -> SimpleNamespace:
    return SimpleNamespace(name=name, items=[f"{name}{i}" for i in range(count)])


def test_a_short_list_stays_whole():
    folded = fold([1, 2, 3], 3)
    assert (folded.opened, folded.folded, folded.hidden) == ([1, 2, 3], [], 0)
    assert fold([1, 2], None).opened == [1, 2]


def test_a_long_list_opens_on_its_first_items():
    folded = fold(range(10), 3)
    assert folded.opened == [0, 1, 2]
    assert folded.folded == [3, 4, 5, 6, 7, 8, 9]
    assert folded.hidden == 7


def test_groups_are_cut_after_the_first_items_across_groups():
    a, b, c = group("a", 2), group("b", 3), group("c", 1)
    folded = fold_groups([a, b, c], "items", 3)
    assert folded.opened == [(a, ["a0", "a1"]), (b, ["b0"])]
    assert folded.folded == [(b, ["b1", "b2"]), (c, ["c0"])]
    assert folded.hidden == 3
    assert folded.continued  # "b" goes on below the fold, without its title again


def test_groups_cut_between_two_groups_do_not_continue():
    a, b = group("a", 2), group("b", 2)
    folded = fold_groups([a, b], "items", 2)
    assert folded.opened == [(a, ["a0", "a1"])]
    assert folded.folded == [(b, ["b0", "b1"])]
    assert not folded.continued


def test_few_grouped_items_stay_whole_and_related_managers_are_read():
    manager = SimpleNamespace(all=lambda: ["x", "y"])
    block = SimpleNamespace(missions=manager)
    folded = fold_groups([block], "missions", 5)
    assert folded.opened == [(block, ["x", "y"])]
    assert folded.hidden == 0 and not folded.continued
