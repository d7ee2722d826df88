/* graphstudy view: draws the graph held in #graphstudy-data with vis-network.
 * Every string that comes from the study is set with textContent, never as HTML;
 * tooltips are DOM elements, so vis-network never parses them either. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graphstudy-data").textContent);
  var S = data.style;
  var MAX_QUOTES = 8, MAX_TEXT = 400;
  var MARK = { increased: " \u2191", decreased: " \u2193" };
  var api = { ready: false, firstDrawMs: null, nodeCount: data.nodes.length, edgeCount: data.edges.length,
              steps: [], step: null };
  window.graphstudyView = api;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clip(text) { return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + "\u2026" : text; }
  function row(box, key, value) {
    var line = el("div");
    line.appendChild(el("span", key + ": ", "gs-key"));
    line.appendChild(el("span", value));
    box.appendChild(line);
  }
  function quoteLines(box, ids) {
    var bare = [];
    ids.slice(0, MAX_QUOTES).forEach(function (id) {
      var text = Object.prototype.hasOwnProperty.call(data.quotes, id) ? data.quotes[id] : null;
      if (text === null) { bare.push(id); } else { box.appendChild(el("div", id + ": \u201c" + clip(text) + "\u201d", "gs-quote")); }
    });
    if (bare.length) { row(box, "quote ids", bare.join(", ")); }
    if (ids.length > MAX_QUOTES) { box.appendChild(el("div", "and " + (ids.length - MAX_QUOTES) + " more quotes")); }
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function nodeTitle(n) {
    var box = el("div", null, "gs-tip");
    box.appendChild(el("strong", n.name || n.label));
    n.details.forEach(function (d) { row(box, d[0], d[1]); });
    return box;
  }
  function describe(t) {
    if (t.change === "ceased") { return "no quotes (ceased)"; }
    var text = t.count + (t.count === 1 ? " quote, " : " quotes, ") + t.change;
    return t.stance ? text + ", stance " + t.stance : text;
  }
  function edgeTitle(e) {
    var box = el("div", null, "gs-tip");
    var a = byId[e.from], b = byId[e.to];
    var arrow = e.kind === "co_occurrence" ? " \u2014 " : " \u2192 ";
    box.appendChild(el("strong", (a.name || a.label) + arrow + (b.name || b.label)));
    e.details.forEach(function (d) { row(box, d[0], d[1]); });
    var occ = data.occasions.filter(function (o) { return Object.prototype.hasOwnProperty.call(e.timeline, o); });
    if (occ.length) {
      occ.forEach(function (o) {
        var t = e.timeline[o];
        box.appendChild(el("div", o + ": " + describe(t), "gs-occ"));
        quoteLines(box, t.quotes);
      });
    } else if (e.quotes.length) {
      quoteLines(box, e.quotes);
    }
    return box;
  }

  function edgeWidth(kind, count) {
    if (kind === "theme_link" || kind === "co_occurrence") { return 1 + Math.min(7, count); }
    return kind === "relationship" ? 2 : 1;
  }
  function colour(c) { return { color: c, highlight: c, hover: c }; }
  function baseNode(n) {
    var st = S.nodes[n.group] || { color: "#bbbbbb", shape: "dot" };
    var shape = data.view === "themes" ? "dot" : st.shape;
    var node = { id: n.id, label: n.label, shape: shape, title: nodeTitle(n), opacity: 1,
                 color: { background: st.color, border: "#555555",
                          highlight: { background: st.color, border: "#000000" },
                          hover: { background: st.color, border: "#000000" } } };
    if (shape !== "box") { node.size = n.size || (n.focus ? 30 : (n.group === "psw" ? 22 : 15)); }
    if (shape === "box") { node.margin = 6; node.font = { size: 12 }; }
    if (n.focus) { node.font = { size: 16 }; }
    if (typeof n.x === "number") { node.x = n.x; node.y = n.y; }
    return node;
  }
  function baseEdge(e) {
    var st = S.edges[e.kind] || { color: "#999999", dashes: false };
    var edge = { id: e.id, from: e.from, to: e.to, title: edgeTitle(e), color: colour(st.color), dashes: st.dashes,
                 width: edgeWidth(e.kind, e.count) };
    if (!data.large) { edge.label = e.label || undefined; }
    if (data.large && (e.kind === "theme_link" || e.kind === "co_occurrence")) {
      edge.color = { color: st.color, highlight: st.color, hover: st.color, opacity: 0.15 };  // a web, not a wall
      edge.width = 1;
    }
    if (e.kind === "co_occurrence") { edge.arrows = { to: { enabled: false } }; }
    return edge;
  }

  function legend() {
    var list = document.getElementById("gs-legend-items");
    data.legend.forEach(function (item) {
      var li = el("li");
      var mark;
      if (item.what === "node") {
        mark = el("span", null, "gs-swatch " + (data.view === "themes" ? "dot" : item.shape));
        mark.style.background = item.color;
      } else if (item.what === "edge") {
        mark = el("span", null, "gs-line" + (item.dashes ? " dashed" : ""));
        mark.style.borderTopColor = item.color;
      }
      if (mark) { li.appendChild(mark); }
      li.appendChild(el("span", item.label));
      list.appendChild(li);
    });
  }

  document.getElementById("gs-notes").textContent = data.notes.join(" \u00b7 ");
  legend();
  if (typeof vis === "undefined") {
    document.getElementById("gs-graph").textContent = "vis-network did not load; the graph cannot be drawn.";
    return;
  }
  var nodes = new vis.DataSet(data.nodes.map(baseNode));
  var edges = new vis.DataSet(data.edges.map(baseEdge));
  var network = new vis.Network(document.getElementById("gs-graph"), { nodes: nodes, edges: edges }, data.options);
  api.network = network;
  network.once("afterDrawing", function () { api.firstDrawMs = performance.now(); api.ready = true; });
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
  }
  api.visibleEdgeIds = function () {
    return edges.get({ filter: function (e) { return !e.hidden; } }).map(function (e) { return e.id; });
  };

  if (!data.occasions.length) { return; }

  var steps = ["all"].concat(data.occasions);
  api.steps = steps;
  var slider = document.getElementById("gs-step");
  slider.max = String(steps.length - 1);
  document.getElementById("gs-controls").hidden = false;

  function stepState(t) {
    if (t.change === "first" || t.change === "emerged") { return "appears"; }
    return t.change === "ceased" ? "disappears" : "persists";
  }
  function setStep(i) {
    i = Math.max(0, Math.min(steps.length - 1, i));
    var occ = steps[i];
    var tally = { appears: 0, persists: 0, disappears: 0 }, themesOn = {}, edgeUpdates = [], nodeUpdates = [];
    data.edges.forEach(function (e) {
      if (e.kind !== "theme_link") { return; }
      if (occ === "all") {
        themesOn[e.to] = true;
        edgeUpdates.push({ id: e.id, hidden: false, color: colour(S.edges.theme_link.color), dashes: false,
                           width: edgeWidth(e.kind, e.count), label: data.large ? undefined : String(e.count) });
        return;
      }
      var t = Object.prototype.hasOwnProperty.call(e.timeline, occ) ? e.timeline[occ] : null;
      if (!t) { edgeUpdates.push({ id: e.id, hidden: true }); return; }
      var state = stepState(t), st = S.steps[state];
      tally[state] += 1;
      themesOn[e.to] = true;
      edgeUpdates.push({ id: e.id, hidden: false, color: colour(st.color), dashes: st.dashes,
                         width: state === "disappears" ? 1.5 : edgeWidth(e.kind, t.count),
                         label: data.large ? undefined : String(t.count) + (MARK[t.change] || "") });
    });
    var seen = [];
    data.nodes.forEach(function (n) {
      var on = occ === "all" || (n.kind === "participant" ? n.occasions.indexOf(occ) >= 0 : !!themesOn[n.id]);
      if (on && occ !== "all" && n.kind === "participant") { seen.push(n.label); }
      nodeUpdates.push({ id: n.id, opacity: on ? 1 : 0.25 });
    });
    edges.update(edgeUpdates);
    nodes.update(nodeUpdates);
    slider.value = String(i);
    api.step = occ;
    document.getElementById("gs-occasion").textContent = occ === "all" ? "All occasions" : "Occasion " + occ;
    document.getElementById("gs-summary").textContent = occ === "all"
      ? "every theme link, over " + data.occasions.length + " occasions (width: quotes)"
      : tally.appears + " appear, " + tally.persists + " persist, " + tally.disappears + " disappear; interviewed: " +
        (seen.length ? seen.join(", ") : "nobody in view");
  }
  api.setStep = setStep;
  slider.addEventListener("input", function () { setStep(parseInt(slider.value, 10)); });
  document.getElementById("gs-prev").addEventListener("click", function () { setStep(parseInt(slider.value, 10) - 1); });
  document.getElementById("gs-next").addEventListener("click", function () { setStep(parseInt(slider.value, 10) + 1); });
  var timer = null, play = document.getElementById("gs-play");
  play.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "Play"; return; }
    setStep(1);
    play.textContent = "Stop";
    timer = setInterval(function () {
      var next = parseInt(slider.value, 10) + 1;
      if (next >= steps.length) { clearInterval(timer); timer = null; play.textContent = "Play"; return; }
      setStep(next);
    }, 1500);
  });
  setStep(0);
}());
