"""Theme ids for the codes of a REFI-QDA codebook.

A code's GUID means nothing to a researcher and its name need not be unique
(QualCoder's demo has ``programming`` under two parents), so a theme's id is
the code's name, with as many parents' names in front (``parent/child``) as it
takes to tell it apart.
"""

from __future__ import annotations

from collections import Counter

from .project import Code

__all__ = ["theme_ids"]


def theme_ids(codes: list[Code]) -> dict[str, str]:
    """``{code GUID: theme id}``: the code's name, or ``parent/name`` (as many parents as it takes) when not unique.

    Examples
    --------
    >>> from graphstudy.refi_qda.project import Code
    >>> codes = [Code("a", "cs", "", "", "", [], 1), Code("b", "programming", "a", "", "", [], 2),
    ...          Code("c", "programming", "", "", "", [], 3), Code("d", "logic", "a", "", "", [], 4)]
    >>> theme_ids(codes)
    {'a': 'cs', 'b': 'cs/programming', 'c': 'programming', 'd': 'logic'}
    """
    by_guid = {c.guid: c for c in codes}

    def path(c: Code, depth: int) -> str:
        names = [c.name]
        node = c
        for _ in range(depth):
            node = by_guid.get(node.parent)
            if node is None:
                break
            names.append(node.name)
        return "/".join(reversed(names))

    ids: dict[str, str] = {}
    pending = list(codes)
    depth = 0
    while pending and depth < 64:
        counts = Counter(path(c, depth) for c in pending)
        taken = set(ids.values())
        rest = []
        for c in pending:
            p = path(c, depth)
            if counts[p] == 1 and p not in taken:
                ids[c.guid] = p
            else:
                rest.append(c)
        pending, depth = rest, depth + 1
    seen: Counter = Counter()
    for c in pending:  # same name under the same parents: number them
        seen[path(c, depth)] += 1
        ids[c.guid] = f"{path(c, depth)}#{seen[path(c, depth)]}"
    return {c.guid: ids[c.guid] for c in codes}
