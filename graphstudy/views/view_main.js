/* graphstudy view, part 6 of 6: start. Draw, wire the clicks (focus, groups, the panel) and give the
 * tests and the benchmark one handle on the page: window.graphstudyView. */
var api = { ready: false, firstDrawMs: null, nodeCount: data.nodes.length, edgeCount: data.edges.length,
            steps: [], step: null, lastUpdateMs: null, copied: null };
window.graphstudyView = api;
document.getElementById("gs-notes").textContent = data.notes.join(" \u00b7 ");
legend();
buildFilters();
if (typeof vis === "undefined") {
  document.getElementById("gs-graph").textContent = "vis-network did not load; the graph cannot be drawn.";
  throw new Error("vis-network did not load");
}
nodesDS = new vis.DataSet([]);
edgesDS = new vis.DataSet([]);
buildSlider();
var T_INDEXED = performance.now();
draw();
var T_COMPUTED = performance.now();
network = new vis.Network(document.getElementById("gs-graph"), { nodes: nodesDS, edges: edgesDS }, data.options);
api.network = network;
network.once("afterDrawing", function () {
  api.firstDrawMs = performance.now();
  api.timings = { scriptStart: T0, parse: T_PARSED - T0, index: T_INDEXED - T_PARSED, compute: T_COMPUTED - T_INDEXED,
                  network: api.firstDrawMs - T_COMPUTED };
  api.ready = true;
});
var physics = !!(data.options.physics && data.options.physics.enabled);
if (physics) {
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
}
function settle() {  /* nodes added to a page drawn with physics find their place, then stop */
  if (!physics) { return; }
  network.setOptions({ physics: { enabled: true } });
  network.stabilize(120);
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
}
status();

var groupButton = document.getElementById("gs-group");
function groupLabel() {
  groupButton.textContent = st.grouped ? "Show everyone" : "Group by " + data.groups.by;
  groupButton.title = st.grouped ? "Draw every person (slow above a few thousand)" : "Draw one node per group of people";
}
if (data.groups) {
  groupButton.hidden = false;
  groupLabel();
  groupButton.addEventListener("click", function () {
    st.grouped = !st.grouped;
    st.expanded = {};
    st.pulled = {};
    groupLabel();
    update();
    settle();
  });
}
document.getElementById("gs-fit").addEventListener("click", function () { network.fit({ animation: false }); });

function spot(id, k) {  /* beside the node of the person's group, on a spiral */
  var g = groupById[byId[id].grp], at = network.getPositions([g.id])[g.id] || { x: g.x || 0, y: g.y || 0 };
  var a = k * 2.39996, r = 70 + 14 * k;
  pullSpot[id] = { x: at.x + r * Math.cos(a), y: at.y + r * Math.sin(a) };
}
function pullOut(id) {  /* a person in a closed group, and their neighbours, drawn on their own */
  var n = byId[id];
  if (!n || !closedGroup(n)) { return false; }
  var k = Object.keys(st.pulled).length;
  var out = [id];
  (incident[id] || []).forEach(function (e) {
    var other = e.from === id ? e.to : e.from;
    if (byId[other] && byId[other].kind === "participant") { out.push(other); }
  });
  out.forEach(function (p) {
    if (closedGroup(byId[p]) && !st.pulled[p]) { spot(p, k); k += 1; }
    st.pulled[p] = true;
  });
  return true;
}
api.focus = function (id) {
  var pulled = pullOut(id);
  st.focus = drawnOf(id);
  st.selected = { id: st.focus, edge: false };
  update();
  if (pulled) { settle(); }
  if (shown.nodes[st.focus]) {
    network.selectNodes([st.focus]);
    var near = Object.keys(shown.emph || {}).filter(function (id) { return shown.nodes[id]; });
    if (data.large && near.length > 1 && near.length <= 300) {
      network.fit({ nodes: near, animation: false });  /* the person and everyone linked to them, in view */
    } else {
      network.focus(st.focus, { scale: Math.max(network.getScale(), data.large ? 0.6 : 0.9), animation: false });
    }
  }
  return st.focus;
};
api.clearFocus = function () { st.focus = null; st.selected = null; closePanel(); network.unselectAll(); update(); };
api.expand = function (gid) {
  st.expanded[gid] = true;
  if (st.focus === gid) { st.focus = null; }
  (members[gid] || []).forEach(function (m) {  /* people drawn out earlier go back to their place in the group */
    if (pullSpot[m] && signatures.nodes[m] && typeof byId[m].x === "number") { network.moveNode(m, byId[m].x, byId[m].y); }
    delete pullSpot[m];
  });
  update();
  settle();
  if (data.large) { network.fit({ animation: false }); }  /* the members sit in their group's box, outside the themes */
};
api.showQuote = function (qid) {
  var carriers = quoteEdges(qid);
  if (!carriers.length) { return null; }
  pullOut(carriers[0].from);
  st.focus = drawnOf(carriers[0].from);
  update();
  var drawnEdge = null;
  Object.keys(shown.raw).forEach(function (id) { if (shown.raw[id].indexOf(carriers[0].id) >= 0) { drawnEdge = id; } });
  if (drawnEdge) { st.selected = { id: drawnEdge, edge: true }; showPanel(drawnEdge, true); network.selectEdges([drawnEdge]); }
  return drawnEdge;
};
api.select = function (id, isEdge) { st.selected = { id: id, edge: !!isEdge }; showPanel(id, !!isEdge); };
api.search = function (q) { searchBox.value = q; return runSearch(q); };
api.setStep = function (i) { setStep(i); api.step = steps()[parseInt(slider.value, 10)]; };
api.setFilter = function (name, value) {
  if (name === "role" || name === "rtype") {
    var box = controls[name === "role" ? "roles" : "rtypes"][value[0]];
    (name === "role" ? st.roles : st.rtypes)[value[0]] = value[1];
    if (box) { box.checked = value[1]; }
  } else if (name === "theme") { st.theme = value; if (controls.theme) { controls.theme.value = value; } } else if (name === "coder") {
    st.coder = value; if (controls.coder) { controls.coder.value = String(value); }
  } else if (name === "minCoders") { st.minCoders = value; } else if (name === "time") { setTime(value); return counts(); }
  update();
  return counts();
};
api.reset = resetFilters;
api.counts = counts;
api.state = function () { return JSON.parse(JSON.stringify(st)); };
api.drawn = function () { return { nodes: nodesDS.get(), edges: edgesDS.get() }; };
api.summary = function (id, isEdge) { return summaryOf(id, !!isEdge).textContent; };
api.panelText = function () { return document.getElementById("gs-panel").textContent; };
api.copyText = copyText;
api.svg = buildSvg;
api.steps = steps().map(function (s) { return s.kind === "all" ? "all" : OCC[s.i].id; });

network.on("click", function (p) {
  hideTip();
  if (p.nodes.length) {
    var id = p.nodes[0];
    if (groupById[id]) { st.selected = { id: id, edge: false }; showPanel(id, false); api.expand(id); return; }
    st.focus = st.focus === id ? null : id;
    st.selected = { id: id, edge: false };
    update();
  } else if (p.edges.length) {
    st.selected = { id: p.edges[0], edge: true };
    showPanel(p.edges[0], true);
  } else {
    api.clearFocus();
  }
});
network.on("hoverNode", function (p) { showTip(p.node, false, p.pointer.DOM); });
network.on("hoverEdge", function (p) { showTip(p.edge, true, p.pointer.DOM); });
network.on("blurNode", hideTip);
network.on("blurEdge", hideTip);
network.on("dragStart", hideTip);
network.on("zoom", hideTip);
document.addEventListener("keydown", function (ev) {
  if (ev.key === "Escape" && document.activeElement !== searchBox) { api.clearFocus(); }
});
slider.value = "0";
