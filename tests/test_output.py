"""A long result is written piece by piece (output.render_parts), and the pieces are render's text exactly."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from graphstudy.cli import main
from graphstudy.output import render, render_parts

# a result's columns are each of one kind, as the queries and reports make them
KINDS = {"text": st.text(max_size=80), "int": st.integers(-10**6, 10**6), "bool": st.booleans(),
         "float": st.floats(allow_nan=True, allow_infinity=False)}


@st.composite
def tables(draw, kinds=KINDS, min_rows=0, max_rows=30):
    """A table of 1-4 columns, each drawn from one of ``kinds``."""
    n_cols = draw(st.integers(1, 4))
    names = draw(st.lists(st.text(min_size=1, max_size=12), min_size=n_cols, max_size=n_cols, unique=True))
    n_rows = draw(st.integers(min_rows, max_rows))
    columns = {}
    for name in names:
        kind = draw(st.sampled_from(sorted(kinds)))
        columns[name] = draw(st.lists(kinds[kind], min_size=n_rows, max_size=n_rows))
    return pd.DataFrame(columns, columns=names)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(tables(), st.sampled_from(["table", "csv", "json"]), st.integers(1, 7))
def test_the_pieces_of_a_long_table_are_its_text(frame, fmt, rows):
    parts = list(render_parts(frame, fmt, rows=rows))
    assert "".join(parts) == render(frame, fmt)
    if len(frame) > rows and fmt == "csv":
        assert len(parts) == 1 + -(-len(frame) // rows)  # the header, then one piece per `rows` rows


def test_a_long_result_on_the_command_line_is_the_same_text_in_pieces(monkeypatch):
    """`report changes` printed through pieces of 5 rows is what one piece gives, in every format."""
    import graphstudy.output as output

    whole = {fmt: CliRunner().invoke(main, ["report", "changes", "--format", fmt]).stdout for fmt in ("table", "csv", "json")}
    monkeypatch.setattr(output, "PART_ROWS", 5)
    monkeypatch.setattr(output.render_parts, "__defaults__", (60, 5))
    for fmt, text in whole.items():
        assert text.count("\n") > 20
        assert CliRunner().invoke(main, ["report", "changes", "--format", fmt]).stdout == text
    assert len(json.loads(whole["json"])) == len(pd.read_csv(__import__("io").StringIO(whole["csv"])))


# any cell a result may hold, a column mixing them: line breaks and tabs in text, whole numbers past 64 bits, NA
CELLS = st.one_of(st.text(alphabet=st.characters(codec="utf-8"), max_size=70), st.integers(-2**65, 2**65), st.booleans(),
                  st.none(), st.floats(allow_infinity=False), st.just(pd.NA), st.sampled_from(["a\nb", "\tx\r", "é…"]))


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(tables({**KINDS, "mixed": CELLS}, min_rows=1, max_rows=12), st.sampled_from([0, 1, 5, 60]))
def test_the_text_table_is_laid_out_as_pandas_writes_it(frame, max_width):
    """graphstudy writes the text table itself (ten times faster); pandas' to_string of the same cells is the judge."""
    from graphstudy.output import _table_cells

    assert render(frame, "table", max_width=max_width) == _table_cells(frame, max_width).to_string(index=False)


def test_a_missing_cell_is_blank_in_the_text_table_whatever_marks_it():
    """None, NaN and NA read alike: blank (pandas had printed None as 'None' or 'NaN', by what it inferred)."""
    t = pd.DataFrame({"theme": ["hope", "fear", "care", "rest"], "stance": ["positive", None, float("nan"), pd.NA]})
    lines = render(t, "table").split("\n")
    assert [line.split()[1:] for line in lines[1:]] == [["positive"], [], [], []]
    assert "None" not in render(t, "table") and "NaN" not in render(t, "table")
