// Drawing paths (path finder and matching): endpoints left and right, one row per path.
import { edgeId, toElements } from "./graph.js";
import { badge, clear, entityLink, evidenceList, h, message, relText } from "./dom.js";

const ROW = 120;

// Elements for a list of paths (CONTRACT.md path shape), laid out as a left-to-right diagram whose
// steps fit the canvas width (`room`, pixels) at zoom 1 when they can.
export function pathElements(paths, fromId, toId, room = 900) {
  const pos = new Map();
  const longest = Math.max(1, ...paths.map((p) => p.hops || p.edges.length || 1));
  const step = Math.max(150, Math.min(260, (room - 200) / longest));
  const width = longest * step;
  const nodes = [];
  const edges = [];
  paths.forEach((p, i) => {
    const row = i === 0 ? 0 : (i % 2 ? -1 : 1) * Math.ceil(i / 2) * ROW;
    const n = p.nodes.length;
    p.nodes.forEach((node, j) => {
      nodes.push(node);
      if (pos.has(node.id)) return;
      const x = node.id === fromId ? 0 : node.id === toId ? width : (j / Math.max(1, n - 1)) * width;
      const y = node.id === fromId || node.id === toId ? 0 : row;
      pos.set(node.id, { x, y });
    });
    edges.push(...p.edges);
  });
  const els = toElements(nodes, edges, {
    nodeData: (node) => ({ pos: pos.get(node.id), endpoint: node.id === fromId || node.id === toId, size: node.id === fromId || node.id === toId ? 40 : 30 }),
    edgeData: (e) => ({ showLabel: true, width: 2.2 + Math.min(4, (Number(e.weight) || 1) - 1) }),
  });
  for (const el of els) if (el.group === "nodes") el.position = { ...el.data.pos };
  return els;
}

// Highlight one path's elements (index into paths), fading the rest; null clears.
export function highlightPath(cy, paths, index) {
  if (!cy) return;
  cy.batch(() => {
    cy.elements().removeClass("faded highlight");
    if (index === null || index === undefined || !paths[index]) return;
    const p = paths[index];
    const ids = new Set([...p.nodes.map((n) => n.id), ...p.edges.map(edgeId)]);
    cy.elements().forEach((el) => el.addClass(ids.has(el.id()) ? "highlight" : "faded"));
  });
}

// A path as a readable chain: A —rel→ B —rel→ C.
export function pathChain(p, onEntity) {
  const parts = [];
  p.nodes.forEach((n, j) => {
    parts.push(entityLink(n, onEntity));
    if (j < p.edges.length) {
      const e = p.edges[j];
      const forward = e.source === n.id;
      parts.push(h("span", { class: "rel", title: e.type }, forward ? `${relText(e.type)} →` : `← ${relText(e.type)}`));
    }
  });
  return h("div", { class: "chain" }, parts);
}

// Inspector content for one clicked edge of a path answer.
export function edgePanel(edge, nameOf, onEntity) {
  const s = nameOf(edge.source), t = nameOf(edge.target);
  const n = edge.weight || new Set((edge.evidence || []).map((e) => e.document)).size || 1;
  const props = Object.entries(edge.properties || {});
  return h("div", { class: "panel edge-panel", "data-testid": "edge-panel", dataset: { id: edgeId(edge) } },
    h("p", { class: "eyebrow" }, "Link"),
    h("h2", { class: "edge-title" }, entityLink(s, onEntity), h("span", { class: "rel" }, relText(edge.type)), entityLink(t, onEntity)),
    h("p", { class: "muted" }, `Backed by ${n} document${n > 1 ? "s" : ""}.`),
    props.length ? h("dl", { class: "props" }, props.map(([k, v]) => [h("dt", {}, k), h("dd", {}, Array.isArray(v) ? v.join(", ") : String(v))])) : null,
    h("h3", {}, "Evidence"),
    evidenceList(edge.evidence));
}

// Inspector content for a clicked node: what it is, and where to go from it.
export function nodePanel(node, app) {
  return h("div", { class: "panel node-panel", "data-testid": "node-panel", dataset: { id: node.id } },
    h("div", { class: "panel-head" }, badge(node.type), h("h2", {}, node.name), h("code", { class: "id" }, node.id)),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "small", onclick: () => app.go("explore", { open: node.id }) }, "Explore its neighbourhood"),
      h("button", { type: "button", class: "small", onclick: () => app.go("paths", { from: node }) }, "Find paths from here")));
}

export function emptyInspector(el, title, text) {
  clear(el).append(h("div", { class: "panel intro" }, h("h2", {}, title), h("p", {}, text)));
}

export { message };
