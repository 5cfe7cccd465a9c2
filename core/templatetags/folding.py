"""Folding a long list on a page: its first items open, the rest one tap away (<details>)."""

from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class Fold:
    """A section's items cut after the first `shown` of them.

    `opened` and `folded` are (group, its items) pairs when the items come in
    groups (mission blocks, enjeux), plain items otherwise. A group cut in two
    shows in both; `continued` is true for its second half, whose title is already
    shown above the fold.
    """

    opened: list
    folded: list
    hidden: int  # how many items the reader unfolds

    @property
    def continued(self) -> bool:
        return bool(self.opened and self.folded) and self.opened[-1][0] is self.folded[0][0]


def _children(group, attr: str) -> list:
    children = getattr(group, attr)
    return list(children.all() if hasattr(children, "all") else children)


@register.simple_tag
def fold(items, shown: int | None) -> Fold:
    """Plain items: the first `shown` open (all of them when `shown` is None)."""
    items = list(items)
    if shown is None or len(items) <= shown:
        return Fold(items, [], 0)
    return Fold(items[:shown], items[shown:], len(items) - shown)


@register.simple_tag
def fold_groups(groups, children: str, shown: int | None) -> Fold:
    """Groups whose items are `group.<children>`: the first `shown` items across groups
    open, the rest folded, each half keeping its group."""
    pairs = [(group, _children(group, children)) for group in groups]
    total = sum(len(items) for _, items in pairs)
    if shown is None or total <= shown:
        return Fold(pairs, [], 0)
    opened, folded, left = [], [], shown
    for group, items in pairs:
        if left > 0:
            opened.append((group, items[:left]))
            if len(items) > left:
                folded.append((group, items[left:]))
            left -= len(items[:left])
        else:
            folded.append((group, items))
    return Fold(opened, folded, total - shown)
