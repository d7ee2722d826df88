"""Each look-up asked of an engine once: a :class:`Backend` that remembers its answers.

A command often needs the same look-up in several places (``report matrix
--xlsx --plot`` reads the theme tree for the matrix, the workbook and the
picture). :class:`MemoBackend` forwards each look-up to the engine the first
time it is asked with those arguments and answers every later ask from what
it kept. On Neo4j every look-up is a round trip to the server, so this is
what keeps a command's cost at one round trip per distinct question.

Every answer handed out is a copy, so a caller that edits the table it got
cannot change what the next caller sees.

Examples
--------
>>> from graphstudy import load_study
>>> from graphstudy.queries import as_backend
>>> memo = remembering(as_backend(load_study()))
>>> first = memo.theme_tree()
>>> first.loc[0, "name"] = "edited by a caller"
>>> memo.theme_tree().loc[0, "name"] != "edited by a caller"
True
>>> memo.asked()
{'theme_tree': 1}
>>> remembering(memo) is memo
True
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd

from ..model import StudyInfo
from .base import Backend

__all__ = ["MemoBackend", "remembering"]

class MemoBackend(Backend):
    """A backend that forwards to ``inner`` and remembers each look-up's answer by its arguments.

    Parameters
    ----------
    inner : Backend
        The engine that answers (embedded or Neo4j).

    Notes
    -----
    Keep one for the life of a command (the CLI does), not longer: it does
    not notice when the study behind the engine changes. Memory: every
    distinct answer is kept once, as the engine gave it.
    """

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.name = inner.name
        self.study_name = inner.study_name
        self._answers: dict[Hashable, Any] = {}
        self._asked: Counter[str] = Counter()

    def _ask(self, key: tuple[Hashable, ...], answer: Callable[[], Any]) -> Any:
        if key not in self._answers:
            self._answers[key] = answer()
            self._asked[str(key[0])] += 1
        kept = self._answers[key]
        return kept.copy() if isinstance(kept, pd.DataFrame) else copy.deepcopy(kept)

    def asked(self) -> dict[str, int]:
        """``{look-up: distinct asks forwarded to the engine}`` so far."""
        return dict(self._asked)

    def participants(self, ids: list[str] | None = None) -> pd.DataFrame:
        key = None if ids is None else tuple(ids)
        return self._ask(("participants", key), lambda: self.inner.participants(None if key is None else list(key)))

    def relationships(self) -> pd.DataFrame:
        return self._ask(("relationships",), self.inner.relationships)

    def quotes(self, ids: list[str]) -> pd.DataFrame:
        key = tuple(ids)
        return self._ask(("quotes", key), lambda: self.inner.quotes(list(key)))

    def linked_people(self, focal: str, role: str | None = None) -> pd.DataFrame:
        return self._ask(("linked_people", focal, role), lambda: self.inner.linked_people(focal, role))

    def interviews_of(self, participants: list[str]) -> pd.DataFrame:
        key = tuple(participants)
        return self._ask(("interviews_of", key), lambda: self.inner.interviews_of(list(key)))

    def codings_of(self, participants: list[str], about: str | None = None) -> pd.DataFrame:
        key = tuple(participants)
        return self._ask(("codings_of", key, about), lambda: self.inner.codings_of(list(key), about=about))

    def theme_tree(self) -> pd.DataFrame:
        return self._ask(("theme_tree",), self.inner.theme_tree)

    def all_interviews(self) -> pd.DataFrame:
        return self._ask(("all_interviews",), self.inner.all_interviews)

    def all_codings(self) -> pd.DataFrame:
        return self._ask(("all_codings",), self.inner.all_codings)

    def coders(self) -> list[str]:
        return self._ask(("coders",), self.inner.coders)

    def counts(self) -> dict[str, Any]:
        return self._ask(("counts",), self.inner.counts)

    def study_info(self) -> StudyInfo:
        return self._ask(("study_info",), self.inner.study_info)

    def table(self, kind: str) -> pd.DataFrame:
        return self._ask(("table", kind), lambda: self.inner.table(kind))

    def close(self) -> None:
        """Close the engine behind (the remembered answers go with it)."""
        self._answers.clear()
        self.inner.close()


def remembering(backend: Backend) -> MemoBackend:
    """``backend`` wrapped in a :class:`MemoBackend` (itself, when it already is one)."""
    return backend if isinstance(backend, MemoBackend) else MemoBackend(backend)
