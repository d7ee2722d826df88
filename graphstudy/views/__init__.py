"""Interactive HTML views of a study: offline, self-contained, safe with untrusted text.

Every view (study, focal person, dyad, themes) has a search box, filters,
click-to-focus, a side panel listing the quotes behind the selected person or
link, and PNG and SVG export; the study view opens grouped above
:data:`~graphstudy.views.groups.GROUP_LIMIT` nodes. What each control keeps:

======================  ==========================================================================
control                 what is shown
======================  ==========================================================================
role                    people of the ticked roles and their links (themes view: only interviews
                        of people of those roles count)
theme                   the theme, its sub-themes and the links to them; in the study view people
                        with no link left are faded
time point or occasion  links with quotes then (a time point: any of its waves), coloured by how
(and the slider)        each changed against the person's previous interview (first or emerged:
                        green; increased, decreased or constant: blue; ceased: red, dashed); people
                        not interviewed then are faded; a relationship outside its span is grey
waves as one            the slider steps by time point, a person's waves read as one
relationship type       relationships of the ticked types; in a focal or dyad view, a person linked
                        only by unticked types leaves
coder                   only that coder's codings count; "at least K coders": a quote counts for a
                        theme when K coders coded it so (as ``--min-coders``)
search                  people and themes by name, quotes by text or id; the rest fades; Enter
                        focuses the first match
focus (click)           the person or theme and its neighbours at full strength, the rest faded;
                        Esc or a click on the background clears it
group (click)           draws the group's members; search or focus draws one person and their
                        neighbours out of a closed group
======================  ==========================================================================

In the dyad view a theme's border at an occasion says whether the partners'
accounts overlap (green) or contrast (red), by the rules of
:mod:`graphstudy.queries.dyads`; its panel lists both sides per occasion.

Examples
--------
>>> import tempfile, pathlib
>>> from graphstudy import load_study
>>> from graphstudy.views import write_focal_view
>>> path = write_focal_view(load_study(), "Sue", pathlib.Path(tempfile.mkdtemp()) / "sue.html")
>>> path.stat().st_size > 100_000          # vis-network travels inside the file
True
"""

from .graph_views import dyad_graph, focal_graph, psw_graph, study_graph, themes_graph
from .groups import GROUP_BY, GROUP_LIMIT
from .write import write_dyad_view, write_focal_view, write_psw_view, write_study_view, write_themes_view

__all__ = [
    "GROUP_BY",
    "GROUP_LIMIT",
    "dyad_graph",
    "focal_graph",
    "psw_graph",
    "study_graph",
    "themes_graph",
    "write_dyad_view",
    "write_focal_view",
    "write_psw_view",
    "write_study_view",
    "write_themes_view",
]
