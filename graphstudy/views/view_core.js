/* graphstudy view, part 1 of 6: the data, its indexes, the page's state and what the filters keep.
 * Nothing here touches the DOM or vis-network: compute() turns the state into the set of nodes and
 * links that are shown, with their counts and how each link changed at the chosen occasion.
 * Every string from the study is shown with textContent (parts 3-5), never parsed as HTML. */
var T0 = performance.now();
var data = JSON.parse(document.getElementById("graphstudy-data").textContent);
var T_PARSED = performance.now();
var S = data.style;
var OCC = data.occasions;
var NO_CODER = "no coder named";
var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

var roleLabel = {};
data.roles.forEach(function (r) { roleLabel[r.id] = r.label; });
data.nodes.forEach(function (n) {  /* the file leaves out what the id or the study's vocabulary tells */
  if (!n.kind) { n.kind = n.id.charAt(0) === "p" ? "participant" : "theme"; }
  if (n.label === undefined) { n.label = n.id.slice(2); }
  if (typeof n.grp === "number") { n.grp = data.groups.list[n.grp].id; }
  if (n.kind === "participant") { n.details.unshift(["role", roleLabel[n.role] || n.role]); }
});
var rtypeLabel = {};
data.rtypes.forEach(function (t) { rtypeLabel[t.id] = t.label; });
data.edges.forEach(function (e, i) {  /* the file leaves out what can be told from the rest (graphstudy/views/data.py) */
  e.id = "e" + i;
  e.from = data.nodes[e.from].id;
  e.to = data.nodes[e.to].id;
  if (e.count === undefined) { e.count = e.units ? e.units.length : 1; }
  if (e.kind === "relationship") {
    e.label = rtypeLabel[e.rel] || e.rel;
    e.span = e.span || ["", ""];
    e.arrow = e.arrow !== false;
  }
});

var TPS = [], tpOf = [];
OCC.forEach(function (o, i) {
  var last = TPS[TPS.length - 1];
  if (!last || last.id !== o.tp) { last = { id: o.tp, label: o.tpLabel, order: o.order, occ: [] }; TPS.push(last); }
  last.occ.push(i);
  tpOf[i] = TPS.length - 1;
});
var hasWaves = TPS.some(function (t) { return t.occ.length > 1; });

var byId = {}, roleIdx = {}, children = {};
data.nodes.forEach(function (n) {
  byId[n.id] = n;
  if (!n.name) { n.name = n.label; }
  if (n.kind === "participant") { n.group = n.role; }
  n.tps = [];
  n.occ.forEach(function (i) { if (n.tps.indexOf(tpOf[i]) < 0) { n.tps.push(tpOf[i]); } });
  if (n.kind === "theme" && n.parent) { (children["t:" + n.parent] = children["t:" + n.parent] || []).push(n.id); }
});
data.roles.forEach(function (r, i) { roleIdx[r.id] = i; });
var roleOf = {};
data.roles.forEach(function (r) { roleOf[r.id] = r; });
var groupById = {};
if (data.groups) { data.groups.list.forEach(function (g) { groupById[g.id] = g; }); }
var members = {};
data.nodes.forEach(function (n) { if (n.grp) { (members[n.grp] = members[n.grp] || []).push(n.id); } });
var edgeById = {}, incident = {};
data.edges.forEach(function (e) {
  edgeById[e.id] = e;
  (incident[e.from] = incident[e.from] || []).push(e);
  (incident[e.to] = incident[e.to] || []).push(e);
});
var rolesShown = data.roles.filter(function (r) {
  return data.nodes.some(function (n) { return n.role === r.id; }) ||
    data.nodes.some(function (n) { return (n.units || []).some(function (u) { return u[3] === roleIdx[r.id]; }); });
});
var themesShown = data.nodes.filter(function (n) { return n.kind === "theme"; });

function freshState() {
  var roles = {}, rtypes = {};
  data.roles.forEach(function (r) { roles[r.id] = true; });
  data.rtypes.forEach(function (t) { rtypes[t.id] = true; });
  return { roles: roles, rtypes: rtypes, theme: "", time: { kind: "all", i: -1 }, perTp: false, coder: -1,
           minCoders: 1, query: "", focus: null, selected: null,
           grouped: !!(data.groups && data.groups.open), expanded: {}, pulled: {} };
}
var st = freshState();

function themeFamily(id) {  /* a theme and every sub-theme under it */
  var out = {}, todo = [id];
  while (todo.length) {
    var t = todo.pop();
    if (out[t]) { continue; }
    out[t] = true;
    (children[t] || []).forEach(function (c) { todo.push(c); });
  }
  return out;
}
function filtersActive() {
  return !!st.theme || st.coder >= 0 || st.minCoders > 1 || data.roles.some(function (r) { return !st.roles[r.id]; }) ||
    data.rtypes.some(function (t) { return !st.rtypes[t.id]; });
}
function stepMode() { return st.time.kind !== "all"; }
function timeLabel() {
  if (st.time.kind === "occ") { return OCC[st.time.i].label; }
  if (st.time.kind === "tp") { return TPS[st.time.i].label + (TPS[st.time.i].occ.length > 1 ? " (every wave)" : ""); }
  return "All occasions";
}
/* The coder rule on one unit: [id, occasion index, [coder indexes], ...]. */
function coderPass(u) {
  var who = u[2];
  if (st.coder >= 0) { return who.indexOf(st.coder) >= 0; }
  return who.length >= st.minCoders;
}
function atTime(u, kind, i) {
  if (kind === "occ") { return u[1] === i; }
  if (kind === "tp") { return tpOf[u[1]] === i; }
  return true;
}
function unitsAt(e, kind, i) {
  if (kind === "all" && st.coder < 0 && st.minCoders <= 1) { return e.units || []; }
  return (e.units || []).filter(function (u) { return coderPass(u) && atTime(u, kind, i); });
}
function classify(before, now) {
  if (!before && !now) { return null; }
  if (!before) { return "emerged"; }
  if (!now) { return "ceased"; }
  return now > before ? "increased" : (now < before ? "decreased" : "constant");
}
function stepState(change) {
  if (change === "first" || change === "emerged") { return "appears"; }
  return change === "ceased" ? "disappears" : "persists";
}
/* A person's link at the chosen occasion (or time point), against the one before it that they were interviewed at:
 * the same rule as graphstudy.queries.link_steps. */
function linkStep(e, person) {
  var kind = st.time.kind, i = st.time.i;
  var list = kind === "tp" ? person.tps : person.occ;
  var at = list.indexOf(i);
  if (at < 0) { return null; }
  var now = unitsAt(e, kind, i);
  var change;
  if (at === 0) { change = now.length ? "first" : null; } else {
    change = classify(unitsAt(e, kind, list[at - 1]).length, now.length);
  }
  return change ? { change: change, units: now, count: now.length } : null;
}
function spanKey(id, end) {
  if (!id) { return null; }
  for (var k = 0; k < OCC.length; k += 1) { if (OCC[k].id === id && OCC[k].wave) { return [OCC[k].order, OCC[k].wave]; } }
  for (var t = 0; t < TPS.length; t += 1) { if (TPS[t].id === id) { return [TPS[t].order, end ? Infinity : 0]; } }
  var m = /^(.*)_(\d+)$/.exec(id);
  if (m) { for (t = 0; t < TPS.length; t += 1) { if (TPS[t].id === m[1]) { return [TPS[t].order, parseInt(m[2], 10)]; } } }
  return null;
}
function before(a, b) { return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]); }
function spanHolds(e) {
  if (!stepMode() || !e.span || (!e.span[0] && !e.span[1])) { return true; }
  var lo = spanKey(e.span[0], false), hi = spanKey(e.span[1], true);
  var occs = st.time.kind === "occ" ? [st.time.i] : TPS[st.time.i].occ;
  return occs.some(function (k) {
    var key = [OCC[k].order, OCC[k].wave];
    return (!lo || before(lo, key)) && (!hi || before(key, hi));
  });
}
function interviewedNow(n) {
  if (!stepMode()) { return true; }
  return st.time.kind === "tp" ? n.tps.indexOf(st.time.i) >= 0 : n.occ.indexOf(st.time.i) >= 0;
}

/* What the state keeps: {nodes: {id: {faded}}, edges: {id: {count, state, change, units, off}}, tally}. */
function compute() {
  var keepTheme = st.theme ? themeFamily(st.theme) : null;
  var nodes = {}, edges = {}, tally = { appears: 0, persists: 0, disappears: 0 }, linked = {};
  var focalViews = data.view === "focal" || data.view === "dyad";
  data.nodes.forEach(function (n) {
    if (n.kind === "participant" && !st.roles[n.role]) { return; }
    if (n.kind === "theme" && keepTheme && !keepTheme[n.id]) { return; }
    nodes[n.id] = { faded: false };
  });
  if (focalViews) {  /* in a focal person's view, people are there through their relationships */
    var through = {};
    data.edges.forEach(function (e) {
      if (e.kind === "relationship" && st.rtypes[e.rel]) { through[e.from] = true; through[e.to] = true; }
    });
    data.nodes.forEach(function (n) { if (n.kind === "participant" && !n.focus && !through[n.id]) { delete nodes[n.id]; } });
  }
  data.edges.forEach(function (e) {
    if (!nodes[e.from] || !nodes[e.to]) { return; }
    var out = null;
    if (e.kind === "relationship") {
      if (st.rtypes[e.rel]) { out = { count: 1, off: !spanHolds(e) }; }
    } else if (e.kind === "subtheme_of") {
      out = { count: 1 };
    } else if (e.kind === "theme_link") {
      if (stepMode()) {
        var step = linkStep(e, byId[e.from]);
        if (step) {
          out = { count: step.count, units: step.units, change: step.change, state: stepState(step.change) };
          tally[out.state] += 1;
        }
      } else {
        var us = unitsAt(e, "all", -1);
        if (us.length) { out = { count: us.length, units: us }; }
      }
    } else if (e.kind === "co_occurrence") {
      var cu = e.units.filter(function (u) {
        return coderPass(u) && atTime(u, st.time.kind, st.time.i) && (u[3] < 0 || st.roles[data.roles[u[3]].id]);
      });
      if (cu.length) { out = { count: cu.length, units: cu }; }
    }
    if (out) {
      edges[e.id] = out;
      if (e.kind === "theme_link" || e.kind === "co_occurrence") { linked[e.from] = true; linked[e.to] = true; }
    }
  });
  var filtering = filtersActive() || stepMode();
  data.nodes.forEach(function (n) {
    var keep = nodes[n.id];
    if (!keep) { return; }
    if (n.kind === "participant") {
      keep.faded = !interviewedNow(n) || (filtering && !linked[n.id] && !n.focus && data.view === "study" &&
                                          (!!st.theme || st.coder >= 0 || st.minCoders > 1));
    } else if (data.view === "themes") {
      var tu = (n.units || []).filter(function (u) {
        return coderPass(u) && atTime(u, st.time.kind, st.time.i) && (u[3] < 0 || st.roles[data.roles[u[3]].id]);
      });
      keep.count = tu.length;
    } else {
      keep.faded = filtering && !linked[n.id] && !(children[n.id] || []).some(function (c) { return linked[c]; });
    }
  });
  if (data.view === "themes" && filtering) {  /* a theme no interview kept goes, unless a sub-theme of it stays */
    themesShown.forEach(function (n) {
      var keep = nodes[n.id];
      if (!keep || keep.count) { return; }
      var family = themeFamily(n.id);
      if (Object.keys(family).some(function (t) { return nodes[t] && nodes[t].count; })) { keep.faded = true; } else { delete nodes[n.id]; }
    });
  }
  Object.keys(edges).forEach(function (id) {  /* a link whose end left goes too */
    var e = edgeById[id];
    if (!nodes[e.from] || !nodes[e.to]) { delete edges[id]; }
  });
  return { nodes: nodes, edges: edges, tally: tally };
}

/* Who and what the search finds: participants and themes by name, quotes by text or id. */
function searchHits(q) {
  q = q.trim().toLowerCase();
  var hits = { people: [], themes: [], quotes: [] };
  if (!q) { return hits; }
  data.nodes.forEach(function (n) {
    if (n.name.toLowerCase().indexOf(q) >= 0) { (n.kind === "theme" ? hits.themes : hits.people).push(n.id); }
  });
  allQuoteIds().forEach(function (id) {
    var text = quoteInfo(id)[5];
    if (id.toLowerCase() === q || (text && text.toLowerCase().indexOf(q) >= 0)) { hits.quotes.push(id); }
  });
  return hits;
}
function quoteEdges(qid) {  /* the theme links (or co-occurrences) that carry a quote */
  var speaker = quoteInfo(qid) ? "p:" + quoteInfo(qid)[0] : null;
  return (incident[speaker] || []).filter(function (e) {
    return e.kind === "theme_link" && e.units.some(function (u) { return u[0] === qid; });
  });
}

/* A quote as the panel shows it: [speaker, occasion index, stance, citation, about, text or null]. The file
 * carries an entry only for quotes with more than their speaker and occasion (which the links hold). */
var quoteIndex = null;
function quoteInfo(qid) {
  if (has(data.quotes, qid)) { return data.quotes[qid]; }
  if (!quoteIndex) {
    quoteIndex = {};
    data.edges.forEach(function (e) {
      if (e.kind === "theme_link") { e.units.forEach(function (u) { quoteIndex[u[0]] = [byId[e.from].name, u[1], "", "", "", null]; }); }
    });
  }
  return quoteIndex[qid] || null;
}
function allQuoteIds() { quoteInfo(""); return Object.keys(data.quotes).concat(Object.keys(quoteIndex).filter(function (q) { return !has(data.quotes, q); })); }
function spanText(span) {
  function name(x) {
    for (var k = 0; k < OCC.length; k += 1) { if (OCC[k].id === x) { return OCC[k].label; } }
    for (var t = 0; t < TPS.length; t += 1) { if (TPS[t].id === x) { return TPS[t].label; } }
    return x;
  }
  if (!span || (!span[0] && !span[1])) { return "throughout"; }
  if (!span[1]) { return "from " + name(span[0]); }
  if (!span[0]) { return "until " + name(span[1]); }
  return "from " + name(span[0]) + " to " + name(span[1]);
}
/* The detail rows of a node or link, as the tooltip and the panel list them. */
function detailsOf(x) {
  if (byId[x.id] === x) {
    if (x.kind !== "participant") { return x.details; }
    var occ = x.occ.map(function (i) { return OCC[i].label; });
    return x.details.concat([["interviewed", occ.length ? occ.join(", ") : "never"]]);
  }
  var a = byId[x.from], b = byId[x.to];
  if (x.kind === "relationship") {
    return [["relationship", x.arrow ? a.name + " " + x.label + " " + b.name : a.name + " and " + b.name + ": " + x.label],
            ["holds", spanText(x.span)]];
  }
  if (x.kind === "subtheme_of") { return [["sub-theme of", b.name]]; }
  var seen = [];
  x.units.forEach(function (u) { if (u[1] >= 0 && seen.indexOf(u[1]) < 0) { seen.push(u[1]); } });
  var rows = x.about ? [["about", x.about]] : [];
  rows.push([x.kind === "co_occurrence" ? "interviews" : "quotes", String(x.units.length)]);
  rows.push(["occasions", seen.sort(function (p, q) { return p - q; }).map(function (i) { return OCC[i].label; }).join(", ")]);
  return rows;
}
