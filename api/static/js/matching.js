// Matching, both ways: experts for an enterprise, or enterprises for an expert; ranked, each explained
// by its paths, and the candidates left out for a conflict of interest listed apart with the reason.
import { get } from "./api.js";
import { loadAnswer, namer, pickable, viewFrame } from "./common.js";
import { edgeId, toElements } from "./graph.js";
import { edgePanel, emptyInspector, highlightPath, nodePanel, pathChain, pathElements } from "./pathview.js";
import { attachSuggest } from "./suggest.js";
import { badge, clear, evidenceList, fmtScore, h, message } from "./dom.js";

// The two directions: which input, which API, what the other side of a match is called.
const DIRS = {
  experts: { path: "match/experts", param: "enterprise", centre: "enterprise", other: "expert", types: ["Organisation"],
    noun: "expert", testid: "match-expert", loading: "Ranking experts…" },
  enterprises: { path: "match/enterprises", param: "expert", centre: "expert", other: "enterprise", types: ["Person"],
    noun: "enterprise", testid: "match-enterprise-name", loading: "Ranking enterprises…" },
};

export function initMatching(root, app) {
  const form = root.querySelector('[data-testid="match-form"]');
  const input = root.querySelector("#match-enterprise");
  const expertIn = root.querySelector("#match-expert-input");
  const conflictsBox = root.querySelector("#match-conflicts");
  const dir = () => DIRS[form.querySelector('input[name="match-dir"]:checked').value];
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

  const suggests = { experts: attachSuggest(input, { types: DIRS.experts.types, onSelect: () => run() }),
    enterprises: attachSuggest(expertIn, { types: DIRS.enterprises.types, onSelect: () => run() }) };
  const sug = () => suggests[form.querySelector('input[name="match-dir"]:checked').value];
  const setDir = (name) => {
    form.querySelector(`input[name="match-dir"][value="${name}"]`).checked = true;
    for (const f of form.querySelectorAll("[data-dir]")) f.hidden = f.dataset.dir !== name;
  };
  form.addEventListener("change", (e) => {
    if (e.target.name === "match-dir") setDir(e.target.value);
    if (e.target === conflictsBox && state.answer) run();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  kSel.addEventListener("change", () => state.answer && run());

  async function run() {
    const d = dir();
    const ref = sug().value();
    if (!ref) {
      (d === DIRS.experts ? input : expertIn).focus();
      return;
    }
    state.dir = d;
    await loadAnswer(frame, state, { loading: d.loading, reset: () => { clear(list); clear(head); },
      request: () => get(d.path, { [d.param]: ref, k: Number(kSel.value), conflicts: conflictsBox.checked ? undefined : false }), show });
  }

  function show(body) {
    state.answer = body;
    state.selected = null;
    const d = state.dir;
    const ent = body[d.centre];
    for (const m of body.matches || []) m.other = m[d.other];
    sug().setValue(ent);
    app.setHash("matching", d === DIRS.experts ? [ent.id] : ["expert", ent.id]);
    state.names = new Map([[ent.id, ent]]);
    state.edges = new Map();
    const matches = body.matches || [];
    for (const m of matches) {
      state.names.set(m.other.id, m.other);
      for (const p of m.paths || []) {
        p.nodes.forEach((n) => state.names.set(n.id, n));
        p.edges.forEach((e) => state.edges.set(edgeId(e), e));
      }
    }
    head.append(h("div", { class: "card ent-card" },
      h("div", { class: "panel-head" }, badge(ent.type), h("h2", {}, ent.name)),
      (body.topics || []).length
        ? h("div", {}, h("span", { class: "muted small" }, d === DIRS.experts ? "Looks for: " : "Knows: "),
          h("ul", { class: "chips inline" }, body.topics.map((t) => h("li", { class: "topic" }, t.name || t))))
        : null));
    const excluded = body.excluded || [];
    if (excluded.length) {
      head.append(h("div", { class: "card excluded", "data-testid": "match-excluded" },
        h("h3", {}, `Left out for a conflict of interest (${excluded.length})`),
        h("ul", { class: "reasons" }, excluded.map((x) => {
          const who = x[d.other] || {};
          return h("li", { "data-testid": "excluded-item", dataset: { id: who.id } }, h("strong", {}, who.name), `: ${x.reason}`,
            h("details", {}, h("summary", {}, "evidence"), evidenceList((x.relations || []).flatMap((r) => r.evidence || []))));
        })),
        h("p", { class: "muted small" }, "Untick “Leave out conflicts of interest” to rank them too.")));
    }
    if (!matches.length) {
      graph.clearAll();
      graph.setTitle(h("strong", {}, ent.name));
      graph.showOverlay(message("empty", d === DIRS.experts
        ? `No expert matches ${ent.name} yet: it has no registered needs or no expert shares them.`
        : `No enterprise matches ${ent.name} yet: no enterprise needs the expert's fields.`));
      emptyInspector(inspector, "No match", "Register the enterprise's technology needs, or add experts in those fields.");
      setState("ready");
      return;
    }
    const top = Math.max(...matches.map((m) => Number(m.score) || 0), 1e-9);
    matches.forEach((m, i) => {
      const pct = Math.max(4, Math.round((100 * (Number(m.score) || 0)) / top));
      list.append(h("li", { class: "card match-card", "data-testid": "match-item", dataset: { id: m.other.id, index: i },
        ...pickable(() => select(i)) },
      h("div", { class: "card-head" }, h("span", { class: "rank" }, String(i + 1)),
        h("span", { class: "expert-name", "data-testid": d.testid }, m.other.name),
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
    const ent = state.answer[state.dir.centre];
    const paths = m.paths || [];
    graph.setTitle(h("span", {}, h("strong", {}, ent.name), " → ", h("strong", {}, m.other.name),
      ` — ${paths.length} explaining path${paths.length === 1 ? "" : "s"}`));
    if (paths.length) {
      graph.showOverlay(null);
      graph.set(pathElements(paths, ent.id, m.other.id, graph.container.clientWidth), { layout: "preset", sizeBy: "none" });
    } else {
      graph.set(toElements([ent, m.other], [], { nodeData: () => ({ endpoint: true, size: 40 }) }), { layout: "grid", sizeBy: "none" });
      graph.showOverlay(message("empty", "No stored path explains this match."));
    }
    explain(i);
  }

  function explain(i) {
    const m = state.answer.matches[i];
    const paths = m.paths || [];
    const sub = [["topic fit", m.topic_fit], ["proximity", m.proximity], ["evidence", m.evidence]].filter(([, v]) => v !== undefined && v !== null);
    clear(inspector).append(h("div", { class: "panel match-panel", "data-testid": "match-detail" },
      h("p", { class: "eyebrow" }, `${state.dir === DIRS.experts ? "Expert" : "Enterprise"} #${i + 1}`),
      h("div", { class: "panel-head" }, badge(m.other.type || "Person"), h("h2", {}, m.other.name)),
      h("div", { class: "actions" },
        h("button", { type: "button", class: "small", onclick: () => app.go("explore", { open: m.other.id }) }, "Explore"),
        h("button", { type: "button", class: "small", onclick: () => app.go("paths", { from: state.answer[state.dir.centre], to: m.other }) }, "More paths")),
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
    const back = h("button", { type: "button", class: "small ghost", onclick: () => explain(state.selected) }, `← Back to the ${state.dir.noun}`);
    clear(inspector).append(back, edgePanel(edge, namer(state), (n) => app.go("explore", { open: n.id })));
  }

  emptyInspector(inspector, "Matching", "Pick an enterprise to rank experts for it, or an expert to rank enterprises: by how well the expert's fields meet the enterprise's technology needs and how close they are in the graph, through the most specific link (a workstation rather than a national programme). Each match comes with the paths that explain it; people with a position at the enterprise (or its parent) are left out and listed apart.");
  graph.showOverlay(message("info", "Choose an enterprise (or an expert) to match."));

  return {
    graph,
    shown: () => graph.shown(),
    route(parts) {
      const which = parts[0] === "expert" ? "enterprises" : "experts";
      const id = which === "enterprises" ? parts[1] : parts[0];
      if (id) {
        setDir(which);
        suggests[which].setValue({ id, name: id });
        run();
      }
    },
    prefill({ enterprise, expert }) {
      if (enterprise || expert) {
        setDir(enterprise ? "experts" : "enterprises");
        sug().setValue(enterprise || expert);
        run();
      }
    },
  };
}
