/* graphstudy view, part 5 of 6: the current view as a picture for the paper, with no network:
 * PNG from the drawing canvas (as on screen, on white), SVG built from the drawn nodes and links
 * (every name set as text with the DOM, serialised by XMLSerializer, never parsed from a string). */
var SVG_NS = "http://www.w3.org/2000/svg";

function fileName(ext) {
  var base = data.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "graphstudy-view";
  return base + "." + ext;
}
function download(blob, name) {
  var url = URL.createObjectURL(blob), a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 2000);
}
function pngBlob(done) {
  var src = document.querySelector("#gs-graph canvas");
  var c = document.createElement("canvas");
  c.width = src.width;
  c.height = src.height;
  var ctx = c.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.drawImage(src, 0, 0);
  c.toBlob(done, "image/png");
}

function svgEl(tag, attrs, text) {
  var e = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs).forEach(function (k) { if (attrs[k] !== undefined && attrs[k] !== null) { e.setAttribute(k, String(attrs[k])); } });
  if (text !== undefined) { e.textContent = String(text); }
  return e;
}
function fillOf(c) { return (c && (c.background || c.color)) || "#bbbbbb"; }
function solid(c) {  /* the group's opacity fades the whole node in the SVG: its text colour stays solid */
  var m = /^rgba\((\d+),(\d+),(\d+),[^)]*\)$/.exec(c || "");
  return m ? "rgb(" + m[1] + "," + m[2] + "," + m[3] + ")" : (c || "#222222");
}
function boxSize(o) {
  var lines = String(o.label || "").split("\n"), size = (o.font && o.font.size) || 13;
  var w = Math.max.apply(null, lines.map(function (l) { return l.length; })) * size * 0.56 + 2 * (o.margin || 5);
  return { w: Math.max(w, 20), h: lines.length * (size + 3) + 2 * (o.margin || 5), lines: lines, size: size };
}
function starPoints(x, y, r) {
  var pts = [];
  for (var i = 0; i < 10; i += 1) {
    var a = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 ? r * 0.45 : r;
    pts.push((x + rr * Math.cos(a)).toFixed(1) + "," + (y + rr * Math.sin(a)).toFixed(1));
  }
  return pts.join(" ");
}
function reach(o, p, from) {  /* where a line from ``from`` meets the node drawn as ``o`` at ``p`` */
  var dx = p.x - from.x, dy = p.y - from.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
  var cut;
  if (o.shape === "box") {
    var b = boxSize(o);
    cut = Math.min(b.w / 2 / (Math.abs(dx) / len || 1e-9), b.h / 2 / (Math.abs(dy) / len || 1e-9));
  } else { cut = (o.size || 15) + 2; }
  return { x: p.x - dx / len * cut, y: p.y - dy / len * cut, ux: dx / len, uy: dy / len };
}
function buildSvg() {
  var ids = nodesDS.getIds(), pos = network.getPositions(ids), items = {};
  nodesDS.get().forEach(function (o) { items[o.id] = o; });
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  ids.forEach(function (id) {
    var o = items[id], p = pos[id], hw = 40, hh = 30;
    if (o.shape === "box") { var b = boxSize(o); hw = b.w / 2; hh = b.h / 2; } else {
      var lines = String(o.label || "").split("\n");
      hw = Math.max(o.size || 15, Math.max.apply(null, lines.map(function (l) { return l.length; })) * 3.8);
      hh = (o.size || 15) + lines.length * 16 + 4;
    }
    minX = Math.min(minX, p.x - hw); maxX = Math.max(maxX, p.x + hw); minY = Math.min(minY, p.y - hh); maxY = Math.max(maxY, p.y + hh);
  });
  if (!ids.length) { minX = minY = 0; maxX = maxY = 100; }
  var pad = 30, w = maxX - minX + 2 * pad, h = maxY - minY + 2 * pad + 24;
  var svg = svgEl("svg", { xmlns: SVG_NS, viewBox: [minX - pad, minY - pad, w, h].map(function (v) { return v.toFixed(1); }).join(" "),
                           width: Math.round(w), height: Math.round(h), "font-family": "Helvetica, Arial, sans-serif" });
  svg.appendChild(svgEl("title", {}, data.title));
  svg.appendChild(svgEl("desc", {}, document.getElementById("gs-status").textContent + " \u00b7 " + timeLabel()));
  svg.appendChild(svgEl("rect", { x: minX - pad, y: minY - pad, width: w, height: h, fill: "#ffffff" }));
  var edgeLayer = svgEl("g", { "class": "links" }), nodeLayer = svgEl("g", { "class": "nodes" });
  svg.appendChild(edgeLayer);
  svg.appendChild(nodeLayer);
  edgesDS.get().forEach(function (e) {
    var a = pos[e.from], b = pos[e.to];
    if (!a || !b) { return; }
    var c = e.color || {}, colourOf = c.color || "#888888", op = c.opacity === undefined ? 1 : c.opacity;
    var end = reach(items[e.to], b, a), start = reach(items[e.from], a, b);
    var g = svgEl("g", { opacity: op, "data-from": e.from, "data-to": e.to });
    g.appendChild(svgEl("line", { x1: (a.x + start.ux * 0).toFixed(1), y1: a.y.toFixed(1), x2: end.x.toFixed(1), y2: end.y.toFixed(1),
                                  stroke: colourOf, "stroke-width": e.width || 1,
                                  "stroke-dasharray": e.dashes ? (Array.isArray(e.dashes) ? e.dashes.join(" ") : "6 4") : null }));
    var arrows = e.arrows ? e.arrows.to.enabled : true;
    if (arrows) {
      var s = 7, px = -end.uy, py = end.ux;
      g.appendChild(svgEl("polygon", { fill: colourOf, points: [
        end.x.toFixed(1) + "," + end.y.toFixed(1),
        (end.x - end.ux * s + px * s / 2).toFixed(1) + "," + (end.y - end.uy * s + py * s / 2).toFixed(1),
        (end.x - end.ux * s - px * s / 2).toFixed(1) + "," + (end.y - end.uy * s - py * s / 2).toFixed(1)].join(" ") }));
    }
    if (e.label) {
      g.appendChild(svgEl("text", { x: ((a.x + b.x) / 2).toFixed(1), y: ((a.y + b.y) / 2).toFixed(1), "font-size": 10,
                                    "text-anchor": "middle", fill: "#333333", stroke: "#ffffff", "stroke-width": 3,
                                    "paint-order": "stroke" }, e.label));
    }
    edgeLayer.appendChild(g);
  });
  ids.forEach(function (id) {
    var o = items[id], p = pos[id], fill = fillOf(o.color), border = (o.color && o.color.border) || "#555555";
    var g = svgEl("g", { opacity: o.opacity === undefined ? 1 : o.opacity, "data-id": id });
    var lines = String(o.label || "").split("\n"), y0;
    if (o.shape === "box") {
      var b = boxSize(o);
      g.appendChild(svgEl("rect", { x: (p.x - b.w / 2).toFixed(1), y: (p.y - b.h / 2).toFixed(1), width: b.w.toFixed(1),
                                    height: b.h.toFixed(1), rx: 3, fill: fill, stroke: border, "stroke-width": o.borderWidth || 1 }));
      y0 = p.y - b.h / 2 + (o.margin || 5) + b.size;
      lines.forEach(function (l, i) {
        g.appendChild(svgEl("text", { x: p.x.toFixed(1), y: (y0 + i * (b.size + 3)).toFixed(1), "font-size": b.size,
                                      "text-anchor": "middle", fill: solid(o.font && o.font.color) }, l));
      });
    } else {
      var r = o.size || 15;
      if (o.shape === "star") { g.appendChild(svgEl("polygon", { points: starPoints(p.x, p.y, r), fill: fill, stroke: border })); } else {
        g.appendChild(svgEl("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r, fill: fill, stroke: border,
                                        "stroke-width": o.borderWidth || 1,
                                        "stroke-dasharray": o.shapeProperties && o.shapeProperties.borderDashes ? "5 3" : null }));
      }
      var size = (o.font && o.font.size) || 13;
      lines.forEach(function (l, i) {
        g.appendChild(svgEl("text", { x: p.x.toFixed(1), y: (p.y + r + size + 2 + i * (size + 2)).toFixed(1), "font-size": size,
                                      "text-anchor": "middle", fill: "#222222", stroke: "#ffffff", "stroke-width": 3,
                                      "paint-order": "stroke" }, l));
      });
    }
    nodeLayer.appendChild(g);
  });
  svg.appendChild(svgEl("text", { x: minX - pad + 8, y: minY - pad + h - 8, "font-size": 11, fill: "#666666" },
                        data.title + " \u00b7 " + timeLabel()));
  return new XMLSerializer().serializeToString(svg);
}
document.getElementById("gs-png").addEventListener("click", function () { pngBlob(function (b) { download(b, fileName("png")); }); });
document.getElementById("gs-svg").addEventListener("click", function () {
  download(new Blob([buildSvg()], { type: "image/svg+xml" }), fileName("svg"));
});
