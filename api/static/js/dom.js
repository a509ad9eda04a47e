// Building page elements (h, clear, badges, links, messages, evidence lists) and formatting them, shared by the views.

// Type names, colours, shapes, glyphs and relation phrases come from the server's ontology
// (ontology.js, GET api/v1/ontology); re-exported here for the views that format with them.
import { styleOf } from "./ontology.js";

export { UNKNOWN, relText, styleOf } from "./ontology.js";

// h("div", {class: "x", dataset: {id: 1}, onclick: fn}, child, "text", [more])
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A coloured type badge: colour plus the written label (never colour alone).
export function badge(label) {
  const st = styleOf(label);
  return h("span", { class: "badge", style: `--c:${st.color}`, "data-type": label },
    h("span", { class: "glyph", "aria-hidden": "true" }, st.glyph), label || "?");
}

// A name mixing look-alike alphabets (the API's `confusable` flag, e.g. a Cyrillic "у" in a Latin name):
// marked wherever the name is shown, so that it never looks like the entity it imitates.
export function confusableMark(ent) {
  return ent && ent.confusable ? h("span", { class: "confusable", "data-testid": "confusable", role: "note",
    title: "This name mixes alphabets (look-alike letters): check it is the entity you mean" }, "⚠ mixed scripts") : null;
}

export function entityLink(node, onClick) {
  const st = styleOf(node.type);
  return h("button", {
    type: "button", class: "entity-link", style: `--c:${st.color}`, title: `${node.name} (${node.type})`,
    dataset: { id: node.id }, onclick: onClick ? () => onClick(node) : null,
  }, h("span", { class: "dot", "aria-hidden": "true" }), node.name || node.id);
}

// "document:02-jiaxing-ast-signs..." -> "02 jiaxing ast signs…"; registration records keep file:line.
export function docTitle(doc) {
  if (!doc) return "";
  if (typeof doc === "object") {
    if (doc.title) return doc.title;
    doc = doc.id || doc.document || "";
  }
  return String(doc).replace(/^document:/, "");
}

export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

export function fmtScore(x) {
  const n = Number(x);
  if (!Number.isFinite(n)) return "";
  return n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3);
}

export function download(filename, blob) {
  const a = h("a", { href: URL.createObjectURL(blob), download: filename, hidden: true });
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

export function slug(s) {
  return String(s || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "view";
}

export const prefersReducedMotion = () =>
  window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// Message shown in a panel: kind is "info", "empty", "error" or "loading".
export function message(kind, text, extra) {
  return h("div", { class: `msg msg-${kind}`, role: kind === "error" ? "alert" : "status", "data-testid": `msg-${kind}` },
    kind === "loading" ? h("span", { class: "spinner", "aria-hidden": "true" }) : null, text, extra || null);
}

// Evidence list: each sentence with its document (titles are filled in as they arrive).
export function evidenceList(evidence, { limit = 50 } = {}) {
  const items = (evidence || []).slice(0, limit);
  if (!items.length) return message("empty", "No evidence sentence is stored for this link.");
  const ul = h("ul", { class: "evidence", "data-testid": "evidence-list" },
    items.map((ev) => h("li", { class: "evidence-item", "data-testid": "evidence-item" },
      h("blockquote", {}, ev.sentence || "(registration record)"),
      h("div", { class: "source" },
        docRef(ev.document || ""), readButton(ev),
        ev.date ? h("span", { class: "ev-date", "data-testid": "evidence-date", title: "the date of its document" }, ev.date) : null,
        ev.confidence !== undefined && ev.confidence !== null && ev.confidence < 1
          ? h("span", { class: "conf", title: "extraction confidence" }, `confidence ${Number(ev.confidence).toFixed(2)}`) : null))));
  return ul;
}

// "Read in the article": opens the article reader (reader.js) on this evidence.
export function readButton(ev) {
  if (!ev || !ev.document) return null;
  return h("button", { type: "button", class: "small ghost read", "data-testid": "read-evidence",
    title: "Open the document with this sentence highlighted",
    onclick: () => document.dispatchEvent(new CustomEvent("innograph:read", { detail: ev })) }, "Read in context");
}

// A document reference that shows the document's title, kind and date once known.
const docCache = new Map();
export function docRef(id) {
  const el = h("span", { class: "doc", title: id, dataset: { doc: id } }, docTitle(id));
  if (!id) return el;
  if (!docCache.has(id)) {
    docCache.set(id, fetch(`api/v1/documents/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  docCache.get(id).then((doc) => {
    if (!doc) return;
    clear(el);
    const title = doc.title || docTitle(id);
    el.append(doc.url && /^https?:/.test(doc.url)
      ? h("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, title) : title);
    const meta = [doc.kind === "registration" ? "registration record" : doc.kind, doc.published].filter(Boolean).join(", ");
    if (meta) el.append(h("span", { class: "doc-kind" }, ` · ${meta}`));
  });
  return el;
}
