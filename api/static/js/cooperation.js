// Cooperation: the network of cities (or regions); link thickness by weight, a click shows the evidence.
import { enc, get } from "./api.js";
import { loadAnswer, namer, viewFrame } from "./common.js";
import { toElements } from "./graph.js";
import { emptyInspector } from "./pathview.js";
import { attachSuggest } from "./suggest.js";
import { badge, clear, docRef, entityLink, fmtScore, h, message, readButton } from "./dom.js";

// The heaviest links drawn at most (the list and the JSON export say how many there are).
const EDGE_LIMIT = 150;
// A place's programme role, the strongest first: hub, then pilot.
function roleOf(n) {
  const rs = n.roles || [];
  const hub = rs.find((r) => /hub/i.test(r.role)), pilot = rs.find((r) => /pilot/i.test(r.role));
  if (hub) return ["hub", hub];
  if (pilot) return ["pilot", pilot];
  return [null, rs[0] || null];
}
const roleText = (r) => (r ? `${r.role}${r.year ? ` ${r.year}` : ""}` : "");

const KIND_TEXT = { cooperation: "cooperation agreement", project: "shared project or programme",
  organisation: "shared organisation", person: "shared person" };

export function initCooperation(root, app) {
  const form = root.querySelector('[data-testid="coop-form"]');
  const regionIn = root.querySelector("#coop-region");
  const minSel = root.querySelector("#coop-min");
  const sharedBox = root.querySelector("#coop-shared");
  const list = root.querySelector('[data-testid="coop-list"]');
  const state = { answer: null, edges: new Map(), names: new Map(), token: 0, loaded: false, focus: null };

  const frame = viewFrame(root, {
    exportName: "cooperation",
    onEdge: (d) => showEdge(d.id),
    onNode: (d) => showPartners(d),
    onBackground: () => summary(),
    exportData: () => ({ view: "cooperation", query: state.query, answer: state.answer }),
  });
  const { inspector, setState, graph } = frame;
  const region = attachSuggest(regionIn, { types: ["Region"], onSelect: () => run() });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  form.addEventListener("change", (e) => { if (e.target.name === "coop-level" || e.target === minSel || e.target === sharedBox) run(); });
  regionIn.addEventListener("input", () => { if (!regionIn.value.trim() && state.answer && state.answer.region) run(); });

  const level = () => form.querySelector('input[name="coop-level"]:checked').value;

  async function run() {
    const query = { level: level(), region: region.value() || undefined, min_weight: Number(minSel.value) || undefined,
      shared: sharedBox.checked || undefined, limit: EDGE_LIMIT };
    state.query = query;
    state.loaded = true;
    await loadAnswer(frame, state, { loading: "Drawing the cooperation network…", request: () => get("cooperation", query),
      show, onError: () => clear(list) });
  }

  function show(body) {
    state.answer = body;
    const nodes = body.nodes || [];
    const edges = (body.edges || []).map((e) => ({ ...e, type: "COOPERATION" }));
    state.names = new Map(nodes.map((n) => [n.id, n]));
    state.edges = new Map(edges.map((e) => [`${e.source}|COOPERATION|${e.target}`, e]));
    const maxW = Math.max(1, ...edges.map((e) => Number(e.weight) || 0));
    const maxN = Math.max(1, ...nodes.map((n) => Number(n.weight) || Number(n.degree) || 0));
    const where = body.region ? ` in ${body.region.name}` : "";
    graph.setTitle(h("span", {}, h("strong", {}, body.level === "region" ? "Regions" : "Cities"), where,
      ` — ${nodes.length} places, ${edges.length} links`));
    app.setHash("cooperation", [body.level || "city"].concat(body.region ? [body.region.id] : []));
    if (!nodes.length) {
      graph.clearAll();
      clear(list);
      graph.showOverlay(message("empty", "No cooperation found with these settings."));
      setState("ready");
      return;
    }
    graph.showOverlay(null);
    // province -> city -> district: containers are compound nodes (groups), places sit inside
    const groups = body.groups || [];
    const ids = new Set([...nodes.map((n) => n.id), ...groups.map((g) => g.id)]);
    const inside = (p) => (p && ids.has(p) ? p : undefined);
    const els = toElements(nodes, edges, {
      nodeData: (n) => {
        const [role, r] = roleOf(n);
        return { size: Math.round(20 + 34 * Math.sqrt((Number(n.weight) || Number(n.degree) || 0) / maxN)),
          role: role || undefined, roleText: roleText(r), label: r ? `${n.name}\n${roleText(r)}` : n.name, parent: inside(n.parent) };
      },
      edgeData: (e) => ({ undirected: true, layer: e.layer || "direct", width: +(1 + 11 * Math.sqrt((Number(e.weight) || 0) / maxW)).toFixed(2),
        opacity: +(0.18 + 0.77 * Math.sqrt((Number(e.weight) || 0) / maxW)).toFixed(2),
        rel: `weight ${fmtScore(e.weight)}` }),
    });
    for (const el of els) if (el.group === "nodes") el.classes = el.data.roleText ? "coop wrap" : "coop";
    const boxes = groups.map((g) => ({ group: "nodes", data: { id: g.id, label: g.name, name: g.name, type: g.type, group: true,
      size: 30, parent: inside(g.parent) }, classes: "coop" }));
    graph.set([...boxes, ...els], { sizeBy: "none", layoutExtra: { idealEdgeLength: () => 110, nodeRepulsion: () => 9000,
      nestingFactor: 0.6, gravityCompound: 1.5 } });
    clear(list);
    const strongest = [...edges].sort((a, b) => (b.weight || 0) - (a.weight || 0)).slice(0, 12);
    for (const e of strongest) {
      const id = `${e.source}|COOPERATION|${e.target}`;
      list.append(h("li", { class: "card link-card", "data-testid": "coop-item", tabindex: "0",
        onclick: () => focusEdge(id), onkeydown: (ev) => { if (ev.key === "Enter") focusEdge(id); } },
      h("span", { class: "pair-names" }, nameOf(e.source).name, h("span", { class: "muted" }, " ⇄ "), nameOf(e.target).name),
      h("span", { class: "score" }, fmtScore(e.weight))));
    }
    summary();
    setState("ready");
    if (state.focus) {
      const f = state.focus;
      state.focus = null;
      if (graph.cy && graph.cy.getElementById(f.id).nonempty()) {
        graph.cy.getElementById(f.id).select();
        showPartners({ id: f.id, name: f.name, type: f.type });
      }
    }
  }

  const nameOf = namer(state);
  const rolesOf = (id) => {
    const a = state.answer || {};
    const n = [...(a.nodes || []), ...(a.groups || [])].find((x) => x.id === id);
    return (n && n.roles) || [];
  };

  function focusEdge(id) {
    if (graph.cy) {
      graph.cy.elements().unselect();
      graph.cy.getElementById(id).select();
    }
    showEdge(id);
  }

  function summary() {
    emptyInspector(inspector, "Cooperation network",
      "Each link joins two places that cooperate directly: an agreement, a joint body or a joint project. The thicker the link, the more evidence. Shared programme membership is a layer of its own (dashed), off by default. Places sit inside their province (and districts inside their city); innovation hub cities have a red double ring, pilot cities a blue ring, with the year. Click a link for its evidence, or a place for its partners.");
  }

  function showEdge(id) {
    const e = state.edges.get(id);
    if (!e) return;
    const a = nameOf(e.source), b = nameOf(e.target);
    const kinds = Object.entries(e.kinds || {}).sort((x, y) => y[1] - x[1]);
    const go = (n) => app.go("explore", { open: n.id });
    clear(inspector).append(h("div", { class: "panel edge-panel", "data-testid": "coop-evidence", dataset: { id } },
      h("p", { class: "eyebrow" }, "Cooperation"),
      h("h2", { class: "edge-title" }, entityLink(a, go), h("span", { class: "rel" }, "⇄"), entityLink(b, go)),
      h("dl", { class: "props" }, h("dt", {}, "weight"), h("dd", {}, fmtScore(e.weight)),
        kinds.map(([k, v]) => [h("dt", {}, KIND_TEXT[k] || k), h("dd", {}, fmtScore(v))])),
      h("div", { class: "actions" }, h("button", { type: "button", class: "small",
        onclick: () => app.go("paths", { from: a, to: b }) }, "Show paths between them")),
      h("h3", {}, "Evidence"),
      (e.evidence || []).length ? h("ul", { class: "evidence", "data-testid": "evidence-list" }, e.evidence.map((ev) => h("li", { class: "evidence-item", "data-testid": "evidence-item" },
        h("div", { class: "ev-kind", dataset: { layer: ev.layer || "direct" } }, KIND_TEXT[ev.kind] || ev.kind || "link",
          ev.layer === "shared" ? " (shared membership)" : "", ev.via ? [": ", entityLink(ev.via, go)] : null,
          ev.weight !== undefined ? h("span", { class: "muted small" }, ` (${fmtScore(ev.weight)})`) : null),
        (ev.sentences || []).slice(0, 6).map((s) => h("blockquote", {}, s)),
        (ev.documents || []).length ? h("ul", { class: "sources" }, ev.documents.slice(0, 6).map((d) => h("li", {}, docRef(d),
          readButton({ document: d, sentences: ev.sentences || [] })))) : null)))
        : message("empty", "No evidence stored for this link.")));
  }

  async function showPartners(d) {
    const place = { id: d.id, name: d.name, type: d.type };
    const box = h("div", {}, message("loading", "Loading partners…"));
    clear(inspector).append(h("div", { class: "panel node-panel", "data-testid": "coop-partners" },
      h("div", { class: "panel-head" }, badge(place.type), h("h2", {}, place.name)),
      rolesOf(place.id).length ? h("ul", { class: "chips", "data-testid": "coop-roles" }, rolesOf(place.id).map((r) =>
        h("li", {}, `${roleText(r)} · ${(r.project && r.project.name) || ""}`))) : null,
      h("div", { class: "actions" }, h("button", { type: "button", class: "small", onclick: () => app.go("explore", { open: place.id }) }, "Explore")),
      h("h3", {}, "Partners"), box));
    try {
      const body = await get(`cooperation/${enc(place.id)}`, { shared: sharedBox.checked || undefined });
      const partners = body.partners || [];
      clear(box).append(partners.length ? h("ol", { class: "cards compact" }, partners.map((p) => h("li", { class: "card link-card" },
        entityLink(p.partner, () => {
          const id1 = `${place.id}|COOPERATION|${p.partner.id}`, id2 = `${p.partner.id}|COOPERATION|${place.id}`;
          focusEdge(state.edges.has(id1) ? id1 : id2);
        }),
        h("span", { class: "score" }, fmtScore(p.weight)))))
        : message("empty", "No partner found."));
    } catch (err) {
      clear(box).append(message("error", err.message));
    }
  }

  summary();
  graph.showOverlay(message("info", "Loading…"));

  return {
    graph,
    shown() {
      graph.shown();
      if (!state.loaded) run();
    },
    route(parts) {
      if (parts[0] === "region" || parts[0] === "city") form.querySelector(`input[value="${parts[0]}"]`).checked = true;
      if (parts[1]) region.setValue({ id: parts[1], name: parts[1] });
      run();
    },
    prefill({ level: lv, focus }) {
      if (lv) form.querySelector(`input[value="${lv}"]`).checked = true;
      state.focus = focus || null;
      run();
    },
  };
}
