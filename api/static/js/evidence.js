// Evidence lookups shared by the views: the sentences behind one link, and behind an entity's links.
import { get } from "./api.js";

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

// Run fn over items with at most `n` at a time.
export async function pool(items, n, fn) {
  const out = new Array(items.length);
  let i = 0;
  const worker = async () => {
    while (i < items.length) {
      const j = i++;
      try {
        out[j] = await fn(items[j]);
      } catch (err) {
        out[j] = { error: err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

// Group the evidence of an entity's direct links by document: {docId: [{sentence, link}]}.
export async function evidenceByDocument(entityId, links, { max = 40 } = {}) {
  const mine = links.filter((l) => l.source === entityId || l.target === entityId).slice(0, max);
  const found = await pool(mine, 6, (l) => linkEvidence(l.source, l.type, l.target));
  const byDoc = new Map();
  found.forEach((edge, i) => {
    if (!edge || edge.error) return;
    for (const ev of edge.evidence || []) {
      if (!ev.document) continue;
      if (!byDoc.has(ev.document)) byDoc.set(ev.document, []);
      const list = byDoc.get(ev.document);
      if (!list.some((x) => x.sentence === ev.sentence)) list.push({ sentence: ev.sentence, link: mine[i], confidence: ev.confidence });
    }
  });
  return { byDoc, checked: mine.length, total: links.filter((l) => l.source === entityId || l.target === entityId).length };
}
