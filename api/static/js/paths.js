// Paths: how is A connected to B? The k shortest paths, each link with its evidence.
import { get } from "./api.js";
import { loadAnswer, namer, pickable, viewFrame } from "./common.js";
import { edgeId } from "./graph.js";
import { pathRelations } from "./ontology.js";
import { edgePanel, emptyInspector, highlightPath, nodePanel, pathChain, pathElements } from "./pathview.js";
import { attachSuggest } from "./suggest.js";
import { clear, h, message, relText } from "./dom.js";

export function initPaths(root, app) {
  const form = root.querySelector('[data-testid="path-form"]');
  const fromIn = root.querySelector("#path-from");
  const toIn = root.querySelector("#path-to");
  const kSel = root.querySelector("#path-k");
  const hopsSel = root.querySelector("#path-hops");
  const weighted = root.querySelector("#path-weighted");
  const relBox = root.querySelector('[data-testid="path-relations"]');
  const list = root.querySelector('[data-testid="path-list"]');
  const state = { answer: null, edges: new Map(), names: new Map(), selected: null, token: 0 };

  for (const r of pathRelations()) {
    relBox.append(h("label", { class: "check" }, h("input", { type: "checkbox", value: r, checked: true }), relText(r)));
  }

  const frame = viewFrame(root, {
    exportName: "paths",
    onEdge: (d) => showEdge(d.id),
    onNode: (d) => clear(inspector).append(nodePanel({ id: d.id, name: d.name, type: d.type }, app)),
    onBackground: () => select(null),
    exportData: () => ({ view: "paths", query: state.query, answer: state.answer }),
  });
  const { inspector, setState, graph } = frame;

  const from = attachSuggest(fromIn, { onSelect: () => toIn.value || toIn.focus() });
  const to = attachSuggest(toIn, { onSelect: () => fromIn.value && run() });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  root.querySelector('[data-testid="path-swap"]').addEventListener("click", () => {
    const a = from.chosen() || (fromIn.value ? { id: fromIn.value, name: fromIn.value } : null);
    const b = to.chosen() || (toIn.value ? { id: toIn.value, name: toIn.value } : null);
    from.setValue(b);
    to.setValue(a);
    if (a && b) run();
  });

  const nameOf = namer(state);

  async function run() {
    const a = from.value(), b = to.value();
    if (!a || !b) {
      (a ? toIn : fromIn).focus();
      graph.showOverlay(message("info", "Choose where the path starts and where it ends."));
      return;
    }
    const allRel = relBox.querySelectorAll("input").length;
    const rels = [...relBox.querySelectorAll("input:checked")].map((i) => i.value);
    if (allRel && !rels.length) {
      graph.showOverlay(message("error", "Choose at least one relation type."));
      return;
    }
    const query = { from: a, to: b, k: Number(kSel.value), max_hops: Number(hopsSel.value),
      types: rels.length === allRel ? undefined : rels.join(","), weighted: weighted.checked ? "true" : undefined };
    state.query = query;
    await loadAnswer(frame, state, { loading: "Searching paths…", reset: () => clear(list),
      request: () => get("paths", query), show: (body) => show(body, query) });
  }

  function show(body, query) {
    state.answer = body;
    state.selected = null;
    state.edges = new Map();
    state.names = new Map([[body.from.id, body.from], [body.to.id, body.to]]);
    from.setValue(body.from);
    to.setValue(body.to);
    const paths = body.paths || [];
    for (const p of paths) {
      p.nodes.forEach((n) => state.names.set(n.id, n));
      p.edges.forEach((e) => state.edges.set(edgeId(e), e));
    }
    app.setHash("paths", [body.from.id, body.to.id]);
    graph.setTitle(h("span", {}, h("strong", {}, body.from.name), " → ", h("strong", {}, body.to.name),
      ` — ${paths.length} path${paths.length === 1 ? "" : "s"}`));
    if (!paths.length) {
      graph.clearAll();
      graph.showOverlay(message("empty", `No path between ${body.from.name} and ${body.to.name} within ${query.max_hops} hops.`,
        h("span", {}, " Allow more hops or more relation types.")));
      emptyInspector(inspector, "No path", "Try a larger number of hops, or tick more relation types.");
      setState("ready");
      return;
    }
    graph.showOverlay(null);
    graph.set(pathElements(paths, body.from.id, body.to.id, graph.container.clientWidth), { layout: "preset", sizeBy: "none" });
    clear(list);
    paths.forEach((p, i) => {
      list.append(h("li", { class: "card path-card", "data-testid": "path-item", dataset: { index: i }, ...pickable(() => select(i)),
        onmouseenter: () => state.selected === null && highlightPath(graph.cy, paths, i),
        onmouseleave: () => state.selected === null && highlightPath(graph.cy, paths, null),
      },
      h("div", { class: "card-head" }, h("span", { class: "rank" }, String(i + 1)),
        h("span", {}, `${p.hops} hop${p.hops === 1 ? "" : "s"}`),
        p.cost !== undefined && query.weighted ? h("span", { class: "muted small" }, `cost ${p.cost}`) : null),
      pathChain(p, (n) => app.go("explore", { open: n.id }))));
    });
    emptyInspector(inspector, "Evidence", "Click a link in the drawing to read the sentences and documents behind it. Click a path on the left to highlight it.");
    setState("ready");
  }

  function select(i) {
    state.selected = i;
    [...list.children].forEach((li, j) => li.classList.toggle("selected", j === i));
    highlightPath(graph.cy, (state.answer && state.answer.paths) || [], i);
  }

  function showEdge(id) {
    const edge = state.edges.get(id);
    if (!edge) return;
    clear(inspector).append(edgePanel(edge, nameOf, (n) => app.go("explore", { open: n.id })));
  }

  emptyInspector(inspector, "Path finder", "How is one actor connected to another? Pick a start and an end: the shortest chains of links between them are drawn, and every link shows the sentences that back it.");
  graph.showOverlay(message("info", "Choose a start and an end, then Find paths."));

  return {
    graph,
    run,
    shown: () => graph.shown(),
    route(parts) {
      if (parts[0]) from.setValue({ id: parts[0], name: parts[0] });
      if (parts[1]) to.setValue({ id: parts[1], name: parts[1] });
      if (parts[0] && parts[1]) run();
    },
    prefill({ from: a, to: b }) {
      if (a) from.setValue(a);
      if (b) to.setValue(b);
      if (a && b) run();
      else (a ? toIn : fromIn).focus();
    },
  };
}
