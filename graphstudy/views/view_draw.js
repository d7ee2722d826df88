/* graphstudy view, part 2 of 6: what is drawn. The kept nodes and links (part 1) are mapped onto
 * drawn ones: a person whose group is closed is drawn as the group, and the links of a group are summed;
 * then focus and search fade what they do not pick, and the vis-network data sets are brought up to date
 * with the fewest adds, updates and removals. */
var MARK = { increased: " \u2191", decreased: " \u2193" };
var FADED = 0.25, FAINT = 0.12;
var nodesDS = null, edgesDS = null, network = null;
var shown = { nodes: {}, edges: {}, res: null, members: {}, raw: {}, emph: null, hits: null };
var signatures = { nodes: {}, edges: {} };
var placed = {};  /* last known position of each node that was drawn, so it comes back where it was */
var pullSpot = {};  /* where a person drawn out of a closed group sits: beside the group's node */

function closedGroup(n) { return st.grouped && n.grp && !st.expanded[n.grp] && !st.pulled[n.id] ? n.grp : null; }
function drawnOf(id) { var n = byId[id]; return (n && closedGroup(n)) || id; }
function colour(c, opacity) {
  var o = { color: c, highlight: c, hover: c };
  if (opacity !== undefined) { o.opacity = opacity; }
  return o;
}
function edgeWidth(kind, count) {
  if (kind === "theme_link" || kind === "co_occurrence") { return 1 + Math.min(7, count); }
  return kind === "relationship" ? 2 : 1;
}
function groupColour(g) {
  if (data.groups.by === "role") { var r = roleOf[g.id.slice(7)]; if (r) { return r.color; } }
  return "#a0aab4";
}

function fadedText(hex, opacity) {  /* vis-network fades a node's shape, not its label: fade the label too */
  if (opacity >= 1) { return hex; }
  var h = hex.replace("#", "");
  return "rgba(" + parseInt(h.slice(0, 2), 16) + "," + parseInt(h.slice(2, 4), 16) + "," + parseInt(h.slice(4, 6), 16) + "," +
    Math.max(0.2, opacity) + ")";
}
function nodeObject(n, keep, opacity) {
  var o = { id: n.id, label: n.label, opacity: opacity };
  if (n.kind === "participant") {
    var r = roleOf[n.role] || { color: "#bbbbbb", shape: "dot" };
    o.shape = r.shape;
    o.size = n.focus ? 30 : (r.focal ? 22 : 15);
    o.color = { background: r.color, border: "#555555", highlight: { background: r.color, border: "#000000" },
                hover: { background: r.color, border: "#000000" } };
    o.font = { size: n.focus ? 16 : 13, color: fadedText("#222222", opacity) };
  } else {
    var c = n.color || "#e8c547";
    o.shape = data.view === "themes" ? "dot" : "box";
    o.color = { background: c, border: "#555555", highlight: { background: c, border: "#000000" },
                hover: { background: c, border: "#000000" } };
    if (o.shape === "box") { o.margin = 6; o.font = { size: 12, color: fadedText(n.fontColor || "#222222", opacity) }; } else {
      o.size = n.size || 15;
      o.font = { color: fadedText("#222222", opacity) };
    }
    if (data.view === "dyad" && stepMode() && n.dyad) {
      var occId = st.time.kind === "occ" ? OCC[st.time.i].id : null, at = occId && n.dyad[occId];
      if (at && at.state) { o.borderWidth = 4; o.color.border = S.states[at.state].color; }
    }
  }
  if (n.kind === "participant" && data.view === "themes") { o.shape = "dot"; }
  var pos = placed[n.id] || pullSpot[n.id] || (typeof n.x === "number" ? { x: n.x, y: n.y } : null);
  if (pos) { o.x = pos.x; o.y = pos.y; }
  if (n.fixed) { o.fixed = { x: true, y: true }; }
  return o;
}
function groupObject(g, count, opacity) {
  var c = groupColour(g);
  var o = { id: g.id, label: g.label + "\n" + count.toLocaleString("en") + (count === 1 ? " person" : " people"),
            shape: "dot", size: 16 + 2.2 * Math.sqrt(count), opacity: opacity, borderWidth: 3,
            shapeProperties: { borderDashes: [5, 3] }, font: { size: 14, strokeWidth: 3, color: fadedText("#222222", opacity) },
            color: { background: c, border: "#333333", highlight: { background: c, border: "#000000" },
                     hover: { background: c, border: "#000000" } } };
  var pos = placed[g.id] || (typeof g.x === "number" ? { x: g.x, y: g.y } : null);
  if (!pos && network) {
    var ps = network.getPositions((members[g.id] || []).filter(function (m) { return !!signatures.nodes[m]; }));
    var ids = Object.keys(ps);
    if (ids.length) {
      pos = { x: 0, y: 0 };
      ids.forEach(function (m) { pos.x += ps[m].x / ids.length; pos.y += ps[m].y / ids.length; });
    }
  }
  if (pos) { o.x = pos.x; o.y = pos.y; }
  return o;
}
function edgeObject(id, e, keep, count, opacity) {
  var st0 = S.edges[e.kind] || { color: "#999999", dashes: false };
  var o = { id: id, from: drawnOf(e.from), to: drawnOf(e.to), color: colour(st0.color), dashes: st0.dashes,
            width: edgeWidth(e.kind, count) };
  var label = e.kind === "relationship" ? e.label : (e.kind === "subtheme_of" ? "" : String(count));
  if (e.kind === "theme_link" && keep.state) {
    var ss = S.steps[keep.state];
    o.color = colour(ss.color);
    o.dashes = ss.dashes;
    o.width = keep.state === "disappears" ? 1.5 : edgeWidth(e.kind, count);
    label = String(count) + (MARK[keep.change] || "");
  }
  if (e.kind === "relationship") {
    o.arrows = { to: { enabled: !!e.arrow } };
    if (keep.off) { o.dashes = [2, 6]; o.color = colour("#bbbbbb"); label = e.label + " (not at this time)"; }
  }
  if (e.kind === "co_occurrence") { o.arrows = { to: { enabled: false } }; }
  if (!data.large) { o.label = label || undefined; }
  if (opacity < 1) { o.font = { color: fadedText("#343434", opacity) }; }
  if (data.large && (e.kind === "theme_link" || e.kind === "co_occurrence")) {
    o.color.opacity = opacity < 1 ? 0.05 : (shown.emph ? 0.8 : 0.15);  /* a web, not a wall */
    o.width = shown.emph && opacity === 1 ? 2 : 1;
  } else if (opacity < 1) {
    o.color.opacity = opacity;
  }
  return o;
}
function sumObject(id, kind, rel, from, to, count, opacity) {
  var st0 = S.edges[kind] || { color: "#999999" };
  var o = { id: id, from: from, to: to, color: colour(st0.color, opacity < 1 ? opacity : 0.6), label: count.toLocaleString("en"),
            width: 1 + Math.min(9, Math.log(1 + count) / Math.LN2), dashes: kind === "subtheme_of",
            font: { size: 11 } };
  if (kind === "relationship") { o.label = rel + " \u00d7 " + count.toLocaleString("en"); }
  if (kind === "co_occurrence" || kind === "relationship") { o.arrows = { to: { enabled: kind !== "co_occurrence" } }; }
  return o;
}

/* The drawn graph for a compute() result: items, and for each drawn link the raw links it stands for. */
function layout(res) {
  var nodes = {}, edges = {}, raw = {}, groupCount = {};
  Object.keys(res.nodes).forEach(function (id) {
    var g = closedGroup(byId[id]);
    if (g) { groupCount[g] = (groupCount[g] || 0) + 1; } else { nodes[id] = { raw: id }; }
  });
  Object.keys(groupCount).forEach(function (g) { nodes[g] = { group: g, count: groupCount[g] }; });
  Object.keys(res.edges).forEach(function (id) {
    var e = edgeById[id], a = drawnOf(e.from), b = drawnOf(e.to);
    if (a === b) { return; }
    if (a === e.from && b === e.to) { edges[id] = { raw: id }; raw[id] = [id]; return; }
    var key = "s:" + a + "|" + b + "|" + e.kind + "|" + (e.rel || "");
    if (!edges[key]) { edges[key] = { sum: true, kind: e.kind, rel: e.label, from: a, to: b, count: 0 }; raw[key] = []; }
    edges[key].count += res.edges[id].count;
    raw[key].push(id);
  });
  return { nodes: nodes, edges: edges, raw: raw };
}
function emphasis(lay) {
  if (st.focus && lay.nodes[st.focus]) {
    var keep = {};
    keep[st.focus] = true;
    Object.keys(lay.edges).forEach(function (id) {
      var d = lay.edges[id], e = d.raw ? edgeById[d.raw] : d;
      var a = d.raw ? drawnOf(e.from) : d.from, b = d.raw ? drawnOf(e.to) : d.to;
      if (a === st.focus) { keep[b] = true; }
      if (b === st.focus) { keep[a] = true; }
    });
    return keep;
  }
  if (shown.hits) {
    var hit = {};
    shown.hits.people.concat(shown.hits.themes).forEach(function (id) { hit[drawnOf(id)] = true; });
    shown.hits.quotes.forEach(function (q) {  /* a quote found: its speaker and the themes it is coded as */
      quoteEdges(q).forEach(function (e) { hit[drawnOf(e.from)] = true; hit[drawnOf(e.to)] = true; });
    });
    return hit;
  }
  return null;
}
var computed = { key: null, res: null };
function filterKey() {  /* what compute() reads: focus, search and groups do not change what the filters keep */
  return JSON.stringify([st.roles, st.rtypes, st.theme, st.time, st.perTp, st.coder, st.minCoders]);
}
function draw() {
  var key = filterKey();
  if (computed.key !== key) { computed = { key: key, res: compute(), layKey: null }; }
  var res = computed.res;
  var layKey = JSON.stringify([st.grouped, st.expanded, st.pulled]);  /* search and focus reuse the drawn graph */
  if (computed.layKey !== layKey) { computed.lay = layout(res); computed.layKey = layKey; }
  var lay = computed.lay;
  shown.res = res;
  shown.raw = lay.raw;
  shown.emph = emphasis(lay);
  var emph = shown.emph, wantN = {}, wantE = {};
  Object.keys(lay.nodes).forEach(function (id) {
    var d = lay.nodes[id], faded = d.raw ? res.nodes[id].faded : false;
    var opacity = emph && !emph[id] ? FAINT : (faded ? FADED : 1);
    var o = d.group ? groupObject(groupById[d.group], d.count, opacity) : nodeObject(byId[id], res.nodes[id], opacity);
    if (shown.hits && emph && emph[id] && !st.focus) { o.borderWidth = 4; o.color.border = "#111111"; }
    wantN[id] = o;
  });
  Object.keys(lay.edges).forEach(function (id) {
    var d = lay.edges[id];
    var from = d.raw ? drawnOf(edgeById[d.raw].from) : d.from, to = d.raw ? drawnOf(edgeById[d.raw].to) : d.to;
    var dim = emph && !(emph[from] && emph[to] && (!st.focus || from === st.focus || to === st.focus));
    var ends = (wantN[from] && wantN[to]) ? Math.min(wantN[from].opacity, wantN[to].opacity) : 1;
    var opacity = dim ? FAINT : (ends < 1 ? FADED : 1);
    wantE[id] = d.raw ? edgeObject(id, edgeById[d.raw], res.edges[d.raw], res.edges[d.raw].count, opacity)
                      : sumObject(id, d.kind, d.rel, d.from, d.to, d.count, opacity);
  });
  sync(nodesDS, signatures.nodes, wantN, true);
  sync(edgesDS, signatures.edges, wantE, false);
  shown.nodes = lay.nodes;
  shown.edges = lay.edges;
  return res;
}
function sync(ds, sig, want, areNodes) {
  var gone = Object.keys(sig).filter(function (id) { return !want[id]; });
  if (areNodes && gone.length && network) {
    var ps = network.getPositions(gone);
    Object.keys(ps).forEach(function (id) { placed[id] = ps[id]; });
  }
  var add = [], update = [];
  Object.keys(want).forEach(function (id) {
    var o = want[id], x = o.x, y = o.y;
    delete o.x;  /* a node already drawn stays where it is (it may have been dragged) */
    delete o.y;
    var s = JSON.stringify(o);
    if (!sig[id]) {
      if (x !== undefined) { o.x = x; o.y = y; }
      add.push(o);
    } else if (sig[id] !== s) { update.push(o); }
    sig[id] = s;
  });
  gone.forEach(function (id) { delete sig[id]; });
  if (gone.length) { ds.remove(gone); }
  if (add.length) { ds.add(add); }
  if (update.length) { ds.update(update); }
}
