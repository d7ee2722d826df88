"""A study rebuilt from an engine's look-ups, so what a database holds can be exported.

The embedded engine is built from a :class:`~graphstudy.model.Study`, so
exporting from it needs none of this; for Neo4j the look-ups of the
:class:`~graphstudy.engines.base.Backend` seam are all there is.
"""

from __future__ import annotations

import pandas as pd

from ..model import BASE_RELATIONSHIP_TYPES, Study, TimePoint

__all__ = ["study_from_backend"]


def study_from_backend(backend) -> Study:
    """A study rebuilt from an engine's look-ups, for exporting what a database holds.

    What the look-ups do not return is not in it: notes, dates, theme colours
    and descriptions, time point labels, and quotes with no coding.

    Examples
    --------
    >>> from graphstudy import load_study
    >>> from graphstudy.queries import as_backend
    >>> study_from_backend(as_backend(load_study())).counts()["codings"]
    42
    """
    iv = backend.all_interviews()
    cod = backend.all_codings()
    tree = backend.theme_tree().sort_values("position")
    quotes = backend.quotes(sorted(set(cod["quote_id"])))
    orders = iv[["timepoint", "order"]].drop_duplicates()
    rels = backend.relationships()

    def frame(data, cols: list[str]) -> pd.DataFrame:
        out = pd.DataFrame(data).reset_index(drop=True)
        for c in cols:
            out[c] = out[c].fillna("").astype(str) if c in out else ""
        return out[cols].astype(object)

    interviews = frame({"id": iv["interview_id"], "participant_id": iv["participant"], "timepoint": iv["timepoint"],
                        "wave": iv["wave"]}, ["id", "participant_id", "timepoint", "wave", "date", "note"])
    interviews["wave"] = interviews["wave"].astype("int64")
    return Study(
        name=backend.study_name,
        timepoints=sorted(TimePoint(int(o), t) for t, o in orders.itertuples(index=False)),
        participants=frame(backend.participants(), ["id", "role", "subrole", "gender", "age_band", "diagnosis", "agency", "setting", "note"]),
        interviews=interviews,
        themes=frame(tree[["id", "name", "parent_id"]], ["id", "name", "parent_id", "description", "color", "note"]),
        quotes=frame(quotes[["id", "interview_id", "text", "about", "stance", "citation"]],
                     ["id", "interview_id", "text", "about", "stance", "citation", "note"]),
        codings=frame(cod[["quote_id", "theme_id", "coder"]].drop_duplicates(), ["quote_id", "theme_id", "coder", "note"]),
        relationships=frame(rels, ["source_id", "type", "target_id", "start", "end", "note"]),
        relationship_types=tuple(dict.fromkeys([*BASE_RELATIONSHIP_TYPES, *rels["type"]])),
    )
