"""Citation codes as the bundled study's paper prints them under each quote.

A code reads ``Who/Gender/Age/Occasion[/PSW]``:

- ``User15/F/50+/T3_1/Sue``: service user 15, female, 50+, wave 1 of T3, about Sue;
- ``Co-worker_mn03/F/25+/T3_1/Yvonne``: co-worker 03 who mentors Yvonne;
- ``Co-worker08/F/40+/T3_1/May and Eliza``: about two PSWs;
- ``Eliza/F/50+/T1``, ``May/F/40+/T3_3``: a PSW's own interview (about herself).

The paper once prints ``Eliza/F50+/T2`` (the slash between gender and age is
missing). We accept that slip, read it as ``Eliza/F/50+/T2`` and attach a
warning to the result, because the meaning is unambiguous and rejecting it
would lose a real quote; anything else malformed raises :class:`CitationError`.

The codes are the bundled study's convention and imply its roles
(:data:`CITATION_ROLES`); a study that declares other roles gives
``interview_id`` instead (loading says so, once, when its codes imply a role
it does not declare).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import CitationError
from .model import occasion_id

__all__ = ["CITATION_ROLES", "Citation", "parse_citation"]

CITATION_ROLES = ("psw", "service_user", "co_worker")
"""The roles citation codes imply (the bundled study's vocabulary): ``UserNN``, ``Co-workerNN``, a PSW's name."""

_WHO = r"(?P<who>[A-Za-z][A-Za-z0-9_\-]*?)"
_FULL = re.compile(
    _WHO + r"\s*/\s*(?P<gender>[MFmf])\s*/\s*(?P<age>\d{1,3}\+?)\s*/\s*(?P<tp>T\d+)(?:_(?P<wave>\d+))?"
    r"(?:\s*/\s*(?P<psws>[^/]+?))?\s*$"
)
_SLIP = re.compile(
    _WHO + r"\s*/\s*(?P<gender>[MFmf])(?P<age>\d{1,3}\+?)\s*/\s*(?P<tp>T\d+)(?:_(?P<wave>\d+))?"
    r"(?:\s*/\s*(?P<psws>[^/]+?))?\s*$"
)
_USER = re.compile(r"^User(?P<n>\d+)$")
_COWORKER = re.compile(r"^Co-?worker(?P<mn>_mn)?(?P<n>\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """A parsed citation code.

    Attributes
    ----------
    participant_id : str
        ``User15``, ``Co-worker_mn03``, or the PSW's name.
    role, subrole : str
        ``service_user``, ``co_worker`` (subrole ``mentor`` for ``_mn`` codes) or ``psw``.
    gender, age_band : str
    timepoint : str
    wave : int
        0 when the code has no wave.
    about : tuple of str
        The PSW(s) the quote concerns; a PSW's own code is about the PSW.
    warnings : tuple of str
        What was accepted although not well formed.
    """

    code: str
    participant_id: str
    role: str
    subrole: str
    gender: str
    age_band: str
    timepoint: str
    wave: int
    about: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def occasion(self) -> str:
        return occasion_id(self.timepoint, self.wave)

    @property
    def interview_id(self) -> str:
        """The id graphstudy gives the interview: ``User15_T3_1``."""
        return f"{self.participant_id}_{self.occasion}"


def _split_psws(text: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text.strip())
    return tuple(p for p in (q.strip() for q in parts) if p)


def parse_citation(code: str) -> Citation:
    """Read a citation code.

    Parameters
    ----------
    code : str
        For example ``"User15/F/50+/T3_1/Sue"``.

    Returns
    -------
    Citation

    Raises
    ------
    CitationError
        When the code is not of the form ``Who/Gender/Age/Occasion[/PSW]``, or a
        service user's or co-worker's code names no PSW.

    Examples
    --------
    >>> c = parse_citation("Co-worker08/F/40+/T3_1/May and Eliza")
    >>> c.participant_id, c.role, c.occasion, c.about
    ('Co-worker08', 'co_worker', 'T3_1', ('May', 'Eliza'))
    >>> parse_citation("Co-worker_mn03/F/25+/T3_1/Yvonne").subrole
    'mentor'
    >>> parse_citation("Eliza/F/50+/T1").about
    ('Eliza',)
    >>> parse_citation("Eliza/F50+/T2").warnings
    ("missing '/' between gender and age in 'Eliza/F50+/T2'; read as 'Eliza/F/50+/T2'",)
    """
    text = " ".join(str(code).split())
    if not text:
        raise CitationError("empty citation code; expected Who/Gender/Age/Occasion[/PSW], e.g. User15/F/50+/T3_1/Sue")
    warnings: list[str] = []
    m = _FULL.match(text)
    if m is None:
        m = _SLIP.match(text)
        if m is None:
            raise CitationError(
                f"citation '{text}' is not of the form Who/Gender/Age/Occasion[/PSW], "
                "e.g. User15/F/50+/T3_1/Sue"
            )
        fixed = f"{m['who']}/{m['gender']}/{m['age']}/{m['tp']}" + (f"_{m['wave']}" if m["wave"] else "")
        if m["psws"]:
            fixed += f"/{m['psws']}"
        warnings.append(f"missing '/' between gender and age in '{text}'; read as '{fixed}'")
    who = m["who"]
    psws = _split_psws(m["psws"]) if m["psws"] else ()
    if _USER.match(who):
        role, subrole = "service_user", ""
    elif (cw := _COWORKER.match(who)) is not None:
        role, subrole = "co_worker", ("mentor" if cw["mn"] else "")
    else:
        role, subrole = "psw", ""
    if role != "psw" and not psws:
        raise CitationError(f"citation '{text}': a {role.replace('_', ' ')}'s code must end with the PSW it concerns, e.g. User15/F/50+/T3_1/Sue")
    if role == "psw":
        if psws and psws != (who,):
            raise CitationError(f"citation '{text}': a PSW's own code names no other PSW")
        psws = (who,)
    return Citation(
        code=text,
        participant_id=who,
        role=role,
        subrole=subrole,
        gender=m["gender"].upper(),
        age_band=m["age"],
        timepoint=m["tp"],
        wave=int(m["wave"]) if m["wave"] else 0,
        about=psws,
        warnings=tuple(warnings),
    )
