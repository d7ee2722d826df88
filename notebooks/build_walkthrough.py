"""Write ``walkthrough.ipynb`` from the cells below, without outputs.

The notebook is generated so that a change to it is a reviewable change to
this file. Run it after editing, and commit both:

    python notebooks/build_walkthrough.py

``tests/test_notebook.py`` executes the notebook and checks that the stored
copy is what this script writes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "walkthrough.ipynb"

CELLS: list[tuple[str, str]] = [
    ("md", """\
# graphstudy walkthrough: change over time in the bundled peer-support study

The bundled study is transcribed from a one-year longitudinal qualitative study of five
peer support workers (PSWs) in Hong Kong, their service users and their co-workers,
interviewed at training (T1), placement (T2) and employment (T3). It holds only what the
paper quotes or cites, so it is a small slice of the real study: the first section shows how
small.

Everything here runs offline: no network call is made, and the files written go to
`walkthrough-output/` beside the notebook."""),
    ("code", """\
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Image, display

import graphstudy as gs
from graphstudy.queries import as_backend

pd.set_option("display.max_colwidth", 120)
OUT = Path("walkthrough-output")
OUT.mkdir(exist_ok=True)"""),
    ("md", "## 1. Load the study"),
    ("code", """\
study = gs.load_study()          # a folder, .xlsx, .gstudy store or .qdpx project works the same way
pd.Series(study.counts())"""),
    ("md", """\
## 2. The data beside the design

The paper's Figure 1 and Table 1, computed from the data and set beside what `study.toml`
records as the design. `flag` marks every cell where they differ: the data hold the 7 of
15 service users and 29 of 77 interviews the paper cites."""),
    ("code", """\
from graphstudy.reports.paper_tables import figure1, table1, table2

figure1(study)[["group", "timepoint", "label", "cell", "design_cell", "flag"]]"""),
    ("code", """\
t1 = table1(study)
t1[t1["flag"] != ""]"""),
    ("code", "table2(study)[[\"theme\", \"subtheme\", \"name\", \"quotes\", \"participants\", \"groups\", \"flag\"]]"),
    ("md", """\
## 3. Sue's service users: which themes shifted, with the evidence

For each service user linked to Sue, only their quotes *about Sue* count; each theme is
compared between consecutive interviews."""),
    ("code", """\
shifts = gs.shifts(study, focal="Sue", role="service_user")
shifts[["participant", "theme_name", "from_occasion", "to_occasion", "change", "stance_from", "stance_to", "evidence"]]"""),
    ("md", "The quotes behind those shifts:"),
    ("code", """\
ids = sorted({q for ev in shifts["evidence"] for q in ev.split(";") if q})
as_backend(study).quotes(ids)[["id", "participant", "citation", "stance", "text"]]"""),
    ("md", """\
## 4. Sue's network, occasion by occasion

An interactive view (self-contained HTML, no network needed): Sue, everyone linked to her,
and the themes they voiced, with a control that steps through the occasions."""),
    ("code", """\
import html

from graphstudy.views import write_psw_view

page = write_psw_view(study, "Sue", OUT / "sue.html")
display(HTML(f'<div><iframe srcdoc="{html.escape(page.read_text(encoding="utf-8"))}" '
             'style="width: 100%; height: 620px; border: 1px solid #ccc"></iframe></div>'))
print("also written to", page)"""),
    ("md", """\
## 5. Trajectory and cross-case matrices

One case's matrix (themes x occasions, the quotes in the cells; "not interviewed" is shown
apart from "interviewed, theme absent"), then themes x cases with how each theme changed.
`write_framework_matrix` writes the same as an `.xlsx` framework matrix."""),
    ("code", """\
from graphstudy.reports.matrix import case_matrix, cross_case_matrix, write_framework_matrix

case_matrix(study, "User15")"""),
    ("code", """\
cross_case_matrix(study, by="dyad", level="theme")"""),
    ("code", """\
write_framework_matrix(OUT / "framework-matrix.xlsx", study, by="dyad", level="theme")"""),
    ("md", """\
## 6. Change through time (Saldaña's descriptive questions)

Per dyad and theme: what increases or emerges, is cumulative, decreases or ceases, remains
constant, is idiosyncratic or missing, by the documented rules of `graphstudy.reports.changes`."""),
    ("code", """\
from graphstudy.reports.changes import changes

sue = changes(study, by="dyad", level="theme")
sue[sue["focal"] == "Sue"][["case", "theme_name", "change", "series", "not_interviewed", "stance_change", "evidence"]]"""),
    ("code", """\
from graphstudy.reports.plots import plot_case

display(Image(filename=str(plot_case(study, "User15", OUT / "user15.png"))))"""),
    ("md", """\
## 7. Triangulation: which stakeholder groups voice each theme, and when"""),
    ("code", """\
from graphstudy.reports.triangulation import triangulation

triangulation(study)"""),
    ("code", """\
from graphstudy.reports.plots import plot_prevalence

display(Image(filename=str(plot_prevalence(study, OUT / "prevalence.png"))))"""),
    ("md", """\
## 8. Saturation

New themes per interview in collection order, and the base / run / threshold measure of
Guest, Namey and Chen (2020)."""),
    ("code", """\
from graphstudy.reports.plots import plot_saturation
from graphstudy.reports.saturation import saturation

sat = saturation(study)
print(sat.summary())
display(Image(filename=str(plot_saturation(sat, OUT / "saturation.png"))))"""),
    ("md", "## 9. Theme co-occurrence per time point, and the themes that bridge groups"),
    ("code", """\
from graphstudy.reports.cooccurrence import cooccurrence

cooccurrence(study, level="theme").nodes"""),
    ("md", """\
## 10. Coder agreement

The bundled study's codings carry no coder (the paper's two authors coded jointly), so there
is nothing to compare here. On a study whose codings name their coders (a REFI-QDA export
from NVivo, ATLAS.ti or MAXQDA, or a `coder` column in `codings.csv`):

```python
from graphstudy.reports.agreement import agreement, pairwise_agreement
agreement(coded_study)                    # per theme: percent agreement, Cohen's kappa (2 coders), Krippendorff's alpha
pairwise_agreement(coded_study)           # Cohen's kappa for every pair of coders
agreement(coded_study, unit="interview")  # did they see the theme in the same interviews?
```"""),
]


def build() -> nbformat.NotebookNode:
    """The notebook, with no outputs and no execution counts."""
    nb = new_notebook(cells=[new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS])
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    return nb


def write(path: Path = NOTEBOOK) -> Path:
    nbformat.validate(nb := build())
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write())
