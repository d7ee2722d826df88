"""What is not an error but should not pass unseen: warnings ``validate`` lists and ``--strict`` refuses.

* a quote with no coding (it counts in no theme);
* a theme no quote is coded to (neither it nor any of its sub-themes);
* a participant never interviewed whom no quote or relationship names
  (someone known only as another's relation, as the bundled study's family
  members, is not warned about);
* quotes of people who have relationships with a blank ``about`` (they count
  in the speaker's themes and trajectory, but in no dyad).

Only a study without errors is advised on: with errors, these would mostly
be their consequences.
"""

from __future__ import annotations

import pandas as pd

from ..findings import Findings
from ..frames import each
from ..tables import RawStudy, isin

__all__ = ["advise"]


def advise(raw: RawStudy, f: Findings) -> None:
    """Add the warnings of the module's notes to ``f``.

    Notes
    -----
    Column-wise, O(n) in the rows.
    """
    t = raw.tables
    q, c, th, p, iv = t["quotes"], t["codings"], t["themes"], t["participants"], t["interviews"]
    if len(q) and not len(c) and len(th):
        f.add(raw.files["codings"], None, None, f"no codings: none of the {len(q)} quotes is coded to a theme", "warning")
    elif len(q) and len(c):
        f.rows(raw.files["quotes"], q[~isin(q["id"], c["quote_id"])], "id",
               lambda r: f"quote '{r['id']}' has no coding; it counts in no theme", "warning")
    if len(th) and len(c):
        used = set(c["theme_id"].unique())
        parent = dict(each(th, "id", "parent_id"))
        for theme in list(used):
            seen = 0
            node = parent.get(theme, "")
            while node and node not in used and seen < len(parent):
                used.add(node)
                node, seen = parent.get(node, ""), seen + 1
        f.rows(raw.files["themes"], th[~isin(th["id"], used)], "id",
               lambda r: f"theme '{r['id']}' ({r['name']}) is used by no coding, nor are its sub-themes", "warning")
    rel = t["relationships"]
    if len(p) and len(iv):
        about = pd.Series(q["about"].unique(), dtype=str)
        named = pd.concat([rel["source_id"], rel["target_id"], about.str.split(";").explode().astype(str).str.strip()])
        lone = ~isin(p["id"], iv["participant_id"]) & ~isin(p["id"], named)
        f.rows(raw.files["participants"], p[lone], "id",
               lambda r: f"participant '{r['id']}' is never interviewed, and no quote or relationship names them", "warning")
    if len(rel) and len(q):
        related = pd.concat([rel["source_id"], rel["target_id"]])
        speakers = iv.loc[isin(iv["participant_id"], related), "id"]
        blank_about = q["about"] == ""
        blank = q[blank_about & isin(q["interview_id"], speakers)] if blank_about.any() else q.iloc[0:0]
        if len(blank):
            rows = ", ".join(str(int(x)) for x in blank["_row"].head(5) if int(x) > 0)
            f.add(raw.files["quotes"], None, "about", f"{len(blank)} quote(s) of people who have relationships have a blank "
                  f"'about'{f' (rows {rows}' + (', ...)' if len(blank) > 5 else ')') if rows else ''}; they count in the "
                  "speaker's themes and trajectory, but in no dyad", "warning")
