// InnoGraph explorer: tabs, routing (#/view/arg...), the stats line, and window.innograph for tests.
import { get } from "./api.js";
import { initCooperation } from "./cooperation.js";
import { initExplore } from "./explore.js";
import { hasCytoscape } from "./graph.js";
import { initMatching } from "./matching.js";
import { loadOntology, pathRelations } from "./ontology.js";
import { initPaths } from "./paths.js";
import { initTimeline } from "./timeline.js";
import { initReader } from "./reader.js";
import { initReview } from "./review.js";
import { h } from "./dom.js";

const VIEWS = ["explore", "paths", "matching", "cooperation", "review"];

function vendorNotice() {
  if (hasCytoscape()) return;
  const meta = document.querySelector('meta[name="innograph-vendor-missing"]');
  const missing = meta ? meta.content : "cytoscape";
  const box = document.getElementById("vendor-notice");
  box.append(h("strong", {}, "The network drawing is unavailable. "),
    `The JavaScript library files are not installed on this server (missing: ${missing}). `,
    "Run ", h("code", {}, "scripts/build-web"), " (part of ", h("code", {}, "make install"), ") and reload. ",
    "Search, panels, lists and JSON export still work.");
  box.hidden = false;
}

// Without the ontology the page still works, with plain type names and neutral colours.
function ontologyNotice(err) {
  const box = document.getElementById("ontology-notice");
  box.append(h("strong", {}, "The list of entity and relation types could not be loaded. "),
    "Types are shown without their colours and filters; reload to try again. ", h("small", {}, `(${err.message})`));
  box.hidden = false;
}

function toast(text, kind = "info") {
  let host = document.querySelector(".toasts");
  if (!host) {
    host = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(host);
  }
  const t = h("div", { class: `toast toast-${kind}` }, text);
  host.append(t);
  setTimeout(() => t.remove(), 5000);
}

async function loadStats() {
  const el = document.querySelector('[data-testid="stats"]');
  try {
    const s = await get("stats");
    const sum = (o) => Object.values(o || {}).reduce((a, b) => a + (Number(b) || 0), 0);
    const fmt = (n) => n.toLocaleString("en");
    // links between entities: MENTIONS (a document naming an entity) is provenance, not a link
    const walked = new Set(pathRelations());
    const links = Object.fromEntries(Object.entries(s.relations || {}).filter(([k]) => !walked.size || walked.has(k)));
    el.textContent = `${fmt(sum(s.nodes))} entities · ${fmt(sum(links))} links · ${fmt(s.documents || 0)} documents`;
    el.dataset.links = String(sum(links));
    el.title = [...Object.entries(s.nodes || {}), ...Object.entries(links)].map(([k, v]) => `${k}: ${v}`).join("\n");
  } catch (err) {
    el.textContent = "API unavailable";
    el.classList.add("bad");
    el.title = err.message;
  }
}

function main() {
  vendorNotice();
  initReader();
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const sections = Object.fromEntries(VIEWS.map((v) => [v, document.getElementById(`view-${v}`)]));
  let active = "explore";

  const app = {
    setHash(view, parts = []) {
      const hash = "#/" + [view, ...parts.map(encodeURIComponent)].join("/");
      if (location.hash !== hash) history.replaceState(null, "", hash);
    },
    go(view, args = {}) {
      activate(view);
      const v = views[view];
      if (view === "explore" && args.open) v.open(args.open);
      else if (v.prefill) v.prefill(args);
    },
    toast,
    current: () => views[active],
    // Run the current view's query again (the time range changed): reopen the entity, or submit
    // the view's form once it has been used.
    rerun() {
      const v = views[active];
      if (v.rerun) return v.rerun();
      const sec = sections[active];
      if (sec.dataset.state !== "empty") sec.querySelector("form")?.requestSubmit();
    },
  };

  const timeline = initTimeline(document.querySelector('[data-testid="timeline"]'), app);
  const views = {
    explore: initExplore(sections.explore, app),
    paths: initPaths(sections.paths, app),
    matching: initMatching(sections.matching, app),
    cooperation: initCooperation(sections.cooperation, app),
    review: initReview(sections.review, app),
  };

  function activate(view, { focus = false } = {}) {
    if (!VIEWS.includes(view)) view = "explore";
    active = view;
    for (const t of tabs) {
      const on = t.dataset.view === view;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      if (on && focus) t.focus();
    }
    for (const [name, sec] of Object.entries(sections)) sec.hidden = name !== view;
    document.body.dataset.view = view;
    views[view].shown();
    timeline.refresh();
  }

  for (const t of tabs) {
    t.addEventListener("click", () => {
      activate(t.dataset.view);
      if (!location.hash.startsWith(`#/${t.dataset.view}`)) app.setHash(t.dataset.view);
    });
    t.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(t);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      const tab = tabs[(next + tabs.length) % tabs.length];
      activate(tab.dataset.view, { focus: true });
      app.setHash(tab.dataset.view);
    });
  }

  function route() {
    const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    const view = VIEWS.includes(parts[0]) ? parts[0] : "explore";
    activate(view);
    if (parts.length > 1) views[view].route(parts.slice(1));
  }
  window.addEventListener("hashchange", route);

  window.innograph = {
    views,
    app,
    get active() { return active; },
    get cy() { return views[active].graph.cy; },
    cyOf: (view) => views[view].graph.cy,
    timeline,
    hasCytoscape: hasCytoscape(),
    ready: true,
  };
  route();
  loadStats();
  document.body.dataset.ready = "true";
}

// The ontology first: the views build their filters, legends and drawing styles from it.
async function start() {
  try {
    await loadOntology();
  } catch (err) {
    ontologyNotice(err);
  }
  main();
}

start();
