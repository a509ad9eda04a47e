// The landing view: what is in the graph, before anyone types. The Explore stage draws the direct
// cooperation between the programme's cities (GET cooperation, nested in their provinces, hub and
// pilot roles shown); the panel counts the entities per type and the links per relation type
// (GET stats, MENTIONS left out: it is provenance) and offers the most connected places to start from.
import { get } from "./api.js";
import { toElements } from "./graph.js";
import { pathRelations } from "./ontology.js";
import { badge, clear, entityLink, fmtScore, h, message, readButton, relText } from "./dom.js";

const fmt = (n) => Number(n || 0).toLocaleString("en");

export async function showOverview(graph, inspector, { open, isCurrent }) {
  clear(inspector).append(h("div", { class: "panel overview", "data-testid": "overview" }, message("loading", "Reading the graph…")));
  graph.showOverlay(message("loading", "Drawing the overview…"));
  let stats, coop;
  try {
    [stats, coop] = await Promise.all([get("stats"), get("cooperation", { level: "city", limit: 120 })]);
  } catch (err) {
    if (isCurrent()) clear(inspector).append(message("error", err.message));
    return null;
  }
  if (!isCurrent()) return null;
  const walked = new Set(pathRelations());
  const nodes = Object.entries(stats.nodes || {}).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const rels = Object.entries(stats.relations || {}).filter(([k, v]) => v > 0 && (!walked.size || walked.has(k))).sort((a, b) => b[1] - a[1]);
  const places = [...(coop.nodes || [])].sort((a, b) => (b.weight || 0) - (a.weight || 0)).slice(0, 8);
  clear(inspector).append(h("div", { class: "panel overview", "data-testid": "overview" },
    h("h2", {}, "What is in this graph"),
    h("p", {}, `${fmt(nodes.reduce((s, [, v]) => s + v, 0))} entities and ${fmt(rels.reduce((s, [, v]) => s + v, 0))} links between them, from ${fmt(stats.documents)} documents (news articles and registration records). Every link carries the sentences that back it.`),
    h("ul", { class: "counts", "data-testid": "overview-counts" }, nodes.map(([label, n]) =>
      h("li", { dataset: { type: label } }, badge(label), h("span", { class: "count" }, fmt(n))))),
    h("details", {}, h("summary", {}, "Links by type"),
      h("ul", { class: "counts small", "data-testid": "overview-relations" }, rels.map(([t, n]) =>
        h("li", { dataset: { type: t } }, h("span", {}, relText(t)), h("span", { class: "count" }, fmt(n)))))),
    h("h3", {}, "Start with a place"),
    places.length ? h("ul", { class: "chips", "data-testid": "overview-places" }, places.map((p) => h("li", {}, entityLink(p, () => open(p.id)))))
      : message("empty", "No cooperation between places is stored yet."),
    h("p", { class: "muted small" }, "The map shows direct cooperation (agreements, joint bodies, joint projects) between cities, inside their provinces; red double rings are innovation hub cities, blue rings pilot cities. Click a city to explore it, a link for its evidence, or search above.")));
  graph.setTitle(h("span", {}, h("strong", {}, "Overview"), ` — direct cooperation between ${(coop.nodes || []).length} cities, ${(coop.edges || []).length} links`));
  if (!(coop.nodes || []).length) {
    graph.clearAll();
    graph.showOverlay(message("info", "Search for an entity to draw its neighbourhood."));
    return coop;
  }
  graph.showOverlay(null);
  const maxW = Math.max(1, ...(coop.edges || []).map((e) => Number(e.weight) || 0));
  const groups = coop.groups || [];
  const ids = new Set([...coop.nodes.map((n) => n.id), ...groups.map((g) => g.id)]);
  const inside = (p) => (p && ids.has(p) ? p : undefined);
  const roleOf = (n) => (n.roles || []).find((r) => /hub/i.test(r.role)) || (n.roles || []).find((r) => /pilot/i.test(r.role));
  const els = toElements(coop.nodes, (coop.edges || []).map((e) => ({ ...e, type: "COOPERATION" })), {
    nodeData: (n) => {
      const r = roleOf(n);
      return { size: 30, parent: inside(n.parent), role: r ? (/hub/i.test(r.role) ? "hub" : "pilot") : undefined,
        label: r ? `${n.name}\n${r.role}${r.year ? ` ${r.year}` : ""}` : n.name, overview: true };
    },
    edgeData: (e) => ({ undirected: true, layer: e.layer, width: +(1.5 + 9 * Math.sqrt((Number(e.weight) || 0) / maxW)).toFixed(2),
      opacity: 0.8, rel: `weight ${fmtScore(e.weight)}` }),
  });
  for (const el of els) if (el.group === "nodes") el.classes = "coop wrap";
  const boxes = groups.map((g) => ({ group: "nodes", data: { id: g.id, label: g.name, name: g.name, type: g.type, group: true, size: 30, parent: inside(g.parent) }, classes: "coop" }));
  graph.set([...boxes, ...els], { sizeBy: "none", layoutExtra: { idealEdgeLength: () => 110, nodeRepulsion: () => 9000, nestingFactor: 0.6 } });
  return coop;
}

// The evidence of one overview link, for the inspector.
export function overviewEdge(coop, id, names, go) {
  const e = (coop.edges || []).find((x) => `${x.source}|COOPERATION|${x.target}` === id);
  if (!e) return null;
  const a = names.get(e.source) || { id: e.source, name: e.source }, b = names.get(e.target) || { id: e.target, name: e.target };
  return h("div", { class: "panel edge-panel", "data-testid": "overview-edge" },
    h("p", { class: "eyebrow" }, "Direct cooperation"),
    h("h2", { class: "edge-title" }, entityLink(a, go), h("span", { class: "rel" }, "⇄"), entityLink(b, go)),
    h("ul", { class: "evidence" }, (e.evidence || []).map((ev) => h("li", { class: "evidence-item", "data-testid": "evidence-item" },
      h("div", { class: "ev-kind" }, ev.kind, ev.via ? `: ${ev.via.name}` : ""),
      (ev.sentences || []).slice(0, 3).map((s) => h("blockquote", {}, s)),
      (ev.documents || []).slice(0, 3).map((d) => readButton({ document: d, sentences: ev.sentences || [] }))))));
}
