// Matching: choose an enterprise, see the ranked experts and the paths that explain each.
import { get } from "./api.js";
import { loadAnswer, namer, pickable, viewFrame } from "./common.js";
import { edgeId, toElements } from "./graph.js";
import { edgePanel, emptyInspector, highlightPath, nodePanel, pathChain, pathElements } from "./pathview.js";
import { attachSuggest } from "./suggest.js";
import { badge, clear, fmtScore, h, message } from "./util.js";

export function initMatching(root, app) {
  const form = root.querySelector('[data-testid="match-form"]');
  const input = root.querySelector("#match-enterprise");
  const kSel = root.querySelector("#match-k");
  const head = root.querySelector('[data-testid="match-enterprise-card"]');
  const list = root.querySelector('[data-testid="match-list"]');
  const state = { answer: null, selected: null, edges: new Map(), names: new Map(), token: 0 };

  const frame = viewFrame(root, {
    exportName: "matching",
    onEdge: (d) => showEdge(d.id),
    onNode: (d) => clear(inspector).append(nodePanel({ id: d.id, name: d.name, type: d.type }, app)),
    onBackground: () => state.selected !== null && explain(state.selected),
    exportData: () => ({ view: "matching", answer: state.answer, selected: state.selected }),
  });
  const { inspector, setState, graph } = frame;

  const suggest = attachSuggest(input, { types: ["Organisation"], onSelect: () => run() });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  kSel.addEventListener("change", () => state.answer && run());

  async function run() {
    const ref = suggest.value();
    if (!ref) {
      input.focus();
      return;
    }
    await loadAnswer(frame, state, { loading: "Ranking experts…", reset: () => { clear(list); clear(head); },
      request: () => get("match/experts", { enterprise: ref, k: Number(kSel.value) }), show });
  }

  function show(body) {
    state.answer = body;
    state.selected = null;
    const ent = body.enterprise;
    suggest.setValue(ent);
    app.setHash("matching", [ent.id]);
    state.names = new Map([[ent.id, ent]]);
    state.edges = new Map();
    const matches = body.matches || [];
    for (const m of matches) {
      state.names.set(m.expert.id, m.expert);
      for (const p of m.paths || []) {
        p.nodes.forEach((n) => state.names.set(n.id, n));
        p.edges.forEach((e) => state.edges.set(edgeId(e), e));
      }
    }
    head.append(h("div", { class: "card ent-card" },
      h("div", { class: "panel-head" }, badge(ent.type), h("h2", {}, ent.name)),
      (body.topics || []).length
        ? h("div", {}, h("span", { class: "muted small" }, "Looks for: "),
          h("ul", { class: "chips inline" }, body.topics.map((t) => h("li", { class: "topic" }, t.name || t))))
        : null));
    if (!matches.length) {
      graph.clearAll();
      graph.setTitle(h("strong", {}, ent.name));
      graph.showOverlay(message("empty", `No expert matches ${ent.name} yet: it has no registered needs or no expert shares them.`));
      emptyInspector(inspector, "No match", "Register the enterprise's technology needs, or add experts in those fields.");
      setState("ready");
      return;
    }
    const top = Math.max(...matches.map((m) => Number(m.score) || 0), 1e-9);
    matches.forEach((m, i) => {
      const pct = Math.max(4, Math.round((100 * (Number(m.score) || 0)) / top));
      list.append(h("li", { class: "card match-card", "data-testid": "match-item", dataset: { id: m.expert.id, index: i },
        ...pickable(() => select(i)) },
      h("div", { class: "card-head" }, h("span", { class: "rank" }, String(i + 1)),
        h("span", { class: "expert-name", "data-testid": "match-expert" }, m.expert.name),
        h("span", { class: "score", title: "match score" }, fmtScore(m.score))),
      h("div", { class: "bar", "aria-hidden": "true" }, h("span", { style: `width:${pct}%` })),
      (m.reasons || []).length ? h("p", { class: "reason" }, String(m.reasons[0])) : null));
    });
    select(0);
    setState("ready");
  }

  function select(i) {
    const m = state.answer.matches[i];
    if (!m) return;
    state.selected = i;
    [...list.children].forEach((li, j) => {
      li.classList.toggle("selected", j === i);
      li.setAttribute("aria-current", j === i ? "true" : "false");
    });
    const ent = state.answer.enterprise;
    const paths = m.paths || [];
    graph.setTitle(h("span", {}, h("strong", {}, ent.name), " → ", h("strong", {}, m.expert.name),
      ` — ${paths.length} explaining path${paths.length === 1 ? "" : "s"}`));
    if (paths.length) {
      graph.showOverlay(null);
      graph.set(pathElements(paths, ent.id, m.expert.id, graph.container.clientWidth), { layout: "preset", sizeBy: "none" });
    } else {
      graph.set(toElements([ent, m.expert], [], { nodeData: () => ({ endpoint: true, size: 40 }) }), { layout: "grid", sizeBy: "none" });
      graph.showOverlay(message("empty", "No stored path explains this match."));
    }
    explain(i);
  }

  function explain(i) {
    const m = state.answer.matches[i];
    const paths = m.paths || [];
    const sub = [["topic fit", m.topic_fit], ["proximity", m.proximity], ["evidence", m.evidence]].filter(([, v]) => v !== undefined && v !== null);
    clear(inspector).append(h("div", { class: "panel match-panel", "data-testid": "match-detail" },
      h("p", { class: "eyebrow" }, `Expert #${i + 1}`),
      h("div", { class: "panel-head" }, badge(m.expert.type || "Person"), h("h2", {}, m.expert.name)),
      h("div", { class: "actions" },
        h("button", { type: "button", class: "small", onclick: () => app.go("explore", { open: m.expert.id }) }, "Explore"),
        h("button", { type: "button", class: "small", onclick: () => app.go("paths", { from: state.answer.enterprise, to: m.expert }) }, "More paths")),
      h("dl", { class: "props" }, h("dt", {}, "score"), h("dd", {}, fmtScore(m.score)),
        sub.map(([k, v]) => [h("dt", {}, k), h("dd", {}, fmtScore(v))])),
      h("h3", {}, "Why"),
      (m.reasons || []).length ? h("ul", { class: "reasons", "data-testid": "match-reasons" }, m.reasons.map((r) => h("li", {}, String(r))))
        : h("p", { class: "muted" }, "No reason given."),
      h("h3", {}, `Paths (${paths.length})`),
      h("ol", { class: "cards compact" }, paths.map((p, j) => h("li", { class: "card path-card", tabindex: "0",
        onmouseenter: () => highlightPath(graph.cy, paths, j), onmouseleave: () => highlightPath(graph.cy, paths, null),
        onfocus: () => highlightPath(graph.cy, paths, j), onblur: () => highlightPath(graph.cy, paths, null) },
      p.explains ? h("div", { class: "muted small" }, p.explains) : null,
      pathChain(p, (n) => app.go("explore", { open: n.id }))))),
      h("p", { class: "muted small" }, "Click a link in the drawing to read its evidence.")));
  }

  function showEdge(id) {
    const edge = state.edges.get(id);
    if (!edge) return;
    const back = h("button", { type: "button", class: "small ghost", onclick: () => explain(state.selected) }, "← Back to the expert");
    clear(inspector).append(back, edgePanel(edge, namer(state), (n) => app.go("explore", { open: n.id })));
  }

  emptyInspector(inspector, "Expert matching", "Pick an enterprise: experts are ranked by how well their fields meet its technology needs and how close they are in the graph. Each match comes with the paths that explain it.");
  graph.showOverlay(message("info", "Choose an enterprise to rank experts for it."));

  return {
    graph,
    shown: () => graph.shown(),
    route(parts) {
      if (parts[0]) {
        suggest.setValue({ id: parts[0], name: parts[0] });
        run();
      }
    },
    prefill({ enterprise }) {
      if (enterprise) {
        suggest.setValue(enterprise);
        run();
      }
    },
  };
}
