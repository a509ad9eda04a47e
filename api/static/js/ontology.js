// The ontology as the server declares it (GET api/v1/ontology, from graph/ontology.toml): the page's one
// source for the entity types and relation types, the colour, shape and glyph of each type, and the
// readable phrase of each relation. loadOntology() fills it once, before the views are built.
import { get } from "./api.js";

// For a type the ontology does not know (or before it has loaded, or when it could not be).
export const UNKNOWN = Object.freeze({ color: "#64748b", shape: "ellipse", glyph: "●" });

const state = { labels: [], relations: [], symmetric: [], styles: new Map(), phrases: new Map() };

// Take the API's answer: labels in display order, each with its style; relation types with their phrases.
export function setOntology(body) {
  const labels = (body && Array.isArray(body.labels)) ? body.labels : [];
  const relations = (body && Array.isArray(body.relations)) ? body.relations : [];
  state.styles = new Map(labels.filter((l) => l && l.name && l.style)
    .map((l) => [l.name, Object.freeze({ color: l.style.color, shape: l.style.shape, glyph: l.style.glyph })]));
  state.phrases = new Map(relations.filter((r) => r && r.name && r.phrase).map((r) => [r.name, r.phrase]));
  // Documents are sources, not entities; provenance links are not walked or filtered.
  state.labels = labels.filter((l) => l && l.name && l.entity !== false).map((l) => l.name);
  state.relations = relations.filter((r) => r && r.name && !r.provenance).map((r) => r.name);
  state.symmetric = relations.filter((r) => r && r.name && r.symmetric).map((r) => r.name);
  return body;
}

export async function loadOntology() {
  return setOntology(await get("ontology"));
}

// Entity labels (City, Region, …) in display order.
export const entityLabels = () => state.labels;
// Relation types that paths and neighbourhoods walk, in the ontology's order.
export const pathRelations = () => state.relations;
// Relation types without a direction (drawn without an arrow).
export const symmetricRelations = () => state.symmetric;
// [label, style] of every label the ontology styles (Document too).
export const labelStyles = () => [...state.styles];

export const styleOf = (label) => state.styles.get(label) || UNKNOWN;
export const relText = (t) => state.phrases.get(t) || String(t || "").toLowerCase().replace(/_/g, " ");
