"""An empty, commented study for a researcher to fill in: a workbook or a folder.

:func:`write_template` writes every sheet (or file) a study can have, with the
columns it reads and a note on each column saying what goes in it; filled in,
it validates. ``graphstudy template my-study.xlsx`` and ``graphstudy
template my-study/`` call it. :data:`COLUMN_HELP` is the one description of
every column, used for the notes in both forms.

Examples
--------
>>> import tempfile, pathlib
>>> from graphstudy.loader import check_path
>>> book = write_template(pathlib.Path(tempfile.mkdtemp()) / "new.xlsx")
>>> study, problems = check_path(book)
>>> study is not None, study.counts()["participants"]
(True, 0)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import GraphStudyError
from .files import atomic_folder, atomic_path
from .model import COLUMNS, STANCES
from .workbook import DECLARATION_SHEETS

__all__ = ["COLUMN_HELP", "write_template"]

COLUMN_HELP: dict[str, dict[str, str]] = {
    "study": {
        "name": "The study's name (required): it keys the study in Neo4j and titles every report.",
        "description": "What the study is about, in a few sentences.",
        "source": "Where the study comes from: the paper, protocol or project.",
        "date_format": "Only when interview dates are not YYYY-MM-DD: how they are written, in Python's codes, "
                       "e.g. %d/%m/%Y for 10/01/2023 meaning 10 January. Date cells need none.",
        "relationship_types": "Relationship types with no roles to check, comma-separated (e.g. PEER_OF, MANAGES); "
                              "or use the relationship_types sheet.",
    },
    "timepoints": {
        "id": "The time point's id, as interviews name it (e.g. T1, M0, baseline).",
        "label": "How reports name it (e.g. Baseline, 6 months).",
        "order": "A whole number: its place in time (1, 2, 3 ...). Each time point its own.",
    },
    "roles": {
        "id": "The role's id, as participants name it (e.g. patient, carer, clinician; no spaces). "
              "Leave this sheet empty for the default roles psw, service_user, co_worker, family.",
        "label": "How titles and messages name it (e.g. Family carer).",
        "focal": "TRUE for the roles at the centre of dyads (e.g. patients); FALSE or blank otherwise.",
    },
    "relationship_types": {
        "id": "The type's id in UPPER_CASE (e.g. CARES_FOR). SUPERVISES, MENTORS, SERVED_BY, FAMILY_OF and "
              "COLLEAGUE_OF exist without declaring them.",
        "label": "How reports name it (e.g. cares for).",
        "from": "The roles the source may have, separated by ';' (blank: any role).",
        "to": "The roles the target may have, separated by ';' (blank: any role).",
    },
    "design": {
        "section": "What the design figure counts, e.g. participants, interviews.",
        "key": "For whom, e.g. a role id.",
        "subkey": "Optional: e.g. a time point id (interviews per role and time point).",
        "value": "The number the design plans (reports set the data beside it).",
    },
    "participants": {
        "id": "The participant's id (required, unique; no ';'), e.g. P01 or a pseudonym.",
        "role": "One of the study's role ids (required).",
        "subrole": "A finer role, e.g. supervisor, mentor, part_time.",
        "gender": "e.g. F, M.",
        "age_band": "e.g. 30-40.",
        "diagnosis": "Optional.",
        "agency": "Optional: the organisation they belong to.",
        "setting": "Optional: where they are seen.",
        "note": "Anything else (free text).",
    },
    "interviews": {
        "id": "The interview's id (required, unique), e.g. P01_T1.",
        "participant_id": "Who was interviewed: an id from participants (required).",
        "timepoint": "A time point id (required).",
        "wave": "Optional whole number: the 1st, 2nd ... interview of this person at this time point.",
        "date": "Optional: a date cell, or YYYY-MM-DD (other forms need date_format in the study sheet).",
        "note": "Anything else (free text).",
    },
    "themes": {
        "id": "The theme's id (required, unique), e.g. hope.",
        "name": "Its name as reports show it (required).",
        "parent_id": "For a sub-theme: the id of its theme; blank for a top-level theme.",
        "description": "What the theme means (the codebook's definition).",
        "color": "Optional colour for views, e.g. #1f77b4.",
        "note": "Anything else (free text).",
    },
    "quotes": {
        "id": "The quote's id (required, unique), e.g. q001.",
        "interview_id": "The interview it comes from (required, unless citation gives it).",
        "text": "The quoted passage (required).",
        "about": "Whom it is about: participant ids separated by ';'. Blank: about no one in particular.",
        "stance": f"Optional: {', '.join(STANCES)}.",
        "citation": "Optional citation code as printed, e.g. User15/F/50+/T3_1/Sue (bundled study convention).",
        "note": "Anything else (free text).",
    },
    "codings": {
        "quote_id": "A quote id (required).",
        "theme_id": "A theme id (required); one row per theme the quote is coded to.",
        "coder": "Optional: who coded it (for agreement and --coder).",
        "note": "Anything else (free text).",
    },
    "relationships": {
        "source_id": "A participant id (required): the one the type reads from (the carer in carer CARES_FOR patient).",
        "type": "A relationship type id (required).",
        "target_id": "A participant id (required).",
        "start": "Optional: the time point or occasion (e.g. T2 or T3_1) it starts at, inclusive; blank: from the start.",
        "end": "Optional: the time point or occasion it ends at, inclusive; blank: to the end.",
        "note": "Anything else (free text).",
    },
}
"""What goes in every column of every sheet (the ``study`` entries are the keys of the study sheet)."""

_TOML = '''# A graphstudy study. Fill in this file and the CSV files beside it (see README.txt),
# then check it with:  graphstudy validate {folder}
name = ""            # the study's name (required)
description = ""
source = ""          # the paper, protocol or project it comes from
# date_format = "%d/%m/%Y"      # only when interviews.csv dates are not YYYY-MM-DD (Python's codes)
# relationship_types = ["PEER_OF"]   # extra types with no roles to check

# The design's time points, in order; interviews.csv names them in `timepoint`.
# [[timepoints]]
# id = "T1"
# label = "Baseline"
# order = 1

# The study's roles (leave out for the default psw, service_user, co_worker, family).
# `focal = true`: the people at the centre of dyads.
# [[roles]]
# id = "patient"
# label = "Patient"
# focal = true
#
# [[roles]]
# id = "carer"
# label = "Family carer"

# Relationship types with the roles they join (from = source roles, to = target roles).
# [[relationship_types]]
# id = "CARES_FOR"
# label = "cares for"
# from = ["carer"]
# to = ["patient"]

# What the design plans, for reports to set the data beside it.
# [design.participants]
# patient = 12
# [design.interviews]
# patient = {{ T1 = 12, T2 = 12 }}
'''


def _refuse_existing(path: Path) -> None:
    if path.exists() and (path.is_file() or any(path.iterdir())):
        raise GraphStudyError(f"{path}: already exists; a template is written only where nothing is")


def _themes_from(codebook: str | Path | None) -> pd.DataFrame | None:
    if codebook is None:
        return None
    from .refi_qda import read_codebook
    from .validate import check_study

    study, problems = check_study(read_codebook(codebook))
    if study is None:
        first = next(p for p in problems if p.severity == "error")
        raise GraphStudyError(f"{Path(codebook).name}: the codebook cannot be used: {first}")
    return study.themes


def _write_folder(path: Path, themes: pd.DataFrame | None) -> Path:
    with atomic_folder(path) as tmp:
        (tmp / "study.toml").write_text(_TOML.format(folder=path.name), encoding="utf-8")
        lines = ["A graphstudy study folder: study.toml and one CSV file (UTF-8, comma- or semicolon-separated) per table.",
                 "Fill in the rows under each header; leave a file empty if the study has none of its rows.", ""]
        for kind, cols in COLUMNS.items():
            frame = themes if kind == "themes" and themes is not None else pd.DataFrame(columns=cols)
            frame[cols].to_csv(tmp / f"{kind}.csv", index=False, encoding="utf-8")
            lines += [f"{kind}.csv", *(f"  {c}: {COLUMN_HELP[kind][c]}" for c in cols), ""]
        (tmp / "README.txt").write_text("\n".join(lines), encoding="utf-8")
    return path


def _write_workbook(path: Path, themes: pd.DataFrame | None) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    helpsheet = book.active
    helpsheet.title = "help"
    helpsheet.append(["A graphstudy study. Fill in the sheets; hover over a column's header for what goes in it. "
                      "Then check it with: graphstudy validate " + path.name])
    helpsheet.append(["This sheet is not read."])
    helpsheet.append([])
    for kind in [*DECLARATION_SHEETS, *COLUMNS]:
        helpsheet.append([kind])
        helpsheet.cell(helpsheet.max_row, 1).font = Font(bold=True)
        for col, text in COLUMN_HELP[kind].items():
            helpsheet.append(["", col, text])
    helpsheet.column_dimensions["A"].width = 22
    helpsheet.column_dimensions["C"].width = 110

    def header(ws, cols: list[str], kind: str) -> None:
        ws.append(cols)
        for i, col in enumerate(cols, start=1):
            cell = ws.cell(1, i)
            cell.font = Font(bold=True)
            if col in COLUMN_HELP.get(kind, {}):
                cell.comment = Comment(COLUMN_HELP[kind][col], "graphstudy", width=320, height=110)
            ws.column_dimensions[cell.column_letter].width = 60 if col in ("text", "description", "note") else 18
        ws.freeze_panes = "A2"

    study = book.create_sheet("study")
    header(study, ["key", "value", "what it is"], "study")
    for key, text in COLUMN_HELP["study"].items():
        study.append([key, "", text])
    study.column_dimensions["C"].width = 100
    sheets = {}
    for kind in ("timepoints", "roles", "relationship_types", "design"):
        sheets[kind] = book.create_sheet(kind)
        header(sheets[kind], list(DECLARATION_SHEETS[kind]), kind)
    for kind, cols in COLUMNS.items():
        sheets[kind] = book.create_sheet(kind)
        header(sheets[kind], cols, kind)
    if themes is not None:
        for row in themes[COLUMNS["themes"]].itertuples(index=False):
            sheets["themes"].append(list(row))
    validations = [
        ("roles", "C", '"TRUE,FALSE"'),
        ("participants", "B", "=roles!$A$2:$A$500"),
        ("interviews", "C", "=timepoints!$A$2:$A$500"),
        ("quotes", "E", '"' + ",".join(STANCES) + '"'),
    ]
    for kind, column, formula in validations:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=kind in ("roles", "quotes"))
        sheets[kind].add_data_validation(dv)
        dv.add(f"{column}2:{column}100000")
    sheets["interviews"].column_dimensions["E"].number_format = "yyyy-mm-dd"
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path


def write_template(path: str | Path, codebook: str | Path | None = None) -> Path:
    """Write an empty study: an ``.xlsx`` workbook when ``path`` ends so, otherwise a folder.

    Parameters
    ----------
    path : str or Path
        ``my-study.xlsx`` or ``my-study/``; nothing may be there yet (an
        empty folder is fine).
    codebook : str or Path, optional
        A REFI-QDA codebook (``.qdc``) whose codes fill the themes.

    Returns
    -------
    Path

    Raises
    ------
    GraphStudyError
        When something is at ``path`` already, or the codebook is not valid.
    """
    path = Path(path)
    _refuse_existing(path)
    themes = _themes_from(codebook)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
        return _write_workbook(path, themes)
    if path.suffix.lower() in (".csv", ".toml", ".gstudy", ".qdpx", ".qdc", ".xls", ".ods"):
        raise GraphStudyError(f"{path}: a template is an .xlsx workbook or a folder; give FILE.xlsx or FOLDER/")
    return _write_folder(path, themes)
