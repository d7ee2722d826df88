/* graphstudy view, part 3 of 6: the hover summary and the side panel that lists the quotes behind
 * the selected person, theme, group or link (selectable, and copied with their citations). */
var MAX_PANEL = 200;
var panelQuotes = [];

function el(tag, text, cls) {
  var e = document.createElement(tag);
  if (text !== undefined && text !== null) { e.textContent = String(text); }
  if (cls) { e.className = cls; }
  return e;
}
function row(box, key, value) {
  var line = el("div", null, "gs-row");
  line.appendChild(el("span", key + ": ", "gs-key"));
  line.appendChild(el("span", value));
  box.appendChild(line);
}
function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }
function coderNames(idx) { return idx.map(function (i) { return data.coders[i] || NO_CODER; }); }
function nameOf(id) {
  if (groupById[id]) { return groupById[id].label; }
  return byId[id] ? byId[id].name : id;
}
function linkTitle(from, to, kind) {
  return nameOf(from) + (kind === "co_occurrence" ? " \u2014 " : " \u2192 ") + nameOf(to);
}

/* ---- hover: a short summary; the quotes are in the panel ---- */
var tip = document.getElementById("gs-tip");
function summaryOf(id, isEdge) {
  var box = el("div", null, "gs-tip");
  if (isEdge) {
    var d = shown.edges[id];
    if (!d) { return box; }
    if (d.sum) {
      box.appendChild(el("strong", linkTitle(d.from, d.to, d.kind)));
      row(box, d.kind === "relationship" ? "relationships" : "quotes", d.count.toLocaleString("en"));
    } else {
      var e = edgeById[d.raw], keep = shown.res.edges[d.raw];
      box.appendChild(el("strong", linkTitle(e.from, e.to, e.kind)));
      detailsOf(e).forEach(function (r) { row(box, r[0], r[1]); });
      if (keep.change) { row(box, timeLabel(), plural(keep.count, "quote", "quotes") + ", " + keep.change); } else if (keep.units && e.kind === "theme_link") {
        row(box, "shown", plural(keep.count, "quote", "quotes"));
      }
    }
  } else if (groupById[id]) {
    box.appendChild(el("strong", groupById[id].label));
    row(box, "people shown", String(shown.nodes[id] ? shown.nodes[id].count : 0));
    box.appendChild(el("div", "Click to draw everyone in this group.", "gs-hint"));
    return box;
  } else {
    var n = byId[id];
    box.appendChild(el("strong", n.name));
    detailsOf(n).forEach(function (r) { row(box, r[0], r[1]); });
  }
  box.appendChild(el("div", "Click for the quotes.", "gs-hint"));
  return box;
}
function showTip(id, isEdge, pointer) {
  tip.textContent = "";
  tip.appendChild(summaryOf(id, isEdge));
  var r = document.getElementById("gs-graph").getBoundingClientRect();
  tip.style.left = Math.min(window.innerWidth - 380, r.left + pointer.x + 14) + "px";
  tip.style.top = (r.top + pointer.y + 14 + window.scrollY) + "px";
  tip.hidden = false;
}
function hideTip() { tip.hidden = true; }

/* ---- the panel ---- */
var panelTitle = document.getElementById("gs-panel-title"), panelBody = document.getElementById("gs-panel-body");
var copyButton = document.getElementById("gs-copy");
function quoteMeta(qid, coders) {
  var q = quoteInfo(qid);
  var bits = [qid];
  if (q) {
    bits.push(q[0]);
    if (q[1] >= 0) { bits.push(OCC[q[1]].label); }
  }
  var named = (coders || []).filter(function (i) { return data.coders[i]; });
  if (named.length) { bits.push("coded by " + coderNames(named).join(", ")); }
  if (q && q[2]) { bits.push("stance " + q[2]); }
  if (q && q[3]) { bits.push("cited as " + q[3]); }
  if (q && q[4]) { bits.push("about " + q[4].split(";").join(", ")); }
  return bits;
}
function quoteBlock(box, qid, coders) {
  var q = quoteInfo(qid), text = q ? q[5] : null;
  var item = el("div", null, "gs-q");
  item.appendChild(text === null || text === undefined
    ? el("div", data.redacted.quotes ? "[quote text redacted]" : "[quote text not in this file]", "gs-qtext gs-none")
    : el("blockquote", "\u201c" + text + "\u201d", "gs-qtext"));
  item.appendChild(el("div", quoteMeta(qid, coders).join(" \u00b7 "), "gs-meta"));
  box.appendChild(item);
  var known = panelQuotes.filter(function (p) { return p[0] === qid; })[0];
  if (!known) { panelQuotes.push([qid, coders.slice()]); return; }  /* one quote under two themes is copied once */
  coders.forEach(function (c) { if (known[1].indexOf(c) < 0) { known[1].push(c); } });
  known[1].sort(function (a, b) { return a - b; });
}
function copyText() {
  return panelQuotes.map(function (p) {
    var q = quoteInfo(p[0]), text = q ? q[5] : null, meta = quoteMeta(p[0], p[1]);
    var said = text === null || text === undefined ? "[quote text not in this file]" : "\u201c" + text + "\u201d";
    return said + " (" + meta.slice(1).join("; ") + ") [" + meta[0] + "]";
  }).join("\n");
}
function openPanel(title) {
  panelTitle.textContent = title;
  panelBody.textContent = "";
  panelQuotes = [];
  document.getElementById("gs-copied").textContent = "";
}
function closePanel() {
  openPanel("Details");
  panelBody.appendChild(el("p", "Click a person, a theme or a link to list its quotes here.", "gs-hint"));
  copyButton.hidden = true;
}
function listUnits(box, units, limit) {
  var byOcc = {};
  units.forEach(function (u) { (byOcc[u[1]] = byOcc[u[1]] || []).push(u); });
  var done = 0;
  Object.keys(byOcc).map(Number).sort(function (a, b) { return a - b; }).forEach(function (o) {
    if (done >= limit) { return; }
    box.appendChild(el("h4", o >= 0 ? OCC[o].label : "occasion not known"));
    byOcc[o].forEach(function (u) { if (done < limit) { quoteBlock(box, u[0], u[2]); done += 1; } });
  });
  if (units.length > limit) { box.appendChild(el("p", "and " + plural(units.length - limit, "more quote", "more quotes") + " (filter to narrow)", "gs-hint")); }
}
function dyadTable(box, n) {
  var a = data.nodes.filter(function (x) { return x.side === "a"; })[0], b = data.nodes.filter(function (x) { return x.side === "b"; })[0];
  if (!a || !b) { return; }
  var table = el("table", null, "gs-dyad"), head = el("tr");
  ["occasion", a.name, b.name, "voiced", "state", "trend"].forEach(function (h) { head.appendChild(el("th", h)); });
  table.appendChild(head);
  OCC.forEach(function (o) {
    var r = n.dyad[o.id];
    if (!r) { return; }
    var tr = el("tr");
    [o.label, r.a_count + (r.a_stance ? " (" + r.a_stance + ")" : ""), r.b_count + (r.b_stance ? " (" + r.b_stance + ")" : ""),
     r.voiced.replace(/^only a$/, "only " + a.name).replace(/^only b$/, "only " + b.name) + (r.stances ? ", " + r.stances : ""), r.state || "\u2014", r.trend || ""].forEach(function (c) { tr.appendChild(el("td", c)); });
    table.appendChild(tr);
  });
  box.appendChild(table);
  if (st.coder >= 0 || st.minCoders > 1) {
    box.appendChild(el("p", "The states are read with the command's coding rule (--coder, --min-coders), not with " +
                            "the coder filter of this page.", "gs-hint"));
  }
}
function showPanel(id, isEdge) {
  var res = shown.res;
  if (isEdge) {
    var d = shown.edges[id];
    if (!d) { closePanel(); return; }
    var raws = shown.raw[id] || [];
    var first = edgeById[raws[0]];
    openPanel(d.sum ? linkTitle(d.from, d.to, d.kind) : linkTitle(first.from, first.to, first.kind));
    if (!d.sum) { detailsOf(first).forEach(function (r) { row(panelBody, r[0], r[1]); }); }
    if (first && first.kind === "co_occurrence") {
      var ivs = res.edges[first.id].units;
      row(panelBody, "interviews shown", String(ivs.length));
      panelBody.appendChild(el("div", ivs.map(function (u) { return u[0] + (u[1] >= 0 ? " (" + OCC[u[1]].label + ")" : ""); }).join(", "), "gs-meta"));
      copyButton.hidden = true;
      return;
    }
    var units = [];
    raws.forEach(function (r) { units = units.concat(res.edges[r].units || []); });
    if (d.sum) { row(panelBody, "links", String(raws.length)); }
    if (stepMode()) { row(panelBody, "shown", timeLabel()); }
    listUnits(panelBody, units, MAX_PANEL);
  } else if (groupById[id]) {
    var g = groupById[id];
    openPanel(g.label);
    row(panelBody, "grouped by", data.groups.by);
    var ms = (members[id] || []).filter(function (m) { return res.nodes[m]; });
    row(panelBody, "people shown", String(ms.length));
    var open = el("button", "Draw everyone in this group");
    open.type = "button";
    open.addEventListener("click", function () { api.expand(id); });
    panelBody.appendChild(open);
    var list = el("ul", null, "gs-members");
    ms.slice(0, MAX_PANEL).forEach(function (m) {
      var li = el("li"), a = el("button", byId[m].name, "gs-link");
      a.type = "button";
      a.addEventListener("click", function () { api.focus(m); });
      li.appendChild(a);
      list.appendChild(li);
    });
    panelBody.appendChild(list);
    if (ms.length > MAX_PANEL) { panelBody.appendChild(el("p", "and " + (ms.length - MAX_PANEL) + " more", "gs-hint")); }
  } else {
    var n = byId[id];
    openPanel(n.name);
    detailsOf(n).forEach(function (r) { row(panelBody, r[0], r[1]); });
    if (n.dyad) { dyadTable(panelBody, n); }
    var links = (incident[id] || []).filter(function (e) { return res.edges[e.id] && res.edges[e.id].units; });
    var total = 0, done = 0;
    var distinct = {};
    links.forEach(function (e) { res.edges[e.id].units.forEach(function (u) { distinct[u[0]] = true; }); });
    total = Object.keys(distinct).length;
    if (stepMode()) { row(panelBody, "shown", timeLabel()); }
    row(panelBody, n.kind === "theme" ? "linked" : "theme links shown", plural(links.length, "link", "links") + ", " + plural(total, "quote", "quotes"));
    links.forEach(function (e) {
      var other = e.from === id ? e.to : e.from, us = res.edges[e.id].units;
      if (done >= MAX_PANEL || e.kind === "co_occurrence" || !us.length) { return; }
      panelBody.appendChild(el("h3", nameOf(other) + " (" + us.length + ")"));
      listUnits(panelBody, us, MAX_PANEL - done);
      done += us.length;
    });
  }
  copyButton.hidden = panelQuotes.length === 0;
  copyButton.textContent = "Copy " + plural(panelQuotes.length, "quote", "quotes");
}
function copyPanel() {
  var text = copyText(), note = document.getElementById("gs-copied");
  api.copied = text;
  function fallback() {
    var range = document.createRange();
    range.selectNodeContents(panelBody);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    note.textContent = ok ? "copied (as shown)" : "select the quotes and copy them (Ctrl+C)";
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function () { note.textContent = "copied " + plural(panelQuotes.length, "quote", "quotes"); }, fallback);
  } else { fallback(); }
}
copyButton.addEventListener("click", copyPanel);
