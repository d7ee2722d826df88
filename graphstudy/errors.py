"""One error hierarchy for everything graphstudy can refuse.

Every user-facing failure is a :class:`GraphStudyError`. The command line turns
any of them into one line on standard error and exit status 2; the library
raises them with a message that names the file, the row or line, the field and
what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BackendError",
    "CitationError",
    "ConnectionFailed",
    "GraphStudyError",
    "Problem",
    "QDAError",
    "StoreError",
    "StudyInvalid",
    "UnknownParticipant",
    "UnknownTheme",
]


class GraphStudyError(Exception):
    """Base class of every error graphstudy raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a study's input.

    Parameters
    ----------
    file : str
        The file or sheet, e.g. ``"quotes.csv"``.
    row : int or None
        Spreadsheet row number (the header is row 1), or None for the whole file.
    column : str or None
        The column (field) concerned.
    message : str
        What was expected and what was found.
    severity : {"error", "warning"}
        Errors stop a load; warnings are reported and the load goes on.

    Examples
    --------
    >>> str(Problem("participants.csv", 4, "role", "expected one of psw, service_user; got 'nurse'"))
    "participants.csv, row 4, column role: expected one of psw, service_user; got 'nurse'"
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
        }


class StudyInvalid(GraphStudyError):
    """The study's input has one or more errors; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = str(errors[0]) if errors else "invalid study"
        more = f" (and {len(errors) - 1} more problems; run 'graphstudy validate' to see all)" if len(errors) > 1 else ""
        super().__init__(first + more)


class CitationError(GraphStudyError):
    """A citation code such as ``User15/F/50+/T3_1/Sue`` could not be read."""


class UnknownParticipant(GraphStudyError):
    """A participant id that the study does not have."""


class UnknownTheme(GraphStudyError):
    """A theme id that the study does not have."""


class StoreError(GraphStudyError):
    """A saved study store could not be read or written."""


class BackendError(GraphStudyError):
    """The graph engine failed to answer or to load."""


class ConnectionFailed(BackendError):
    """The Neo4j server could not be reached or refused the credentials."""


class QDAError(GraphStudyError):
    """A REFI-QDA project (.qdpx, .qde, .qdc) could not be read or written."""
