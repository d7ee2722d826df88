/* graphstudy view, part 4 of 6: the controls. Search, the filters (role, theme with its sub-themes,
 * time point and occasion, relationship type, coder), the time slider, grouping, the legend and the
 * status line that says how much of the study is shown. */
var filterBody = document.getElementById("gs-filter-body");
var results = document.getElementById("gs-results");
var searchBox = document.getElementById("gs-search");

function fieldset(title) {
  var f = el("fieldset");
  f.appendChild(el("legend", title));
  filterBody.appendChild(f);
  return f;
}
function checkbox(box, label, checked, onChange, swatch) {
  var l = el("label", null, "gs-check"), c = el("input");
  c.type = "checkbox";
  c.checked = checked;
  c.addEventListener("change", function () { onChange(c.checked); });
  l.appendChild(c);
  if (swatch) { l.appendChild(swatch); }
  l.appendChild(el("span", label));
  box.appendChild(l);
  return c;
}
function select(box, label, options, onChange) {
  var l = el("label", null, "gs-select"), s = el("select");
  l.appendChild(el("span", label));
  options.forEach(function (o) { var opt = el("option", o[1]); opt.value = o[0]; s.appendChild(opt); });
  s.addEventListener("change", function () { onChange(s.value); });
  l.appendChild(s);
  box.appendChild(l);
  return s;
}
function swatchOf(shape, c) { var m = el("span", null, "gs-swatch " + shape); m.style.background = c; return m; }

var controls = { roles: {}, rtypes: {} };
function buildFilters() {
  filterBody.textContent = "";
  if (rolesShown.length > 1) {
    var f = fieldset(data.view === "themes" ? "Role of the person interviewed" : "Role");
    rolesShown.forEach(function (r) {
      controls.roles[r.id] = checkbox(f, r.label, true, function (on) { st.roles[r.id] = on; update(); },
                                      swatchOf(data.view === "themes" ? "dot" : r.shape, r.color));
    });
  }
  if (themesShown.length > 1) {
    var opts = [["", "Every theme"]];
    var top = themesShown.filter(function (n) { return !n.parent || !byId["t:" + n.parent]; });
    function add(n, depth) {
      opts.push([n.id, (depth ? "\u00a0\u00a0".repeat(depth) + "\u2013 " : "") + n.name]);
      (children[n.id] || []).forEach(function (c) { add(byId[c], depth + 1); });
    }
    top.forEach(function (n) { add(n, 0); });
    controls.theme = select(fieldset("Theme (with its sub-themes)"), "", opts, function (v) { st.theme = v; update(); });
  }
  if (OCC.length > 1) {
    var t = [["all", "All occasions"]];
    TPS.forEach(function (tp, i) {
      if (tp.occ.length > 1) { t.push(["tp:" + i, tp.label + " (every wave)"]); }
      tp.occ.forEach(function (k) { t.push(["occ:" + k, (tp.occ.length > 1 ? "\u00a0\u00a0\u2013 " : "") + OCC[k].label]); });
    });
    var tf = fieldset("Time point or occasion");
    controls.time = select(tf, "", t, function (v) {
      var m = /^(tp|occ):(\d+)$/.exec(v);
      setTime(m ? { kind: m[1], i: parseInt(m[2], 10) } : { kind: "all", i: -1 });
    });
    if (hasWaves && data.slider) {
      controls.perTp = checkbox(tf, "slider steps by time point (waves as one)", false, function (on) {
        st.perTp = on;
        buildSlider();
        setTime({ kind: "all", i: -1 });
      });
    }
  }
  if (data.rtypes.length > 1 || (data.rtypes.length === 1 && data.view === "study")) {
    var rf = fieldset("Relationship type");
    data.rtypes.forEach(function (tt) {
      controls.rtypes[tt.id] = checkbox(rf, tt.label, true, function (on) { st.rtypes[tt.id] = on; update(); });
    });
  }
  var named = data.coders.filter(function (c) { return c !== ""; });
  if (named.length) {
    var cf = fieldset("Coder");
    var copts = [["-1", "Any coder"]].concat(data.coders.map(function (c, i) { return [String(i), c || NO_CODER]; }));
    controls.coder = select(cf, "", copts, function (v) {
      st.coder = parseInt(v, 10);
      if (controls.minCoders) { controls.minCoders.disabled = st.coder >= 0; }
      update();
    });
    if (data.coders.length > 1) {
      var mopts = data.coders.map(function (c, i) { return [String(i + 1), "coded so by at least " + (i + 1) + (i ? " coders" : " coder")]; });
      controls.minCoders = select(cf, "", mopts, function (v) { st.minCoders = parseInt(v, 10); update(); });
    }
  }
}
function resetFilters() {
  var keep = { grouped: st.grouped, expanded: st.expanded, pulled: st.pulled };
  st = freshState();
  st.grouped = keep.grouped; st.expanded = keep.expanded; st.pulled = keep.pulled;
  searchBox.value = "";
  shown.hits = null;
  results.hidden = true;
  buildFilters();
  buildSlider();
  update();
}
document.getElementById("gs-reset").addEventListener("click", resetFilters);

/* ---- time: the slider and the select are one state ---- */
var slider = document.getElementById("gs-step");
function steps() {
  var out = [{ kind: "all", i: -1 }];
  if (st.perTp) { TPS.forEach(function (tp, i) { out.push({ kind: "tp", i: i }); }); } else {
    OCC.forEach(function (o, i) { out.push({ kind: "occ", i: i }); });
  }
  return out;
}
function buildSlider() {
  if (!data.slider || OCC.length < 1) { return; }
  slider.max = String(steps().length - 1);
  document.getElementById("gs-controls").hidden = false;
}
function setTime(t) {
  st.time = t;
  var all = steps(), at = 0;
  all.forEach(function (s, i) { if (s.kind === t.kind && s.i === t.i) { at = i; } });
  slider.value = String(at);
  if (controls.time) { controls.time.value = t.kind === "all" ? "all" : t.kind + ":" + t.i; }
  update();
}
function setStep(i) {
  var all = steps();
  setTime(all[Math.max(0, Math.min(all.length - 1, i))]);
}
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
    if (next >= steps().length) { clearInterval(timer); timer = null; play.textContent = "Play"; return; }
    setStep(next);
  }, 1500);
});

/* ---- search ---- */
var searchTimer = null;
function runSearch(q) {
  st.query = q;
  var hits = searchHits(q);
  shown.hits = q.trim() ? hits : null;
  results.textContent = "";
  results.hidden = !q.trim();
  if (q.trim()) {
    var total = hits.people.length + hits.themes.length + hits.quotes.length;
    results.appendChild(el("div", total ? plural(total, "match", "matches") + " for \u201c" + q.trim() + "\u201d" : "nothing matches \u201c" + q.trim() + "\u201d", "gs-hint"));
    [["people", "People", hits.people], ["themes", "Themes", hits.themes], ["quotes", "Quotes", hits.quotes]].forEach(function (kind) {
      if (!kind[2].length) { return; }
      results.appendChild(el("h3", kind[1] + " (" + kind[2].length + ")"));
      var list = el("ul", null, "gs-hits");
      kind[2].slice(0, 30).forEach(function (id) {
        var li = el("li"), b = el("button", null, "gs-link");
        b.type = "button";
        if (kind[0] === "quotes") {
          var q5 = quoteInfo(id)[5] || "";
          b.textContent = id + " " + quoteInfo(id)[0] + ": " + (q5.length > 90 ? q5.slice(0, 89) + "\u2026" : q5);
          b.addEventListener("click", function () { api.showQuote(id); });
        } else {
          b.textContent = byId[id].name;
          b.addEventListener("click", function () { api.focus(id); });
        }
        li.appendChild(b);
        list.appendChild(li);
      });
      results.appendChild(list);
      if (kind[2].length > 30) { results.appendChild(el("div", "and " + (kind[2].length - 30) + " more", "gs-hint")); }
    });
  }
  update();
  return hits;
}
searchBox.addEventListener("input", function () {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(function () { runSearch(searchBox.value); }, 120);
});
searchBox.addEventListener("keydown", function (ev) {
  if (ev.key === "Enter") {
    clearTimeout(searchTimer);
    var hits = runSearch(searchBox.value);
    var first = hits.people[0] || hits.themes[0];
    if (first) { api.focus(first); } else if (hits.quotes[0]) { api.showQuote(hits.quotes[0]); }
  } else if (ev.key === "Escape") {
    searchBox.value = "";
    runSearch("");
  }
});

/* ---- the legend and the status line ---- */
function legend() {
  var list = document.getElementById("gs-legend-items");
  list.textContent = "";
  function item(mark, text) { var li = el("li"); if (mark) { li.appendChild(mark); } li.appendChild(el("span", text)); list.appendChild(li); }
  function line(c, dashed) { var m = el("span", null, "gs-line" + (dashed ? " dashed" : "")); m.style.borderTopColor = c; return m; }
  if (data.view !== "themes") { rolesShown.forEach(function (r) { item(swatchOf(r.shape, r.color), r.label + (r.focal ? " (focal)" : "")); }); }
  if (data.groups) { item(swatchOf("dot group", "#a0aab4"), "a group of people (dashed border): click to draw its members"); }
  themesShown.filter(function (n) { return !n.parent; }).forEach(function (n) {
    item(swatchOf(data.view === "themes" ? "dot" : "box", n.color), n.name);
  });
  if (themesShown.some(function (n) { return n.parent; })) { item(null, "sub-themes: a lighter shade of their theme (unless the codebook gives a colour)"); }
  var kinds = {};
  data.edges.forEach(function (e) { kinds[e.kind] = true; });
  Object.keys(S.edges).forEach(function (k) { if (kinds[k]) { item(line(S.edges[k].color, S.edges[k].dashes), S.edges[k].label); } });
  if (data.slider) {
    Object.keys(S.steps).forEach(function (k) { item(line(S.steps[k].color, S.steps[k].dashes), S.steps[k].label); });
    item(null, "faded: not interviewed at this occasion");
  }
  if (data.view === "dyad") { Object.keys(S.states).forEach(function (k) { item(line(S.states[k].color, false), "theme border: " + S.states[k].label); }); }
}
function counts() {
  var res = shown.res, c = { people: 0, peopleTotal: 0, themes: 0, themesTotal: 0, links: 0, linksTotal: 0, faded: 0,
                             drawnNodes: nodesDS.length, drawnEdges: edgesDS.length, groups: 0 };
  data.nodes.forEach(function (n) {
    var people = n.kind === "participant";
    c[people ? "peopleTotal" : "themesTotal"] += 1;
    if (res.nodes[n.id]) { c[people ? "people" : "themes"] += 1; if (res.nodes[n.id].faded) { c.faded += 1; } }
  });
  data.edges.forEach(function (e) {
    if (e.kind === "subtheme_of") { return; }
    c.linksTotal += 1;
    if (res.edges[e.id]) { c.links += 1; }
  });
  Object.keys(shown.nodes).forEach(function (id) { if (shown.nodes[id].group) { c.groups += 1; } });
  return c;
}
function status() {
  var c = counts();
  var text = "Showing " + (c.peopleTotal ? c.people.toLocaleString("en") + " of " + plural(c.peopleTotal, "person", "people") + " \u00b7 " : "") +
    c.themes + " of " + plural(c.themesTotal, "theme", "themes") + " \u00b7 " + c.links.toLocaleString("en") + " of " +
    plural(c.linksTotal, "link", "links");
  if (c.groups) { text += " \u00b7 drawn as " + plural(c.groups, "group", "groups") + " (click one to open it)"; }
  if (st.focus) { text += " \u00b7 focus: " + nameOf(st.focus) + " (Esc or click the background to clear)"; }
  document.getElementById("gs-status").textContent = text;
  var tally = shown.res.tally;
  document.getElementById("gs-occasion").textContent = st.time.kind === "all" ? "All occasions" : timeLabel();
  document.getElementById("gs-summary").textContent = st.time.kind === "all"
    ? "every theme link, over " + (st.perTp ? plural(TPS.length, "time point", "time points") : plural(OCC.length, "occasion", "occasions")) + " (width: quotes)"
    : tally.appears + " appear, " + tally.persists + " persist, " + tally.disappears + " disappear";
}
function update() {
  var t0 = performance.now();
  draw();
  status();
  if (st.selected) {
    var sel = st.selected;
    if ((sel.edge ? shown.edges : shown.nodes)[sel.id]) { showPanel(sel.id, sel.edge); } else { st.selected = null; closePanel(); }
  }
  api.lastUpdateMs = performance.now() - t0;
}
