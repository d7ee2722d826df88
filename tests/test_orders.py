"""One implementation of each order: themes in codebook order, stakeholder groups in the study's
order, dyad rows shared by ``queries.dyad_links`` and the views.

A study that declares its roles in another order must see that order in every
table, and a PSW's own theme links must follow the codebook (they used to be
sorted by theme id in the views only).
"""

from __future__ import annotations

import pandas as pd
import pytest

from graphstudy import load_study
from graphstudy.demo import interviews_by_group
from graphstudy.queries import as_backend, dyad_links, role_order, themes
from graphstudy.reports.changes import changes
from graphstudy.reports.cooccurrence import cooccurrence
from graphstudy.reports.triangulation import triangulation
from graphstudy.views.graph_views import psw_graph
from graphstudy.vocabulary import Role

REVERSED = (Role("family", "Family member"), Role("co_worker", "Co-worker"), Role("service_user", "Service user"),
            Role("psw", "PSW", focal=True))


@pytest.fixture(scope="module")
def reversed_roles():
    """The bundled study, declaring its roles last to first."""
    return load_study().replace(roles=REVERSED)


def test_role_order_is_the_studys_then_any_other_sorted(reversed_roles):
    b = as_backend(reversed_roles)
    assert role_order(b, ["psw", "co_worker", "family", "service_user"]) == ["family", "co_worker", "service_user", "psw"]
    assert role_order(b, ["psw", "zeta", "alpha"]) == ["psw", "alpha", "zeta"]
    assert role_order(as_backend(load_study()), ["family", "psw"]) == ["psw", "family"]


def test_every_table_puts_groups_in_the_studys_order(reversed_roles):
    interviewed = ["co_worker", "service_user", "psw"]  # the bundled study interviewed no family member
    assert list(dict.fromkeys(themes(reversed_roles)["role"])) == interviewed
    assert [c for c in triangulation(reversed_roles).columns if c in interviewed] == interviewed
    assert list(dict.fromkeys(changes(reversed_roles)["role"])) == interviewed
    assert list(interviews_by_group(reversed_roles)["role"]) == interviewed
    groups = cooccurrence(reversed_roles, level="theme").nodes["groups"]
    assert "co_worker;service_user" in set(groups) and "service_user;co_worker" not in set(groups)
    # and the default order for the study as bundled
    assert list(dict.fromkeys(themes(load_study())["role"])) == ["psw", "service_user", "co_worker"]
    assert "service_user;co_worker" in set(cooccurrence(load_study(), level="theme").nodes["groups"])


def test_a_psws_own_links_follow_the_codebook(make_study):
    """Ann's own quote is coded as fear and hope: the codebook lists hope first, the alphabet fear."""
    folder = make_study(**{"codings.csv": "quote_id,theme_id,coder\nq1,hope_a,\nq2,fear,\nq3,hope_a,\nq4,hope,\n"
                                          "q5,fear,\nq6,hope,\nq7,fear,\nq7,hope,\n"})
    g = psw_graph(load_study(folder), "Ann")
    own = [v for _, v, k in g.out_edges("p:Ann", keys=True) if k == "theme_link"]
    assert own == ["t:hope", "t:fear"]


@pytest.mark.parametrize("level", ["subtheme", "theme"])
def test_the_psw_view_holds_exactly_the_dyad_rows(bundled_study, level):
    """Every person's timeline in a PSW's view is queries.dyad_links, row for row."""
    for psw in ["Sue", "Yvonne", "May"]:
        g = psw_graph(bundled_study, psw, level=level)
        people = sorted(n[2:] for n, k in g.nodes(data="kind") if k == "participant" and n != f"p:{psw}")
        assert people
        for other in people:
            d = dyad_links(bundled_study, psw, other, level=level)
            d = d[d["theme"] != ""]
            from_view = [{"occasion": o, "theme": v[2:], "count": step["count"], "change": step["change"],
                          "stance": step["stance"], "evidence": ";".join(step["quotes"])}
                         for _, v, k, data in g.out_edges(f"p:{other}", keys=True, data=True) if k == "theme_link"
                         for o, step in data["timeline"].items()]
            expected = d[["occasion", "theme", "count", "change", "stance", "evidence"]].to_dict("records")
            key = ["occasion", "theme"]
            got = pd.DataFrame(from_view, columns=expected[0].keys() if expected else key).sort_values(key, ignore_index=True)
            want = pd.DataFrame(expected, columns=got.columns).sort_values(key, ignore_index=True)
            pd.testing.assert_frame_equal(got.astype(str), want.astype(str), obj=f"{psw} & {other}")
