// The article reader: a dialog with the document behind an evidence sentence (title, URL, date, source
// kind, file), the article's text with that sentence highlighted by its offsets (or found by its
// words), or the registration record's lines. Opened by the "innograph:read" event that evidence
// lists send (dom.js readButton), so that no view needs to import it.
import { enc, get } from "./api.js";
import { clear, h, message } from "./dom.js";

let dialog = null;

function ensureDialog() {
  if (dialog) return dialog;
  dialog = h("dialog", { class: "reader", "data-testid": "reader", "aria-labelledby": "reader-title" });
  dialog.addEventListener("click", (e) => { if (e.target === dialog) dialog.close(); });
  document.body.append(dialog);
  return dialog;
}

// Original-file offset -> offset in the cleaned text, through the [clean, original, length] pieces.
function toClean(map, pos, end = false) {
  if (!map || !map.length) return pos;
  let prev = null;
  for (const [c, o, len] of map) {
    // in text the cleaning dropped (a line break, markup): the next piece's start, or for an end the
    // previous piece's end
    if (pos < o) return end && prev !== null ? prev : c;
    if (pos <= o + len) return c + (pos - o);
    prev = c + len;
  }
  return null;
}

function locate(doc, ev) {
  const text = doc.text || "";
  const sentences = [ev.sentence, ...(ev.sentences || [])].filter(Boolean);
  if (Number.isInteger(ev.start) && Number.isInteger(ev.end)) {
    const a = toClean(doc.map, ev.start), b = toClean(doc.map, ev.end, true);
    if (a !== null && b !== null && b > a) {
      const got = text.slice(a, b);
      if (!sentences.length || sentences.some((s) => got.replace(/\s+/g, " ").includes(s.replace(/\s+/g, " ").slice(0, 30)))) return [a, b, "offsets"];
    }
  }
  for (const s of sentences) {
    const i = text.indexOf(s);
    if (i >= 0) return [i, i + s.length, "text"];
    const head = s.slice(0, 40);
    const j = head.length > 12 ? text.indexOf(head) : -1;
    if (j >= 0) return [j, Math.min(text.length, j + s.length), "text"];
  }
  return null;
}

function meta(doc) {
  const kind = doc.kind === "registration" ? "registration record" : "news article";
  return h("dl", { class: "props reader-meta", "data-testid": "reader-meta" },
    h("dt", {}, "source"), h("dd", { "data-testid": "reader-kind" }, kind),
    h("dt", {}, "date"), h("dd", { "data-testid": "reader-date" }, doc.published || "not given"),
    h("dt", {}, "URL"), h("dd", { "data-testid": "reader-url" }, doc.url && /^https?:/.test(doc.url)
      ? h("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, doc.url) : "not given"),
    h("dt", {}, "file"), h("dd", { "data-testid": "reader-file" }, doc.name || "not found in the documents folder"));
}

function body(doc, ev) {
  if (doc.kind === "registration") {
    const rec = doc.record;
    return h("div", { class: "reader-record" },
      ev.sentence ? h("blockquote", {}, ev.sentence) : null,
      rec ? h("pre", { class: "reader-lines", "data-testid": "reader-record" },
        rec.header ? h("span", { class: "muted" }, `header: ${rec.header}\n`) : null,
        rec.lines.map((l) => h("span", {}, h("span", { class: "lineno" }, String(l.line).padStart(4) + "  "), l.text + "\n")))
        : message("empty", "The record's file is not in the documents folder any more."));
  }
  if (!doc.text) return message("empty", "The article's file is not in the documents folder any more: only its evidence sentences are stored.");
  const at = locate(doc, ev);
  const text = doc.text;
  const pre = h("div", { class: "reader-text", "data-testid": "reader-text" });
  if (at) {
    pre.append(text.slice(0, at[0]), h("mark", { "data-testid": "reader-mark", dataset: { found: at[2] } }, text.slice(at[0], at[1])), text.slice(at[1]));
  } else pre.append(text);
  return h("div", {}, doc.current === false ? message("info", "The file changed since it was ingested; the highlight may be off.") : null,
    at ? null : message("info", "The sentence was not found in the article's text."), pre);
}

export async function openReader(ev) {
  const dlg = ensureDialog();
  const close = h("button", { type: "button", class: "small ghost reader-close", "data-testid": "reader-close", onclick: () => dlg.close() }, "Close");
  const content = h("div", { class: "reader-body" }, message("loading", "Opening the document…"));
  clear(dlg).append(h("div", { class: "reader-head" }, h("h2", { id: "reader-title", "data-testid": "reader-title" }, "Document"), close), content);
  if (!dlg.open) dlg.showModal();
  try {
    const doc = await get(`documents/${enc(ev.document)}/text`);
    dlg.querySelector("#reader-title").textContent = doc.title || doc.name || doc.id;
    clear(content).append(meta(doc), body(doc, ev));
    const mark = content.querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
    dlg.dataset.ready = "true";
  } catch (err) {
    clear(content).append(message("error", err.message));
  }
}

export function initReader() {
  document.addEventListener("innograph:read", (e) => openReader(e.detail));
}
