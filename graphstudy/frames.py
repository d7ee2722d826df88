"""Reading a table's columns row by row, at the speed of a Python list.

pandas 3 keeps a column of text as Arrow strings, and a ``for`` or ``zip`` over
such a column reads its elements one at a time at about 1.3 µs each, ten times
what a list costs (a million-row loop: 1.3 s against 0.15 s). :func:`each`
turns the columns into lists once, so a loop over a table's rows costs what the
loop itself does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

__all__ = ["each"]


def each(frame: pd.DataFrame, *columns: str) -> Iterator[tuple[Any, ...]]:
    """The values of ``columns`` in ``frame``, row by row: ``zip(frame[a], frame[b], ...)``, faster.

    Examples
    --------
    >>> t = pd.DataFrame({"participant": ["Sue", "Ann"], "wave": [1, 2]})
    >>> list(each(t, "participant", "wave"))
    [('Sue', 1), ('Ann', 2)]
    >>> [p for (p,) in each(t, "participant")]
    ['Sue', 'Ann']
    """
    return zip(*(frame[c].tolist() for c in columns))
