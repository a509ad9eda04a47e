// The timeline: the evidence behind the current view counted per month or per year (a small SVG
// drawn here; no chart library is vendored), a date range that filters every view and the path
// finder (since / until on their queries, see api.js), and the pilot and hub places of the view
// marked with their year, in the timeline and on the network.
import { get, getTimeWindow, setTimeWindow } from "./api.js";
import { pathRelations } from "./ontology.js";
import { clear, debounce, h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const DATE = /^\d{4}(-\d{2})?$/;
const MAX_KEYS = 1000;

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

// Bins of the chart: per month when the dates span at most three years and name their month,
// else per year; the empty periods in between are drawn too.
export function bins(body) {
  const years = body.years || [];
  if (!years.length) return { unit: "year", items: [] };
  const first = Number(years[0].period), last = Number(years[years.length - 1].period);
  const monthly = last - first <= 2 && (body.months || []).length
    && (body.months || []).reduce((a, m) => a + m.count, 0) === years.reduce((a, y) => a + y.count, 0);
  const counts = new Map((monthly ? body.months : years).map((x) => [x.period, x.count]));
  const items = [];
  for (let y = first; y <= last; y++) {
    if (!monthly) { items.push({ period: String(y), count: counts.get(String(y)) || 0 }); continue; }
    for (let m = 1; m <= 12; m++) {
      const p = `${y}-${String(m).padStart(2, "0")}`;
      items.push({ period: p, count: counts.get(p) || 0 });
    }
  }
  if (monthly) {  // trim the empty months before the first and after the last
    while (items.length && !items[0].count) items.shift();
    while (items.length && !items[items.length - 1].count) items.pop();
  }
  return { unit: monthly ? "month" : "year", items };
}

function draw(host, body, marks, onPick) {
  clear(host);
  const { unit, items } = bins(body);
  if (!items.length) {
    host.append(h("p", { class: "hint", "data-testid": "timeline-empty" },
      body.undated ? `${body.undated} evidence item(s) in view, none dated.` : "No evidence in view."));
    return;
  }
  const W = Math.max(240, host.clientWidth || 600), H = 64, pad = 4, base = H - 16;
  const max = Math.max(...items.map((x) => x.count));
  const bw = (W - 2 * pad) / items.length;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": `Evidence in view per ${unit}`, "data-testid": "timeline-svg", "data-unit": unit });
  items.forEach((x, i) => {
    const bh = max ? Math.round((base - 6) * x.count / max) : 0;
    const bar = svg("rect", { x: pad + i * bw + 1, y: base - bh, width: Math.max(1, bw - 2), height: Math.max(bh, x.count ? 2 : 0),
      class: "tl-bar", "data-period": x.period, "data-count": x.count });
    bar.append(svg("title", {}, `${x.period}: ${x.count} evidence item(s)`));
    bar.addEventListener("click", () => onPick(x.period));
    chart.append(bar);
  });
  const every = Math.ceil(items.length / Math.max(1, Math.floor(W / 56)));
  items.forEach((x, i) => {
    if (i % every) return;
    chart.append(svg("text", { x: pad + i * bw + bw / 2, y: H - 3, "text-anchor": "middle", class: "tl-axis" }, x.period));
  });
  for (const m of marks) {  // a pilot or hub place: a marker over the period it became one
    if (!m.year) continue;
    const i = items.findIndex((x) => x.period.startsWith(m.year));
    if (i < 0) continue;
    const cx = pad + i * bw + bw / 2;
    const tri = svg("path", { d: `M${cx - 5},2 L${cx + 5},2 L${cx},9 Z`, class: "tl-mark", "data-mark": m.id });
    tri.append(svg("title", {}, `${m.name}: ${m.role} (${m.year})`));
    chart.append(tri);
  }
  host.append(chart);
  const undated = body.undated ? ` · ${body.undated} undated` : "";
  host.append(h("p", { class: "tl-caption", "data-testid": "timeline-caption" },
    `${items.reduce((a, x) => a + x.count, 0)} dated evidence item(s) per ${unit}${undated}`));
}

export function initTimeline(root, app) {
  const chart = root.querySelector('[data-testid="timeline-chart"]');
  const marksBox = root.querySelector('[data-testid="timeline-marks"]');
  const form = root.querySelector('[data-testid="timeline-range"]');
  const since = form.querySelector('[data-testid="timeline-since"]');
  const until = form.querySelector('[data-testid="timeline-until"]');
  const status = root.querySelector('[data-testid="timeline-status"]');
  let token = 0;
  let drawn = null, width = 0;  // the last body drawn, at the chart's width
  const relTypes = new Set(pathRelations());

  function showRange() {
    const w = getTimeWindow();
    root.dataset.filtered = String(Boolean(w.since || w.until));
    status.textContent = w.since || w.until ? `Showing links with evidence ${w.since ? "from " + w.since : ""}`
      + `${w.since && w.until ? " " : ""}${w.until ? "until " + w.until : ""}` : "All dates";
  }

  function apply(win) {
    for (const [el, v] of [[since, win.since], [until, win.until]]) {
      if (v && !DATE.test(v)) {
        el.setCustomValidity("YYYY or YYYY-MM");
        el.reportValidity();
        return;
      }
      el.setCustomValidity("");
    }
    since.value = win.since || "";
    until.value = win.until || "";
    setTimeWindow(win);
    showRange();
    app.rerun();
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply({ since: since.value.trim(), until: until.value.trim() });
  });
  form.querySelector('[data-testid="timeline-clear"]').addEventListener("click", () => apply({}));

  function markNodes(view, marks) {
    const cy = view && view.graph && view.graph.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes(".time-mark").forEach((n) => { n.removeClass("time-mark"); n.data("label", n.data("name")); });
      for (const m of marks) {
        const n = cy.getElementById(m.id);
        if (n.empty()) continue;
        n.addClass("time-mark");
        n.data("label", `${n.data("name")} · ${m.role}${m.year ? " " + m.year : ""}`);
      }
    });
  }

  async function refresh() {
    const t = ++token;
    const view = app.current();
    const keys = [...new Set(view && view.graph && typeof view.graph.relationKeys === "function" ? view.graph.relationKeys() : [])]
      .filter((k) => relTypes.size === 0 || relTypes.has(k.split("|")[1])).slice(0, MAX_KEYS);
    root.dataset.state = "loading";
    try {
      const body = keys.length ? await get("timeline", { keys: keys.join(",") })
        : { months: [], years: [], undated: 0, marks: [] };
      if (t !== token) return;
      drawn = body;
      draw(chart, body, body.marks, (period) => apply({ since: period, until: period }));
      clear(marksBox);
      for (const m of body.marks) {
        marksBox.append(h("span", { class: "chip tl-chip", "data-testid": "timeline-mark", "data-id": m.id },
          h("strong", {}, m.name), ` ${m.role}${m.year ? " since " + m.year : ""}`));
      }
      markNodes(view, body.marks);
      root.dataset.state = "ready";
      root.dataset.keys = String(keys.length);
    } catch (err) {
      if (t !== token) return;
      clear(chart);
      chart.append(h("p", { class: "hint bad" }, err.message));
      root.dataset.state = "error";
    }
  }

  // The chart is drawn at its box's width in pixels (so that its axis stays 9 px): drawn again when
  // that width changes (the window, or a box that was not laid out yet when the chart was drawn).
  new ResizeObserver(() => {
    const w = chart.clientWidth;
    if (!drawn || !w || Math.abs(w - width) < 8) return;
    width = w;
    draw(chart, drawn, drawn.marks, (period) => apply({ since: period, until: period }));
  }).observe(chart);
  const later = debounce(refresh, 250);
  document.addEventListener("innograph:changed", later);
  showRange();
  return { refresh: later, apply };
}
