// Review: relations to accept or reject (lowest confidence first) and entity pairs to call the
// same or different. Verdicts are POSTed with the API key (kept for this browser tab only).
import { get, post } from "./api.js";
import { h } from "./dom.js";

const KEY_STORE = "innograph-api-key";

export function initReview(section, app) {
  const keyInput = section.querySelector('[data-testid="review-key"]');
  const relList = section.querySelector('[data-testid="review-relations"]');
  const entList = section.querySelector('[data-testid="review-entities"]');
  const status = section.querySelector('[data-testid="review-status"]');
  keyInput.value = sessionStorage.getItem(KEY_STORE) || "";
  keyInput.addEventListener("change", () => sessionStorage.setItem(KEY_STORE, keyInput.value.trim()));

  async function judge(path, payload) {
    try {
      await post(path, payload, keyInput.value.trim());
      status.textContent = `Saved: ${payload.verdict}`;
      status.dataset.state = "ok";
      await load();
    } catch (err) {
      status.textContent = err.status === 401 || err.status === 403 ? `Needs a valid API key (${err.message})` : err.message;
      status.dataset.state = "error";
    }
  }

  function button(label, testid, onClick) {
    const b = h("button", { type: "button", "data-testid": testid }, label);
    b.addEventListener("click", onClick);
    return b;
  }

  function relationItem(it) {
    const payload = { source: it.source.id, type: it.type, target: it.target.id };
    const ev = (it.evidence || []).slice(0, 3).map((e) => h("blockquote", {}, e.sentence || e.document));
    return h("li", { class: "card", "data-testid": "review-relation" },
      h("div", {}, h("strong", {}, it.source.name), ` ${it.type} `, h("strong", {}, it.target.name),
        h("small", {}, ` confidence ${Number(it.confidence).toFixed(2)}`)),
      ...ev,
      h("div", { class: "actions" },
        button("Accept", "review-accept", () => judge("review/relations", { ...payload, verdict: "accept" })),
        button("Reject", "review-reject", () => judge("review/relations", { ...payload, verdict: "reject" }))));
  }

  function entityItem(it) {
    const payload = { a: it.a.id, b: it.b.id };
    return h("li", { class: "card", "data-testid": "review-pair" },
      h("div", {}, h("strong", {}, it.a.name), " ~ ", h("strong", {}, it.b.name),
        h("small", {}, ` ${it.a.type} · score ${Number(it.score).toFixed(2)} · ${it.merged ? "merged" : "apart"}`)),
      h("div", {}, h("small", {}, (it.reasons || []).join("; "))),
      h("div", { class: "actions" },
        button("Same", "review-same", () => judge("review/entities", { ...payload, verdict: "same" })),
        button("Different", "review-different", () => judge("review/entities", { ...payload, verdict: "different" }))));
  }

  async function load() {
    section.dataset.state = "loading";
    try {
      const [rels, ents] = await Promise.all([get("review/relations", { limit: 50 }), get("review/entities", { limit: 50 })]);
      relList.replaceChildren(...rels.items.map(relationItem));
      entList.replaceChildren(...ents.items.map(entityItem));
      section.querySelector('[data-testid="review-relations-total"]').textContent = String(rels.total);
      section.querySelector('[data-testid="review-entities-total"]').textContent = String(ents.total);
      section.dataset.state = "ready";
    } catch (err) {
      status.textContent = err.message;
      status.dataset.state = "error";
      section.dataset.state = "error";
    }
  }

  return { graph: { cy: null }, shown: load, route() {}, load, app };
}
