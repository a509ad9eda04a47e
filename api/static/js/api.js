// Thin client for the InnoGraph HTTP API (relative URLs, so the page works behind a path prefix).

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

const BASE = "api/v1/";

// The time range of the page (timeline.js): since / until on every query that reads relations.
const WINDOWED = /^(paths|cooperation|match\/|entities\/[^/]+\/(neighbours|relations))/;
let timeWindow = {};

export function setTimeWindow(win) {
  timeWindow = { since: win.since || undefined, until: win.until || undefined };
}

export const getTimeWindow = () => ({ ...timeWindow });

export function url(path, params = {}) {
  const qs = new URLSearchParams();
  if (WINDOWED.test(path)) params = { ...timeWindow, ...params };
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    qs.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  const q = qs.toString();
  return BASE + path + (q ? "?" + q : "");
}

// GET a JSON resource; errors (application/problem+json) become ApiError with the server's detail.
export async function get(path, params = {}, { signal } = {}) {
  let resp;
  try {
    resp = await fetch(url(path, params), { headers: { Accept: "application/json" }, signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError("The server cannot be reached. Is innograph serve running?", 0);
  }
  let body = null;
  const text = await resp.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const detail = (body && (body.detail || body.title || body.message)) || `${resp.status} ${resp.statusText}`;
    throw new ApiError(detail, resp.status);
  }
  return body;
}

export const enc = encodeURIComponent;

// Lists may come bare or wrapped ({"results": [...]}, {"items": [...]}); accept both.
export function listOf(body, ...keys) {
  if (Array.isArray(body)) return body;
  for (const k of [...keys, "results", "items", "data", "hits"]) {
    if (body && Array.isArray(body[k])) return body[k];
  }
  return [];
}

// POST JSON with the API key (writes need one); errors become ApiError with the server's detail.
export async function post(path, payload, key) {
  let resp;
  try {
    resp = await fetch(url(path), {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-API-Key": key || "" },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new ApiError("The server cannot be reached. Is innograph serve running?", 0);
  }
  const text = await resp.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!resp.ok) throw new ApiError((body && (body.detail || body.title)) || `${resp.status} ${resp.statusText}`, resp.status);
  return body;
}
