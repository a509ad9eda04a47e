// Evidence lookups shared by the views: the sentences behind one link, and behind an entity's links.
import { enc, get } from "./api.js";

const cache = new Map();

// The evidence of the stored relation source -TYPE- target: a one-hop path of that type carries it.
export async function linkEvidence(source, type, target) {
  const key = `${source}|${type}|${target}`;
  if (cache.has(key)) return cache.get(key);
  const p = get("paths", { from: source, to: target, k: 10, max_hops: 1, types: type || undefined })
    .then((body) => {
      for (const path of (body && body.paths) || []) {
        for (const e of path.edges || []) {
          const same = (e.source === source && e.target === target) || (e.source === target && e.target === source);
          if (same && (!type || e.type === type)) return e;
        }
      }
      return { source, target, type, evidence: [] };
    })
    .catch((err) => {
      cache.delete(key);
      throw err;
    });
  cache.set(key, p);
  return p;
}

// An entity's own relations with their evidence, in one request (GET entities/{id}/relations), and
// their sentences grouped by document: {entity, relations, total, byDoc: Map(docId -> [{sentence, link}])}.
// The relations also fill the link cache, so that clicking one of them needs no further request.
export async function relationEvidence(entityId, { limit = 500, signal } = {}) {
  const body = await get(`entities/${enc(entityId)}/relations`, { limit }, { signal });
  const byDoc = new Map();
  for (const rel of body.relations || []) {
    cache.set(`${rel.source}|${rel.type}|${rel.target}`, Promise.resolve(rel));
    for (const ev of rel.evidence || []) {
      if (!ev.document) continue;
      if (!byDoc.has(ev.document)) byDoc.set(ev.document, []);
      const list = byDoc.get(ev.document);
      if (!list.some((x) => x.sentence === ev.sentence)) list.push({ sentence: ev.sentence, link: rel, confidence: ev.confidence, start: ev.start, end: ev.end });
    }
  }
  return { entity: body.entity, relations: body.relations || [], total: body.total, byDoc };
}
