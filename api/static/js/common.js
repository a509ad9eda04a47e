// What the form-and-drawing views (paths, matching, cooperation) share: their frame, loading an
// answer (stale answers dropped, errors shown on the stage), names of the nodes drawn, and cards
// that can be picked with the mouse or the keyboard.
import { Graph } from "./graph.js";
import { message } from "./dom.js";

// {inspector, setState, graph} of the view in `root`; graphOptions go to the Graph.
export function viewFrame(root, graphOptions) {
  return {
    inspector: root.querySelector(".inspector"),
    setState: (s) => { root.dataset.state = s; },
    graph: new Graph(root.querySelector("[data-stage]"), graphOptions),
  };
}

// Ask `request()` for the view's answer and hand it to `show(body)`, unless a newer request was made
// meanwhile (state.token); `reset()` runs first, `onError()` after an error is shown.
export async function loadAnswer(frame, state, { loading, request, show, reset, onError }) {
  const token = ++state.token;
  frame.setState("loading");
  frame.graph.showOverlay(message("loading", loading));
  if (reset) reset();
  try {
    const body = await request();
    if (token === state.token) show(body);
  } catch (err) {
    if (token !== state.token) return;
    state.answer = null;
    frame.graph.clearAll();
    frame.graph.setTitle("");
    if (onError) onError(err);
    frame.graph.showOverlay(message("error", err.message));
    frame.setState("error");
  }
}

// id -> {id, name, type...} from state.names (the id as the name when unknown).
export const namer = (state) => (id) => ({ id, ...(state.names.get(id) || { name: id }) });

// Attributes of a card that `pick()` selects on click (not on its entity links), Enter or Space.
export function pickable(pick) {
  return {
    tabindex: "0",
    onclick: (e) => { if (!e.target.closest(".entity-link")) pick(); },
    onkeydown: (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick();
      }
    },
  };
}
