// The network drawing: a cytoscape instance per view, with shared style, layouts and exports.
// When the vendored library is missing, a plain fallback lists the nodes and links instead.
import { entityLabels, labelStyles, symmetricRelations } from "./ontology.js";
import { UNKNOWN, badge, clear, download, h, prefersReducedMotion, relText, slug, styleOf } from "./dom.js";

export const hasCytoscape = () => typeof window.cytoscape === "function";
let fcoseRegistered = false;

function registerFcose() {
  if (fcoseRegistered || !hasCytoscape()) return fcoseRegistered;
  if (typeof window.cytoscapeFcose === "function") {
    try {
      window.cytoscape.use(window.cytoscapeFcose);
    } catch { /* already registered */ }
    fcoseRegistered = true;
  }
  return fcoseRegistered;
}

const EDGE_COLOR = "#94a3b8";
const HILITE = "#f59e0b";

function graphStyle() {
  const s = [
    { selector: "node", style: {
      "background-color": UNKNOWN.color, shape: "ellipse", width: "data(size)", height: "data(size)",
      label: "data(label)", "font-family": "system-ui, Roboto, Noto Sans, Noto Sans CJK SC, sans-serif",
      "font-size": 11, color: "#1e293b", "text-valign": "bottom", "text-margin-y": 4,
      "text-wrap": "ellipsis", "text-max-width": 140, "text-outline-color": "#ffffff", "text-outline-width": 2.5,
      "min-zoomed-font-size": 7, "border-width": 1.5, "border-color": "#ffffff", "overlay-padding": 4,
      "transition-property": "opacity", "transition-duration": "150ms",
    } },
    { selector: "node[?confusable]", style: { "border-width": 3, "border-style": "dashed", "border-color": "#dc2626", color: "#b91c1c" } },
    { selector: "node.wrap", style: { "text-wrap": "wrap", "text-max-width": 150 } },
    { selector: "node[?major]", style: { "min-zoomed-font-size": 0, "font-size": "data(fs)", "font-weight": 600, "z-index": 5,
      "text-outline-width": 3, "text-max-width": 320 } },
    { selector: "node[?center]", style: { "border-width": 4, "border-color": "#0f172a", "font-weight": 700, "font-size": 13, "z-index": 10 } },
    { selector: "node[?center][?major]", style: { "font-size": "data(fs)" } },
    { selector: "node[?endpoint]", style: { "border-width": 4, "border-color": "#0f172a", "font-weight": 700, "font-size": 13, "z-index": 10 } },
    { selector: "node[?expanded]", style: { "border-style": "double", "border-width": 4, "border-color": "#334155" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": HILITE, "overlay-opacity": 0 } },
    { selector: "node.loading", style: { "border-style": "dashed", "border-color": HILITE, "border-width": 3 } },
    { selector: "edge", style: {
      width: "data(width)", "line-color": EDGE_COLOR, "curve-style": "bezier", opacity: 0.85,
      "target-arrow-shape": "triangle", "target-arrow-color": EDGE_COLOR, "arrow-scale": 0.7,
      label: "", "font-size": 9, color: "#475569", "text-rotation": "autorotate", "text-background-color": "#ffffff",
      "text-background-opacity": 0.85, "text-background-padding": 1.5, "overlay-padding": 5,
    } },
    // A relation type without a direction (cooperation) has no arrow, and a colour of its own.
    ...symmetricRelations().map((type) => ({ selector: `edge[type = '${type}']`,
      style: { "line-color": "#0ea5e9", "target-arrow-shape": "none" } })),
    { selector: "edge[?undirected]", style: { "target-arrow-shape": "none", "line-color": "#0284c7", opacity: "data(opacity)" } },
    { selector: "edge[?undirected]:selected", style: { "line-color": HILITE, opacity: 1 } },
    { selector: "edge[?showLabel]", style: { label: "data(rel)" } },
    // pilot and hub places of the view, marked with their year by the timeline (timeline.js)
    { selector: "node.time-mark", style: { "border-width": 4, "border-color": "#d97706", "border-style": "double" } },
    { selector: "edge:selected", style: { "line-color": HILITE, "target-arrow-color": HILITE, opacity: 1, label: "data(rel)", "z-index": 20 } },
    { selector: "edge.hover", style: { label: "data(rel)", opacity: 1 } },
    { selector: ".faded", style: { opacity: 0.12 } },
    { selector: ".highlight", style: { opacity: 1 } },
    { selector: "edge.highlight", style: { "line-color": "#1d4ed8", "target-arrow-color": "#1d4ed8", "z-index": 15 } },
    { selector: ".hidden", style: { display: "none" } },
    // the cooperation map: provinces and cities as boxes around their places, programme roles, layers
    { selector: "node.coop", style: { "min-zoomed-font-size": 0, "font-size": 12 } },
    { selector: "node[?group], node:parent", style: { shape: "round-rectangle", "background-opacity": 0.05, "border-width": 1.5,
      "border-style": "dashed", "border-color": "#94a3b8", "text-valign": "top", "text-halign": "center", "text-margin-y": -4,
      "font-size": 12, "font-weight": 600, color: "#475569", padding: 14 } },
    { selector: "node[role = 'hub']", style: { "border-width": 5, "border-color": "#b91c1c", "border-style": "double" } },
    { selector: "node[role = 'pilot']", style: { "border-width": 4, "border-color": "#0369a1", "border-style": "solid" } },
    { selector: "edge[layer = 'shared']", style: { "line-style": "dashed", "line-dash-pattern": [6, 5], "line-color": "#a8a29e", opacity: 0.55 } },
    { selector: "edge[layer = 'shared']:selected", style: { "line-color": HILITE, opacity: 1 } },
  ];
  for (const [label, st] of labelStyles()) {
    s.push({ selector: `node[type = '${label}']`, style: { "background-color": st.color, shape: st.shape } });
  }
  return s;
}

// Node and edge elements from API nodes/edges; ids of edges are "source|TYPE|target".
export function toElements(nodes, edges, { nodeData = () => ({}), edgeData = () => ({}) } = {}) {
  const els = [];
  const seen = new Set();
  for (const n of nodes || []) {
    if (!n || !n.id || seen.has(n.id)) continue;
    seen.add(n.id);
    // a name mixing look-alike alphabets (the API's confusable flag) is marked, never shown as the plain name
    const label = n.confusable ? `⚠ ${n.name || n.id} (mixed scripts)` : n.name || n.id;
    els.push({ group: "nodes", data: { id: n.id, label, name: n.name || n.id, type: n.type || "", size: 26,
      confusable: !!n.confusable, ...nodeData(n) } });
  }
  const eseen = new Set();
  for (const e of edges || []) {
    if (!e || !seen.has(e.source) || !seen.has(e.target)) continue;
    const id = edgeId(e);
    if (eseen.has(id)) continue;
    eseen.add(id);
    els.push({ group: "edges", data: { id, source: e.source, target: e.target, type: e.type || "",
      rel: relText(e.type), weight: Number(e.weight) || 1, width: 1.6, ...edgeData(e) } });
  }
  return els;
}

export const edgeId = (e) => `${e.source}|${e.type || "REL"}|${e.target}`;

// Size nodes by how connected they are in this view (12..46 px).
export function sizeByDegree(cy, { min = 18, max = 46 } = {}) {
  const nodes = cy.nodes();
  let top = 1;
  nodes.forEach((n) => { top = Math.max(top, n.degree(false)); });
  nodes.forEach((n) => {
    const d = n.degree(false);
    n.data("size", Math.round(min + (max - min) * Math.sqrt(d / top)));
  });
}

export function layoutOptions(name, cy, extra = {}) {
  const n = cy.nodes(":visible").length;
  const animate = !prefersReducedMotion() && extra.animate !== false && n < 400;
  if (name === "fcose" && registerFcose()) {
    return { name: "fcose", quality: n > 150 ? "default" : "proof", randomize: true, animate,
      animationDuration: 450, fit: true, padding: 36, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 9000, idealEdgeLength: () => (n > 120 ? 70 : 95), edgeElasticity: () => 0.4,
      nestingFactor: 0.1, gravity: 0.3, gravityRange: 3.8, numIter: 2500, tile: true,
      packComponents: true, ...extra };
  }
  if (name === "fcose" || name === "cose") {
    return { name: "cose", animate: false, fit: true, padding: 36, nodeRepulsion: () => 9000,
      idealEdgeLength: () => 90, nodeDimensionsIncludeLabels: true, ...extra };
  }
  return { name, fit: true, padding: 36, animate: false, ...extra };
}

/**
 * A drawing surface in a view's stage. Methods: set(elements, layout), add(elements, layout),
 * layout(), fit(), clear(), exportPng/Svg/Json(), and `cy` (null without cytoscape).
 */
export class Graph {
  constructor(stage, { title = "", onNode, onEdge, onBackground, exportName = "view", exportData } = {}) {
    const tpl = document.getElementById("stage-template").content.cloneNode(true);
    stage.append(tpl);
    this.stage = stage;
    this.titleEl = stage.querySelector('[data-role="title"]');
    this.legendEl = stage.querySelector('[data-role="legend"]');
    this.container = stage.querySelector('[data-role="cy"]');
    this.overlay = stage.querySelector('[data-role="overlay"]');
    this.exportName = exportName;
    this.exportData = exportData || (() => ({}));
    this.layoutName = "fcose";
    this.setTitle(title);
    this.cy = null;
    if (hasCytoscape()) {
      registerFcose();
      this.cy = window.cytoscape({
        container: this.container, style: graphStyle(), elements: [],
        minZoom: 0.08, maxZoom: 4, boxSelectionEnabled: false, selectionType: "single",
        pixelRatio: "auto", motionBlur: false, textureOnViewport: false,
      });
      if (onNode) this.cy.on("tap", "node", (ev) => onNode(ev.target.data(), ev.target));
      if (onEdge) this.cy.on("tap", "edge", (ev) => onEdge(ev.target.data(), ev.target));
      this.cy.on("tap", (ev) => { if (ev.target === this.cy && onBackground) onBackground(); });
      this.cy.on("mouseover", "edge", (ev) => ev.target.addClass("hover"));
      this.cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
      this.cy.on("mouseover", "node, edge", () => { this.container.style.cursor = "pointer"; });
      this.cy.on("mouseout", "node, edge", () => { this.container.style.cursor = ""; });
    } else {
      this.container.classList.add("fallback");
      for (const b of stage.querySelectorAll('[data-action="fit"], [data-action="relayout"], [data-action="png"], [data-action="svg"]')) b.hidden = true;
      this.onNode = onNode;
      this.onEdge = onEdge;
    }
    stage.querySelector('[role="toolbar"]').addEventListener("click", (e) => {
      const b = e.target.closest("button[data-action]");
      if (b) this.action(b.dataset.action);
    });
    this.showOverlay(null);
    this.renderLegend([]);
    this.elementsCache = [];
  }

  setTitle(text) {
    clear(this.titleEl).append(text || "");
  }

  renderLegend(labels) {
    clear(this.legendEl);
    const present = entityLabels().filter((l) => labels.includes(l));
    for (const l of present) this.legendEl.append(badge(l));
  }

  showOverlay(node) {
    clear(this.overlay);
    if (node) this.overlay.append(node);
    this.overlay.hidden = !node;
  }

  // Replace everything. layout: "fcose" | "preset" (positions in data) | any cytoscape layout name.
  set(elements, { layout = "fcose", sizeBy = "degree", layoutExtra = {} } = {}) {
    this.elementsCache = elements;
    this.layoutName = layout;
    this.layoutExtra = layoutExtra;
    const labels = [...new Set(elements.filter((e) => e.group === "nodes").map((e) => e.data.type))];
    this.renderLegend(labels);
    if (!this.cy) return this.renderFallback();
    this.cy.stop();
    this.cy.elements().remove();
    this.cy.add(elements);
    if (sizeBy === "degree") sizeByDegree(this.cy);
    this.labelPolicy();
    this.layout({ animate: false });
    this.changed();
    return Promise.resolve();
  }

  // Add elements near an anchor node and lay out again incrementally.
  add(elements, anchorId) {
    if (!this.cy) {
      const ids = new Set(this.elementsCache.map((e) => e.data.id));
      this.elementsCache.push(...elements.filter((e) => !ids.has(e.data.id)));
      this.renderFallback();
      return [];
    }
    const fresh = elements.filter((e) => this.cy.getElementById(e.data.id).empty());
    if (!fresh.length) return [];
    const anchor = anchorId ? this.cy.getElementById(anchorId) : null;
    const p = anchor && anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
    const nodes = fresh.filter((e) => e.group === "nodes");
    nodes.forEach((e, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, nodes.length);
      e.position = { x: p.x + 60 * Math.cos(a), y: p.y + 60 * Math.sin(a) };
    });
    const added = this.cy.add(fresh);
    sizeByDegree(this.cy);
    this.labelPolicy();
    const labels = [...new Set(this.cy.nodes().map((n) => n.data("type")))];
    this.renderLegend(labels);
    this.layout({ randomize: false, fit: this.cy.nodes().length < 60 });
    this.changed();
    return added;
  }

  // Small drawings wrap long names; large ones name only their best-connected nodes when zoomed out.
  labelPolicy() {
    const nodes = this.cy.nodes();
    this.cy.batch(() => {
      nodes.toggleClass("wrap", nodes.length <= 80);
      nodes.forEach((n) => n.data("major", false));
      if (nodes.length > 60) {
        const ranked = nodes.sort((a, b) => b.degree(false) - a.degree(false));
        ranked.slice(0, Math.max(6, Math.round(nodes.length / 25))).union(nodes.filter("[?center]")).forEach((n) => n.data({ major: true, fs: n.data("fs") || 13 }));
      }
    });
  }

  // Fitting a small drawing must not blow it up: cap the zoom. In a large drawing, the names of the
  // best-connected nodes are sized to stay legible (about 12 px) at the zoom the fit chose.
  capZoom(max = 1.25) {
    if (this.cy.zoom() > max) {
      this.cy.zoom(max);
      this.cy.center(this.cy.elements(":visible"));
    }
    const fs = Math.round(Math.min(28, Math.max(13, 11 / this.cy.zoom())));
    this.cy.nodes("[?major]").data("fs", fs);
    // The cooperation map names every place and province: keep its names about 11 px on screen too,
    // widening the wrap with the font so that a name keeps its lines.
    const coop = this.cy.nodes(".coop");
    if (coop.nonempty()) {
      const cfs = Math.round(Math.min(32, Math.max(12, 11 / this.cy.zoom())));
      coop.style({ "font-size": cfs, "text-max-width": Math.round(150 * cfs / 12) });
      this.cy.fit(this.cy.elements(":visible"), 36);
    }
  }

  layout(extra = {}) {
    if (!this.cy || this.cy.nodes().empty()) return;
    if (this.layoutName === "preset") {
      this.cy.nodes().forEach((n) => { if (n.data("pos")) n.position(n.data("pos")); });
      this.cy.fit(this.cy.elements(":visible"), 56);
      this.capZoom(1.5);
      return;
    }
    const eles = this.cy.elements(":visible");
    const opts = layoutOptions(this.layoutName, this.cy, { ...this.layoutExtra, ...extra });
    this.running = eles.layout(opts);
    // The stage is busy while nodes move (assistive tech, and a test, wait for it before a click).
    this.layouts = (this.layouts || 0) + 1;
    this.container.setAttribute("aria-busy", "true");
    this.running.one("layoutstop", () => {
      if (opts.fit !== false) this.capZoom();
      if (--this.layouts <= 0) this.container.removeAttribute("aria-busy");
    });
    this.running.run();
  }

  fit() {
    if (this.cy && this.cy.nodes().nonempty()) this.cy.animate({ fit: { eles: this.cy.elements(":visible"), padding: 36 } }, { duration: prefersReducedMotion() ? 0 : 250 });
  }

  // After the stage becomes visible (tabs), cytoscape must measure its container again.
  shown() {
    if (!this.cy) return;
    this.cy.resize();
    if (this.cy.nodes().nonempty() && !this.fittedOnce) {
      this.fittedOnce = true;
      this.cy.fit(this.cy.elements(":visible"), 36);
      this.capZoom(this.layoutName === "preset" ? 1.5 : 1.25);
    }
  }

  clearAll() {
    this.elementsCache = [];
    this.renderLegend([]);
    if (this.cy) this.cy.elements().remove();
    else this.renderFallback();
    this.changed();
  }

  // Tell the page (the timeline) that the elements of this view changed.
  changed() {
    this.stage.dispatchEvent(new CustomEvent("innograph:changed", { bubbles: true }));
  }

  // The relation keys ("source|TYPE|target") of the edges in view.
  relationKeys() {
    const edges = this.cy ? this.cy.edges().map((e) => e.data()) : this.elementsCache.filter((e) => e.group === "edges").map((e) => e.data);
    return edges.map((d) => `${d.source}|${d.type}|${d.target}`);
  }

  action(name) {
    if (name === "fit") this.fit();
    else if (name === "relayout") this.layout({ randomize: true });
    else if (name === "png") this.exportPng();
    else if (name === "svg") this.exportSvg();
    else if (name === "json") this.exportJson();
  }

  filename(ext) {
    const stamp = new Date().toISOString().slice(0, 10);
    return `innograph-${slug(this.exportName)}-${stamp}.${ext}`;
  }

  exportPng() {
    if (!this.cy) return;
    const blob = this.cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 });
    download(this.filename("png"), blob);
  }

  exportSvg() {
    if (!this.cy) return;
    download(this.filename("svg"), new Blob([toSvg(this.cy, this.titleEl.textContent)], { type: "image/svg+xml" }));
  }

  currentElements() {
    if (!this.cy) {
      return {
        nodes: this.elementsCache.filter((e) => e.group === "nodes").map((e) => e.data),
        edges: this.elementsCache.filter((e) => e.group === "edges").map((e) => e.data),
      };
    }
    const visible = this.cy.elements(":visible");
    const strip = (d) => {
      const out = { ...d };
      delete out.label; delete out.size; delete out.width; delete out.pos; delete out.rel; delete out.showLabel;
      return out;
    };
    return {
      nodes: visible.nodes().map((n) => ({ ...strip(n.data()), x: Math.round(n.position("x")), y: Math.round(n.position("y")) })),
      edges: visible.edges().map((e) => strip(e.data())),
    };
  }

  exportJson() {
    const data = { generator: "InnoGraph explorer", exported: new Date().toISOString(), title: this.titleEl.textContent,
      ...this.exportData(), ...this.currentElements() };
    download(this.filename("json"), new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  }

  // Without cytoscape: a readable list of the links, each clickable like an edge would be.
  renderFallback() {
    const box = clear(this.container);
    const nodes = new Map(this.elementsCache.filter((e) => e.group === "nodes").map((e) => [e.data.id, e.data]));
    const edges = this.elementsCache.filter((e) => e.group === "edges").map((e) => e.data);
    if (!nodes.size) return Promise.resolve();
    box.append(h("p", { class: "fallback-note" }, `${nodes.size} entities, ${edges.length} links (the network drawing is unavailable).`));
    const ul = h("ul", { class: "fallback-list" });
    for (const e of edges.slice(0, 400)) {
      const s = nodes.get(e.source), t = nodes.get(e.target);
      ul.append(h("li", {},
        h("button", { type: "button", class: "linkish", onclick: () => this.onNode && this.onNode(s) }, s.name), " ",
        h("button", { type: "button", class: "rel linkish", onclick: () => this.onEdge && this.onEdge(e) }, relText(e.type)), " ",
        h("button", { type: "button", class: "linkish", onclick: () => this.onNode && this.onNode(t) }, t.name)));
    }
    box.append(ul);
    return Promise.resolve();
  }
}

// ---- SVG export: the drawing as vector shapes, using the positions and colours on screen ----
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

function polygon(shape, x, y, w, hgt) {
  const rx = w / 2, ry = hgt / 2;
  const pts = (arr) => arr.map(([px, py]) => `${(x + px * rx).toFixed(1)},${(y + py * ry).toFixed(1)}`).join(" ");
  const regular = (n, rot = -Math.PI / 2) => Array.from({ length: n }, (_, i) => [Math.cos(rot + (2 * Math.PI * i) / n), Math.sin(rot + (2 * Math.PI * i) / n)]);
  if (shape.includes("diamond")) return pts([[0, -1], [1, 0], [0, 1], [-1, 0]]);
  if (shape.includes("hexagon")) return pts(regular(6, 0));
  if (shape.includes("triangle")) return pts([[0, -1], [1, 1], [-1, 1]]);
  if (shape.includes("tag")) return pts([[-1, -1], [0.5, -1], [1, 0], [0.5, 1], [-1, 1]]);
  if (shape === "star") {
    return pts(Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + (Math.PI * i) / 5, r = i % 2 ? 0.45 : 1;
      return [r * Math.cos(a), r * Math.sin(a)];
    }));
  }
  return null;
}

// Greedy word wrap to lines of at most `max` characters (long words are cut).
function wrapText(text, max) {
  max = Math.max(8, Math.floor(max));
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/)) {
    if (!line) line = word;
    else if ((line + " " + word).length <= max) line += " " + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, 4).map((l) => (l.length > max + 4 ? l.slice(0, max + 3) + "…" : l));
}

export function toSvg(cy, title = "") {
  const els = cy.elements(":visible");
  const bb = els.boundingBox({ includeLabels: true });
  const pad = 24, top = title ? 28 : 0;
  const W = Math.ceil(bb.w + 2 * pad), H = Math.ceil(bb.h + 2 * pad + top);
  const ox = pad - bb.x1, oy = pad + top - bb.y1;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`];
  if (title) out.push(`<text x="${pad}" y="22" font-size="15" font-weight="600" fill="#0f172a">${esc(title)}</text>`);
  const markers = new Map();
  const marker = (col) => {
    if (!markers.has(col)) markers.set(col, `m${markers.size}`);
    return markers.get(col);
  };
  const edgeOut = [], labelOut = [];
  els.edges().forEach((e) => {
    const s = e.sourceEndpoint(), t = e.targetEndpoint();
    const col = e.style("line-color"), w = parseFloat(e.style("width")) || 1, op = parseFloat(e.style("opacity"));
    const mid = e.midpoint();
    const c = { x: 2 * mid.x - (s.x + t.x) / 2 + ox, y: 2 * mid.y - (s.y + t.y) / 2 + oy };
    const d = `M${(s.x + ox).toFixed(1)},${(s.y + oy).toFixed(1)} Q${c.x.toFixed(1)},${c.y.toFixed(1)} ${(t.x + ox).toFixed(1)},${(t.y + oy).toFixed(1)}`;
    const arrow = e.style("target-arrow-shape") !== "none" ? ` marker-end="url(#${marker(col)})"` : "";
    edgeOut.push(`<path d="${d}" stroke="${col}" stroke-width="${w}" stroke-opacity="${op}"${arrow}><title>${esc(e.source().data("name"))} ${esc(e.data("rel") || "")} ${esc(e.target().data("name"))}</title></path>`);
    const label = e.style("label") ? e.data("rel") : "";
    if (label) {
      let ang = (Math.atan2(t.y - s.y, t.x - s.x) * 180) / Math.PI;
      if (ang > 90) ang -= 180;
      if (ang < -90) ang += 180;
      const x = (mid.x + ox).toFixed(1), y = (mid.y + oy).toFixed(1);
      labelOut.push(`<text x="${x}" y="${y}" transform="rotate(${ang.toFixed(1)} ${x} ${y})" dy="3" font-size="${parseFloat(e.style("font-size")) || 9}" text-anchor="middle" fill="#475569" stroke="#ffffff" stroke-width="6" stroke-linejoin="round" paint-order="stroke">${esc(label)}</text>`);
    }
  });
  out.push("<defs>" + [...markers].map(([col, id]) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${col}"/></marker>`).join("") + "</defs>");
  out.push('<g class="edges" fill="none">', ...edgeOut, "</g>", '<g class="edge-labels">', ...labelOut);
  out.push("</g><g class=\"nodes\">");
  els.nodes().forEach((n) => {
    const p = n.position(), x = p.x + ox, y = p.y + oy;
    const w = n.width(), hh = n.height();
    const fill = n.style("background-color"), stroke = n.style("border-color"), sw = parseFloat(n.style("border-width")) || 0;
    const shape = n.style("shape");
    const poly = polygon(shape, x, y, w, hh);
    const common = `fill="${fill}" stroke="${stroke}" stroke-width="${sw}"`;
    let el;
    if (poly) el = `<polygon points="${poly}" ${common} stroke-linejoin="round"/>`;
    else if (shape.includes("rectangle")) el = `<rect x="${(x - w / 2).toFixed(1)}" y="${(y - hh / 2).toFixed(1)}" width="${w}" height="${hh}" rx="${Math.min(w, hh) / 4}" ${common}/>`;
    else el = `<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="${w / 2}" ry="${hh / 2}" ${common}/>`;
    const fs = parseFloat(n.style("font-size")) || 11;
    const label = n.data("label") || "";
    const lines = n.style("text-wrap") === "wrap" ? wrapText(label, (parseFloat(n.style("text-max-width")) || 150) / (fs * 0.56))
      : [label.length > 40 ? label.slice(0, 39) + "…" : label];
    const y0 = y + hh / 2 + 4 + fs;
    const tspans = lines.map((ln, i) => `<tspan x="${x.toFixed(1)}" y="${(y0 + i * fs * 1.15).toFixed(1)}">${esc(ln)}</tspan>`).join("");
    const weight = n.style("font-weight");
    out.push(`<g data-id="${esc(n.id())}" data-type="${esc(n.data("type"))}"><title>${esc(n.data("name"))} (${esc(n.data("type"))})</title>${el}` +
      `<text font-size="${fs}"${weight && weight !== "normal" ? ` font-weight="${weight}"` : ""} text-anchor="middle" fill="#1e293b" stroke="#ffffff" stroke-width="3" paint-order="stroke">${tspans}</text></g>`);
  });
  out.push("</g></svg>");
  return out.join("\n");
}

export { styleOf };
