"""Collecting what is wrong with a study's input: one line per root cause, near misses named, long runs folded.

Every checker of the input (the file readers, the study's declarations, the
row checks) adds its :class:`~graphstudy.errors.Problem` through
:class:`Findings`, which

* keeps every message on one line, with values from the files shown short and
  quoted (:func:`show`), so a 1 MB cell or a line break in a cell cannot
  break the output;
* lists at most :data:`FOLD_AFTER` problems of one kind in one column and
  folds the rest into one line, "... and 267 more rows like this in
  quotes.csv, column about";
* suggests the nearest allowed value ("did you mean 'psw'?", :func:`did_you_mean`).

Examples
--------
>>> f = Findings()
>>> f.add("participants.csv", 3, "role", "unknown role 'pws'" + did_you_mean("pws", ["psw", "family"]))
>>> print(f.problems[0])
participants.csv, row 3, column role: unknown role 'pws'; did you mean 'psw'?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sized
from dataclasses import dataclass

import pandas as pd

from .errors import Problem

__all__ = ["FOLD_AFTER", "Findings", "Folded", "Note", "did_you_mean", "one_line", "show"]

FOLD_AFTER = 20
"""At most this many problems of one kind in one column are listed one by one; the rest are folded into one line."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


def one_line(text: object) -> str:
    """``text`` on one line: line breaks become ``⏎``, other control characters ``�``.

    Examples
    --------
    >>> one_line("first\\nsecond\\x00")
    'first ⏎ second�'
    """
    s = str(text).replace("\r\n", "\n")
    return _CONTROL.sub(lambda m: " ⏎ " if m.group() in "\n\r\u2028\u2029\x85" else "\ufffd", s)


def show(value: object, limit: int = 60) -> str:
    """A value from a file as a message shows it: quoted, on one line, cut to ``limit`` characters.

    Examples
    --------
    >>> show("nurse"), show("x" * 100)[-12:]
    ("'nurse'", "(100 chars)'")
    """
    s = one_line(value)
    if len(s) > limit:
        s = f"{s[:limit]}… ({len(str(value))} chars)"
    return f"'{s}'"


def did_you_mean(value: str, allowed: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    """``"; did you mean 'psw'?"`` when ``value`` is near one allowed value, else ``""``.

    Case and spacing do not count as differences, and a value that is one of
    ``labels`` (``{label: id}``, e.g. ``"Service user"``) points to its id.

    Examples
    --------
    >>> did_you_mean("PSW", ["psw", "family"])
    "; did you mean 'psw'?"
    >>> did_you_mean("Service user", ["psw", "service_user"], {"Service user": "service_user"})
    "; did you mean 'service_user'?"
    >>> did_you_mean("zebra", ["psw", "family"])
    ''
    """
    if isinstance(allowed, Sized) and len(allowed) > 5000:  # nearest-match search is quadratic; long lists of ids get none
        return ""
    allowed = [str(a) for a in allowed]
    if not allowed or not str(value).strip():
        return ""

    def key(s: str) -> str:
        return re.sub(r"[\s_\-]+", "", str(s).lower())

    by_key = {key(a): a for a in allowed}
    for label, target in (labels or {}).items():
        by_key.setdefault(key(label), target)
    k = key(value)
    if k in by_key and by_key[k] != value:
        return f"; did you mean '{by_key[k]}'?"
    swapped = [key_ for key_ in by_key if len(key_) == len(k) and sorted(key_) == sorted(k)]  # letters swapped: pws
    near = swapped[:1] or difflib.get_close_matches(k, list(by_key), n=1, cutoff=0.75)
    return f"; did you mean '{by_key[near[0]]}'?" if near and by_key[near[0]] != value else ""


@dataclass(frozen=True)
class Folded(Problem):
    """The line that stands for the problems of one kind not listed one by one."""

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Note(Problem):
    """Something done to the input that is neither wrong nor doubtful (severity ``note``): blank rows skipped."""

    count: int = 0


class Findings:
    """The problems found so far in one study's input.

    Parameters
    ----------
    problems : list of Problem, optional
        Problems found before (by the file readers), kept first.
    fold_after : int
        How many problems of one kind in one column are listed one by one.
    """

    def __init__(self, problems: Iterable[Problem] = (), fold_after: int = FOLD_AFTER):
        self.problems: list[Problem] = list(problems)
        self.fold_after = fold_after

    def add(self, file: str, row: int | None, column: str | None, message: str, severity: str = "error") -> None:
        """Add one problem (its message is put on one line)."""
        self.problems.append(Problem(file, row, column, one_line(message), severity))

    def fold(self, file: str, column: str | None, more: int, severity: str = "error") -> None:
        """Add the line standing for ``more`` problems of one kind not listed."""
        where = f"{file}, column {column}" if column else file
        self.problems.append(Folded(file, None, column, f"... and {more} more rows like this in {where}", severity))

    def rows(self, file: str, rows: pd.DataFrame, column: str | None, message: Callable[[dict], str],
             severity: str = "error") -> int:
        """One problem per row of ``rows`` (a table with a ``_row`` column), folded after :attr:`fold_after`.

        ``message`` gets each listed row as a dict. Returns how many rows had the problem.

        Notes
        -----
        Only the listed rows are turned into messages, so a column with a
        million bad values costs one vectorised selection and twenty messages.
        """
        n = len(rows)
        if not n:
            return 0
        head = rows.head(self.fold_after)
        cols = list(head.columns)
        for values in zip(*(head[c].tolist() for c in cols)):
            row = dict(zip(cols, values))
            at = int(row["_row"]) if "_row" in row and int(row["_row"]) > 0 else None
            self.add(file, at, column, message(row), severity)
        if n > self.fold_after:
            self.fold(file, column, n - self.fold_after, severity)
        return n

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)
