// Search box with suggestions: an ARIA 1.2 combobox (↑ ↓ to move, Enter to pick, Esc to close).
// Nothing is highlighted until ↑ or ↓: the first ↓ highlights the first suggestion.
import { get, listOf } from "./api.js";
import { badge, clear, confusableMark, debounce, h } from "./dom.js";

let counter = 0;

/**
 * attachSuggest(input, {types, onSelect, limit})
 * types: entity labels to search (optional). onSelect(hit) gets {id, name, type, ...}.
 * Returns {setValue(hit), value(), clear()}; the chosen hit is kept until the text changes.
 */
export function attachSuggest(input, { types = [], onSelect = () => {}, limit = 8 } = {}) {
  const id = `suggest-${++counter}`;
  const list = h("ul", { id, class: "suggestions", role: "listbox", "data-testid": "suggestions", hidden: true,
    "aria-label": "Suggestions" });
  input.parentElement.append(list);
  // The input's combobox attributes are set here (index.html gives only its id, placeholder, testid).
  for (const [k, v] of Object.entries({ type: "search", autocomplete: "off", spellcheck: "false" })) input.setAttribute(k, v);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id);

  let hits = [];
  let active = -1;
  let chosen = null;
  let controller = null;
  let seq = 0;

  const open = (yes) => {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", String(yes));
    if (!yes) {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
  };

  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute("aria-activedescendant", list.children[i].id);
      list.children[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };

  const pick = (hit) => {
    chosen = hit;
    input.value = hit.name;
    input.dataset.id = hit.id;
    input.dataset.type = hit.type;
    open(false);
    onSelect(hit);
  };

  const render = (query) => {
    clear(list);
    if (!hits.length) {
      list.append(h("li", { class: "none", role: "option", "aria-disabled": "true", id: `${id}-none` },
        `No entity matches “${query}”`));
      open(true);
      return;
    }
    hits.forEach((hit, i) => {
      const alias = hit.matched && hit.matched !== hit.name ? hit.matched : "";
      list.append(h("li", {
        id: `${id}-${i}`, role: "option", "aria-selected": "false", class: "option",
        "data-testid": "suggestion", dataset: { id: hit.id, type: hit.type },
        onmousedown: (e) => e.preventDefault(), // keep focus in the input
        onclick: () => pick(hit),
        onmousemove: () => active !== i && highlight(i),
      }, badge(hit.type), h("span", { class: "opt-name" }, hit.name), confusableMark(hit),
      alias ? h("span", { class: "opt-alias" }, `“${alias}”`) : null));
    });
    open(true);
    highlight(-1); // nothing pre-highlighted: ↓ then Enter picks the first suggestion
  };

  const fetchHits = debounce(async (query) => {
    const mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const body = await get("entities", { q: query, type: types.join(",") || undefined, limit },
        { signal: controller.signal });
      if (mine !== seq) return;
      hits = listOf(body).filter((x) => x && x.id);
      render(query);
    } catch (err) {
      if (err.name === "AbortError" || mine !== seq) return;
      hits = [];
      clear(list);
      list.append(h("li", { class: "none error", role: "option", "aria-disabled": "true", id: `${id}-err` }, err.message));
      open(true);
    }
  }, 140);

  input.addEventListener("input", () => {
    chosen = null;
    delete input.dataset.id;
    delete input.dataset.type;
    const q = input.value.trim();
    if (!q) {
      seq++;
      open(false);
      return;
    }
    fetchHits(q);
  });

  input.addEventListener("keydown", (e) => {
    const n = hits.length;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (list.hidden && input.value.trim()) fetchHits(input.value.trim());
      else if (n) highlight((active + 1) % n);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (n) highlight(active < 0 ? n - 1 : (active - 1 + n) % n);
    } else if (e.key === "Enter") {
      if (!list.hidden && active >= 0 && hits[active]) {
        e.preventDefault();
        pick(hits[active]);
      }
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        open(false);
      }
    } else if (e.key === "Tab") {
      open(false);
    }
  });

  input.addEventListener("blur", () => setTimeout(() => open(false), 120));

  return {
    setValue(hit) {
      chosen = hit;
      input.value = hit ? hit.name : "";
      if (hit) {
        input.dataset.id = hit.id;
        input.dataset.type = hit.type;
      }
      open(false);
    },
    // The chosen entity, else the typed text as a reference (the API resolves names and aliases).
    value() {
      if (chosen) return chosen.id;
      return input.value.trim();
    },
    chosen: () => chosen,
    close: () => open(false),
  };
}
