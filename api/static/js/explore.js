// Explore: search an entity, read its panel, and grow its neighbourhood network by clicking.
import { enc, get } from "./api.js";
import { linkEvidence, relationEvidence } from "./evidence.js";
import { Graph, toElements } from "./graph.js";
import { entityLabels, pathRelations } from "./ontology.js";
import { overviewEdge, showOverview } from "./overview.js";
import { attachSuggest } from "./suggest.js";
import { badge, clear, confusableMark, docTitle, entityLink, evidenceList, h, message, readButton, relText, styleOf } from "./dom.js";

const EXPAND_LIMIT = 40;

export function initExplore(root, app) {
  const input = root.querySelector("#search-input");
  const inspector = root.querySelector(".inspector");
  const depthSel = root.querySelector("#explore-depth");
  const limitSel = root.querySelector("#explore-limit");
  const state = { center: null, answer: null, expanded: new Set(), hoods: new Map(), shownId: null, token: 0 };

  const setState = (s) => { root.dataset.state = s; };

  const graph = new Graph(root.querySelector("[data-stage]"), {
    exportName: "explore",
    onNode: (d) => nodeClicked(d),
    onEdge: (d) => (state.overview ? clear(inspector).append(overviewEdge(state.overview, d.id,
      new Map(state.overview.nodes.map((n) => [n.id, n])), (n) => open(n.id)) || "") : showEdge(d)),
    onBackground: () => state.center && showEntity(state.center.id),
    exportData: () => ({ view: "explore", center: state.center, depth: Number(depthSel.value),
      expanded: [...state.expanded], filters: { labels: checked(labelBox), relations: checked(relBox) } }),
  });

  const suggest = attachSuggest(input, { onSelect: (hit) => open(hit.id) });
  input.closest("form")?.addEventListener("submit", (e) => e.preventDefault());
  input.addEventListener("keydown", (e) => {
    // Enter without a highlighted suggestion: open the best match for the typed text.
    if (e.key === "Enter" && !e.defaultPrevented && input.value.trim()) open(input.value.trim());
  });

  // ---- filters (applied in the browser: instant, and kept while nodes are expanded) ----
  const labelBox = root.querySelector('[data-testid="filter-labels"]');
  const relBox = root.querySelector('[data-testid="filter-relations"]');
  for (const l of entityLabels()) {
    labelBox.append(h("label", { class: "check chip", style: `--c:${styleOf(l).color}` },
      h("input", { type: "checkbox", value: l, checked: true, "data-testid": `filter-label-${l}` }),
      h("span", { class: "glyph", "aria-hidden": "true" }, styleOf(l).glyph), l));
  }
  for (const r of pathRelations()) {
    relBox.append(h("label", { class: "check" },
      h("input", { type: "checkbox", value: r, checked: true, "data-testid": `filter-rel-${r}` }), relText(r)));
  }
  labelBox.addEventListener("change", applyFilters);
  relBox.addEventListener("change", applyFilters);
  depthSel.addEventListener("change", () => state.center && open(state.center.id));
  limitSel.addEventListener("change", () => state.center && open(state.center.id));

  function checked(box) {
    return [...box.querySelectorAll("input:checked")].map((i) => i.value);
  }

  function unchecked(box) {
    return [...box.querySelectorAll("input:not(:checked)")].map((i) => i.value);
  }

  function applyFilters() {
    const cy = graph.cy;
    if (!cy) return;
    // Hide what is unticked (a type without a box, should the ontology not have loaded, stays shown).
    const labels = new Set(unchecked(labelBox));
    const rels = new Set(unchecked(relBox));
    cy.batch(() => {
      cy.elements().removeClass("hidden");
      cy.nodes().forEach((n) => { if (!n.data("center") && labels.has(n.data("type"))) n.addClass("hidden"); });
      cy.edges().forEach((e) => {
        if (rels.has(e.data("type")) || e.source().hasClass("hidden") || e.target().hasClass("hidden")) e.addClass("hidden");
      });
      // Drop what the filters cut off from the centre (classes, not :visible: styles wait for the batch).
      const center = cy.nodes("[?center]");
      if (center.nonempty()) {
        const reached = cy.elements().not(".hidden").bfs({ roots: center, directed: false }).path;
        cy.nodes().not(".hidden").forEach((n) => { if (!reached.has(n)) n.addClass("hidden"); });
      }
    });
    updateTitle();
  }

  function updateTitle() {
    if (!state.center) return graph.setTitle("");
    const cy = graph.cy;
    const n = cy ? cy.nodes(":visible").length : state.answer.nodes.length;
    const m = cy ? cy.edges(":visible").length : state.answer.edges.length;
    graph.setTitle(h("span", {}, h("strong", {}, state.center.name), ` — ${n} entities, ${m} links`));
  }

  // ---- loading ----
  async function neighbours(id, depth, limit) {
    const body = await get(`entities/${enc(id)}/neighbours`, { depth, limit });
    if (depth === 1) state.hoods.set(body.center.id, body);
    return body;
  }

  async function open(ref) {
    const token = ++state.token;
    setState("loading");
    graph.showOverlay(message("loading", "Loading the neighbourhood…"));
    try {
      const depth = Number(depthSel.value), limit = Number(limitSel.value);
      const body = await neighbours(ref, depth, limit);
      if (token !== state.token) return;
      state.overview = null;
      delete root.dataset.overview;
      state.center = body.center;
      state.answer = body;
      state.expanded = new Set([body.center.id]);
      suggest.setValue(body.center);
      const nodes = [body.center, ...body.nodes.filter((n) => n.id !== body.center.id)];
      await graph.set(toElements(nodes, body.edges, {
        nodeData: (n) => ({ center: n.id === body.center.id, expanded: n.id === body.center.id, depth: n.depth || 0 }),
      }));
      graph.showOverlay(body.nodes.length ? null : message("empty", `${body.center.name} has no links yet.`));
      applyFilters();
      if (graph.cy) graph.cy.getElementById(body.center.id).select();
      app.setHash("explore", [body.center.id]);
      setState("ready");
      await showEntity(body.center.id);
    } catch (err) {
      if (token !== state.token) return;
      graph.clearAll();
      graph.setTitle("");
      graph.showOverlay(message("error", err.status === 404 ? `Nothing found for “${ref}”.` : err.message));
      setState("error");
    }
  }

  async function nodeClicked(d) {
    if (state.overview) {
      if (!d.group) open(d.id);
      return;
    }
    showEntity(d.id);
    if (state.expanded.has(d.id)) return;
    state.expanded.add(d.id);
    const node = graph.cy ? graph.cy.getElementById(d.id) : null;
    node && node.addClass("loading");
    setState("loading");
    try {
      const body = state.hoods.get(d.id) || await neighbours(d.id, 1, EXPAND_LIMIT);
      const els = toElements([body.center, ...body.nodes], body.edges);
      // Keep the existing nodes' data (centre flag etc.): add only what is new.
      graph.add(els, d.id);
      node && node.data("expanded", true);
      state.answer = mergeAnswers(state.answer, body);
      applyFilters();
    } catch (err) {
      state.expanded.delete(d.id);
      app.toast(err.message, "error");
    } finally {
      node && node.removeClass("loading");
      setState("ready");
    }
  }

  function mergeAnswers(a, b) {
    const ids = new Set(a.nodes.map((n) => n.id));
    const eids = new Set(a.edges.map((e) => `${e.source}|${e.type}|${e.target}`));
    return {
      ...a,
      nodes: [...a.nodes, ...b.nodes.filter((n) => !ids.has(n.id) && n.id !== a.center.id)],
      edges: [...a.edges, ...b.edges.filter((e) => !eids.has(`${e.source}|${e.type}|${e.target}`))],
    };
  }

  // ---- entity panel ----
  async function showEntity(id) {
    state.shownId = id;
    clear(inspector).append(message("loading", "Loading…"));
    let ent;
    try {
      ent = await get(`entities/${enc(id)}`);
    } catch (err) {
      if (state.shownId === id) clear(inspector).append(message("error", err.message));
      return;
    }
    if (state.shownId !== id) return;
    const docsBox = h("ol", { class: "docs", "data-testid": "entity-documents" });
    const aliases = (ent.aliases || []).filter((a) => a !== ent.name);
    const props = Object.entries(ent.properties || {}).filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && !v.length));
    const actions = h("div", { class: "actions" },
      state.center && state.center.id === ent.id ? null
        : h("button", { type: "button", class: "small", "data-testid": "entity-centre", onclick: () => open(ent.id) }, "Centre network here"),
      h("button", { type: "button", class: "small", "data-testid": "entity-paths", onclick: () => app.go("paths", { from: ent }) }, "Find paths from here"),
      ent.type === "Organisation" ? h("button", { type: "button", class: "small", "data-testid": "entity-match",
        onclick: () => app.go("matching", { enterprise: ent }) }, "Match experts") : null,
      ent.type === "City" || ent.type === "Region" ? h("button", { type: "button", class: "small", "data-testid": "entity-coop",
        onclick: () => app.go("cooperation", { level: ent.type === "City" ? "city" : "region", focus: ent }) }, "Cooperation map") : null);
    clear(inspector).append(h("div", { class: "panel entity-panel", "data-testid": "entity-panel", dataset: { id: ent.id } },
      h("div", { class: "panel-head" }, badge(ent.type),
        h("h2", { "data-testid": "entity-name", style: `--c:${styleOf(ent.type).color}` }, ent.name),
        confusableMark(ent),
        h("code", { class: "id", title: "Stable id" }, ent.id)),
      actions,
      h("section", {},
        h("h3", {}, "Also known as"),
        aliases.length ? h("ul", { class: "chips", "data-testid": "entity-aliases" }, aliases.map((a) => h("li", {}, a)))
          : h("p", { class: "muted", "data-testid": "entity-aliases" }, "No other names recorded.")),
      h("section", {},
        h("h3", {}, "Properties"),
        h("dl", { class: "props", "data-testid": "entity-properties" },
          h("dt", {}, "links"), h("dd", {}, String(ent.degree ?? "?")),
          props.map(([k, v]) => [h("dt", {}, k.replace(/_/g, " ")), h("dd", {}, Array.isArray(v) ? v.join(", ") : String(v))]))),
      h("section", {},
        h("h3", {}, `Sources (${(ent.documents || []).length})`),
        (ent.documents || []).length ? docsBox : h("p", { class: "muted" }, "No document mentions it."))));
    renderDocuments(ent, docsBox);
  }

  async function renderDocuments(ent, box) {
    const docs = ent.documents || [];
    const items = new Map();
    for (const d of docs.slice(0, 50)) {
      const sentences = h("div", { class: "doc-evidence" }, h("span", { class: "muted small" }, "Looking for sentences…"));
      items.set(d.id, sentences);
      box.append(h("li", { class: "doc", "data-testid": "entity-document", dataset: { id: d.id } },
        h("div", { class: "doc-title" }, d.url && /^https?:/.test(d.url)
          ? h("a", { href: d.url, target: "_blank", rel: "noopener noreferrer" }, docTitle(d)) : docTitle(d)),
        h("div", { class: "doc-meta" }, [d.kind, d.published].filter(Boolean).join(" · ")),
        sentences));
    }
    if (docs.length > 50) box.append(h("li", { class: "muted" }, `…and ${docs.length - 50} more`));
    // Sentences: the evidence of the entity's own links (one request), grouped by the document they come from.
    try {
      const { entity, relations, byDoc } = await relationEvidence(ent.id);
      if (state.shownId !== ent.id) return;
      const names = new Map([[entity.id, entity.name], ...relations.map((r) => [r.other.id, r.other.name])]);
      for (const [docId, el] of items) {
        clear(el);
        const found = byDoc.get(docId) || [];
        if (!found.length) {
          el.append(h("span", { class: "muted small" }, "Mentioned; no link sentence."));
          continue;
        }
        el.append(h("ul", { class: "evidence compact" }, found.slice(0, 6).map((x) => h("li", { class: "evidence-item", "data-testid": "evidence-item" },
          h("blockquote", {}, x.sentence || "(registration record)"),
          h("div", { class: "source" }, `${names.get(x.link.source) || x.link.source} ${relText(x.link.type)} ${names.get(x.link.target) || x.link.target}`,
            readButton({ document: docId, sentence: x.sentence, start: x.start, end: x.end }))))));
      }
    } catch {
      for (const el of items.values()) clear(el);
    }
  }

  async function showEdge(d) {
    const cy = graph.cy;
    const name = (id) => (cy ? cy.getElementById(id).data("name") : id) || id;
    const s = { id: d.source, name: name(d.source), type: cy ? cy.getElementById(d.source).data("type") : "" };
    const t = { id: d.target, name: name(d.target), type: cy ? cy.getElementById(d.target).data("type") : "" };
    state.shownId = d.id;
    const body = h("div", { class: "edge-evidence" }, message("loading", "Loading evidence…"));
    clear(inspector).append(h("div", { class: "panel edge-panel", "data-testid": "edge-panel" },
      h("p", { class: "eyebrow" }, "Link"),
      h("h2", { class: "edge-title" }, entityLink(s, (n) => open(n.id)), h("span", { class: "rel" }, relText(d.type)), entityLink(t, (n) => open(n.id))),
      h("p", { class: "muted" }, `Backed by ${d.weight || 1} document${(d.weight || 1) > 1 ? "s" : ""}.`),
      h("h3", {}, "Evidence"), body));
    try {
      const edge = await linkEvidence(d.source, d.type, d.target);
      if (state.shownId === d.id) clear(body).append(evidenceList(edge.evidence));
    } catch (err) {
      if (state.shownId === d.id) clear(body).append(message("error", err.message));
    }
  }

  // The landing view (overview.js) until an entity is opened.
  async function intro() {
    const mine = ++state.token;
    setState("loading");
    const coop = await showOverview(graph, inspector, { open, isCurrent: () => mine === state.token && !state.center });
    if (mine !== state.token || state.center) return;
    state.overview = coop;
    root.dataset.overview = "true";
    setState("ready");
  }
  intro();

  return {
    graph,
    open,
    shown: () => graph.shown(),
    route: (parts) => parts[0] && open(parts[0]),
    rerun: () => state.center && open(state.center.id),
    focus: () => input.focus(),
  };
}
