"""One ingest run against a store (see ingest/__init__.py for the rules it keeps)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

from extract.formats import EXTRACT_SUFFIX, NEWS_EXTENSIONS, RECORD_FORMATS, is_extract_output
from graph.errors import BadInput
from graph.ids import document_id, legacy_document_id, normalise
from graph.model import Batch
from graph.schema import ontology
from ingest.files import file_size
from ingest.labels import one_label
from ingest.news import news_batch
from ingest.registrations import MEMBER_LABELS, keyed_people, parse_records, record_sha256, record_to_batch
from ingest.report import rejects_path_for

BATCH_RECORDS = 250
MAX_LISTED = 100  # rejects and skipped files listed in the summary
MAX_REJECTS_KEPT = 1000  # rejects written in full (with their record) to the rejects file; then counts
REJECTS_ROTATED = 5  # earlier runs' rejects files kept (x.rejects.jsonl.1 is the previous run's)
_COUNTS = ("files", "read", "ingested", "rejected", "unchanged", "duplicates", "skipped", "unreadable",
           "replaced", "retracted", "migrated", "entities_added", "relations_added", "documents_added")


class Ingest:
    """One ingest run against ``store``: feed it files, then :meth:`finish` for the summary."""

    def __init__(self, store, *, rejects_path=None, bar=None):
        self.store = store
        self.rejects_path = Path(rejects_path) if rejects_path else rejects_path_for(store)
        self.bar = bar
        self.counts = dict.fromkeys(_COUNTS, 0)
        self.touched: set[str] = set()  # node ids news wrote: resolution's second pass looks at them
        self.rejects: list[dict] = []  # the first MAX_REJECTS_KEPT, in full
        self.rejects_more: dict[tuple[str, str], int] = {}  # the rest: (file, reason) -> how many
        self.skipped_files: list[str] = []
        self.started = time.monotonic()
        self.before = store.stats()
        self._docs: dict[str, tuple[str, str]] | None = None  # every stored document: id -> (kind, sha256)
        self._by_sha: dict[tuple[str, str], str] = {}  # (kind, sha256) -> a document id
        self._labels: dict[str, str] = {}
        self._entities: dict[tuple, object] = {}  # entity records of this run -> their entity (ingest/news.py)
        self._pending: list[tuple[int, dict, Batch, bool, str]] = []

    # ---- bookkeeping ----------------------------------------------------------------------------
    def reject(self, name: str, line: int | None, reason: str, record=None, *, unreadable=False) -> None:
        self.counts["unreadable" if unreadable else "rejected"] += 1
        if len(self.rejects) < MAX_REJECTS_KEPT:
            self.rejects.append({"file": name, "line": line, "reason": reason, "record": record})
        else:  # bounded: a file of a million bad rows must not write a rejects file of gigabytes
            key = (name, reason[:80])
            if key in self.rejects_more or len(self.rejects_more) < 1000:
                self.rejects_more[key] = self.rejects_more.get(key, 0) + 1
            else:
                self.rejects_more[(name, "other reasons")] = self.rejects_more.get((name, "other reasons"), 0) + 1

    def skip(self, name: str) -> None:
        self.counts["skipped"] += 1
        if len(self.skipped_files) < MAX_LISTED:
            self.skipped_files.append(name)

    def _advance(self, n: float) -> None:
        if self.bar is not None and n:
            self.bar.update(n)

    def _stored_docs(self) -> dict[str, tuple[str, str]]:
        """Every stored document's kind and sha256, listed once per run (then kept up to date)."""
        if self._docs is None:
            self._docs = {}
            for d in self.store.iter_documents():
                self._remember(d.id, d.kind, d.sha256)
        return self._docs

    def _remember(self, doc_id: str, kind: str, sha: str) -> None:
        self._docs[doc_id] = (kind, sha)
        if sha:
            self._by_sha.setdefault((kind, sha), doc_id)

    def _forget(self, doc_id: str) -> None:
        kind, sha = self._docs.pop(doc_id, ("", ""))
        if self._by_sha.get((kind, sha)) == doc_id:
            del self._by_sha[(kind, sha)]

    def _known_elsewhere(self, kind: str, sha: str) -> bool:
        """Is this content stored under another name (the same file ingested from elsewhere, or a copy)?"""
        self._stored_docs()
        return (kind, sha) in self._by_sha

    def label_of(self, name: str) -> str | None:
        """Label hint for a bare participant name: this run's records first, then the store."""
        key = normalise(name)
        if key not in self._labels:
            try:
                ent = self.store.get(name)
            except BadInput:
                ent = None
            self._labels[key] = ent.label if ent is not None and ent.label in MEMBER_LABELS else ""
        return self._labels[key] or None

    def _learn_from(self, record: dict, name: str, loc: int | str) -> None:
        """Learn the labels of an unchanged record as if it were ingested now, so that a run resumed
        after an interruption labels the later records as an uninterrupted run would."""
        try:
            self._learn(record_to_batch(record, name, loc, label_of=self.label_of))
        except BadInput:
            pass

    def _learn(self, batch: Batch) -> None:
        for e in batch.entities:
            if e.label in MEMBER_LABELS:
                for a in e.aliases:
                    if not self._labels.get(normalise(a)):
                        self._labels[normalise(a)] = e.label

    # ---- news ------------------------------------------------------------------------------------
    def news(self, name: str, path: Path, data: bytes) -> None:
        """One article: unchanged (same sha256), else extracted, its old version retracted, added."""
        self.counts["read"] += 1
        doc_id, sha = document_id(name), hashlib.sha256(data).hexdigest()
        old = self.store.get_document(doc_id)
        legacy = self._legacy_news(name) if old is None else None
        if legacy is not None and legacy.sha256 == sha:
            return self._migrate_news(name, path, data, legacy)
        if legacy is not None:  # stored by an older version under its folded id, and changed since
            old = legacy
        if (old is not None and old.sha256 == sha) or (old is None and self._known_elsewhere("news", sha)):
            self.counts["unchanged"] += 1
            return
        from extract import extract_document, read_document  # spaCy loads only when news come
        try:
            text, is_html = read_document(path)
        except BadInput as exc:
            self.counts["read"] -= 1
            return self.reject(name, None, exc.message, unreadable=True)
        try:
            result = extract_document(text, name, html=is_html)
        except BadInput as exc:
            return self.reject(name, None, exc.message)
        except Exception as exc:  # noqa: BLE001 - one article the extractor trips on must not stop the ingest
            return self.reject(name, None, f"extraction failed: {type(exc).__name__}: {exc}")
        self._store_news(name, doc_id, sha, old, result)

    def _unchanged(self, doc_id: str, sha: str):
        """False (counted unchanged) when this content is stored already; else the stored document
        of that id, or None."""
        old = self.store.get_document(doc_id)
        if (old is not None and old.sha256 == sha) or (old is None and self._known_elsewhere("news", sha)):
            self.counts["unchanged"] += 1
            return False
        return old

    def _store_news(self, name: str, doc_id: str, sha: str, old, result: dict) -> None:
        """Store one extracted article (its old version retracted first)."""
        try:
            batch = one_label(self.store, news_batch(result, doc_id, sha, self._entities))
        except BadInput as exc:
            return self.reject(name, None, exc.message)
        if old is not None:
            self.store.retract_document(old.id)
            self._forget(old.id) if self._docs is not None else None
            self.counts["replaced"] += 1
        try:
            self.touched |= set(self.store.upsert(batch)["ids"].values())
        except BadInput as exc:
            return self.reject(name, None, f"refused by the store: {exc}")
        if self._docs is not None:
            self._remember(doc_id, "news", sha)
        self.counts["ingested"] += 1

    def extracted(self, name: str, data: bytes) -> None:
        """One ``*.extract.jsonl`` file of ``innograph extract --out``: each line an article already
        extracted, stored as ingest of the article itself would store it (same document id, named
        by the ``name`` it was extracted under, and sha256), without extracting again."""
        lines = data.split(b"\n")
        for lineno, raw in enumerate(lines, 1):
            self._advance(len(raw) + 1 if lineno < len(lines) else len(raw))
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
                if not isinstance(rec, dict) or not isinstance(rec.get("name"), str) or not rec["name"]:
                    raise ValueError("not an extraction record (no document name)")
                doc_name, sha = rec["name"], str(rec.get("sha256") or "")
                doc_id = document_id(doc_name)
            except (ValueError, BadInput) as exc:
                self.reject(name, lineno, f"unreadable extraction record: {exc}", unreadable=True)
                continue
            if "error" in rec:
                reason = str(rec.get("reason") or rec["error"])
                if not rec.get("unreadable"):
                    self.counts["read"] += 1
                self.reject(doc_name, None, reason, unreadable=bool(rec.get("unreadable")))
                continue
            self.counts["read"] += 1
            old = self._unchanged(doc_id, sha)
            if old is not False:
                self._store_news(doc_name, doc_id, sha, old, rec)

    def _legacy_news(self, name: str):
        legacy = legacy_document_id(name)
        return self.store.get_document(legacy) if legacy else None

    def _migrate_news(self, name: str, path: Path, data: bytes, legacy) -> None:
        """An unchanged article stored by an older version under its folded id: moved to its new id
        (extracted again, the old document retracted); counted ``unchanged`` and ``migrated``."""
        before = dict(self.counts)
        self.store.retract_document(legacy.id)
        if self._docs is not None:
            self._forget(legacy.id)
        self.counts["read"] -= 1
        self.news(name, path, data)
        if self.counts["ingested"] > before["ingested"]:
            self.counts["ingested"] -= 1
            self.counts["unchanged"] += 1
            self.counts["migrated"] += 1

    # ---- registrations -------------------------------------------------------------------------
    def registrations(self, name: str, data: bytes, fmt: str, *, size: int = 0) -> None:
        """One registration file: each record validated, deduplicated, compared, upserted in batches."""
        try:
            rows = list(parse_records(name, data, fmt))
        except BadInput as exc:
            return self.reject(name, None, exc.message, unreadable=True)
        docs = self._stored_docs()
        pattern, legacy = _record_ids(name), _legacy_record_ids(name)
        fresh = not any(pattern.match(i) or legacy.match(i) for i in docs)  # no record of this file is stored yet
        seen: set[str] = set()
        current: set[str] = set()
        on_line: dict[int, int] = {}  # records starting on each line so far
        done = 0.0
        for n, (line, rec) in enumerate(rows, 1):
            self.counts["read"] += 1
            k = on_line[line] = on_line.get(line, 0) + 1
            loc = line if k == 1 else f"{line}.{k}"
            if isinstance(rec, str):
                self.reject(name, line, rec)
                continue
            doc_id, sha = document_id(f"{name}:{loc}"), record_sha256(rec)
            if sha in seen:
                self.counts["duplicates"] += 1
                continue
            old_id = doc_id if doc_id in docs else None
            if old_id is None:  # stored by an older version under the folded id?
                lid = legacy_document_id(f"{name}:{loc}")
                old_id = lid if lid in docs and docs[lid][0] == "registration" else None
            migrate = old_id is not None and old_id != doc_id and docs[old_id][1] == sha
            if (old_id == doc_id and docs[doc_id][1] == sha) or (fresh and ("registration", sha) in self._by_sha):
                seen.add(sha)  # stored as it is: valid, nothing to write
                current.add(doc_id)
                self.counts["unchanged"] += 1
                self._learn_from(rec, name, loc)
                continue
            try:
                batch = record_to_batch(rec, name, loc, label_of=self.label_of)
            except BadInput as exc:
                self.reject(name, line, exc.message, rec)
                continue
            seen.add(sha)
            current.add(doc_id)
            self._learn(batch)
            self._pending.append((line, rec, batch, old_id, name, migrate))
            if len(self._pending) >= BATCH_RECORDS:
                self.flush()
                self._advance(size * n / len(rows) - done)
                done = size * n / len(rows)
        self.flush()
        self._advance(size - done)
        self._sweep(name, current)

    def flush(self) -> None:
        """Upsert the pending records in one batch (their old versions retracted first); on refusal,
        one by one. A record moved from its folded id unchanged counts ``unchanged`` and ``migrated``."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        self._stored_docs()
        for _line, _rec, _batch, old_id, _name, migrate in pending:
            if old_id is not None:
                self.store.retract_document(old_id)
                self._forget(old_id)
                self.counts["migrated" if migrate else "replaced"] += 1
        own = [keyed_people(p[2]) for p in pending]
        merged = Batch([e for b in own for e in b.entities], [r for b in own for r in b.relations],
                       [d for b in own for d in b.documents])
        try:
            self.store.upsert(merged)
            ok = pending
        except BadInput:
            ok = []
            for item in pending:
                try:
                    self.store.upsert(keyed_people(item[2]))
                    ok.append(item)
                except BadInput as exc:
                    self.reject(item[4], item[0], f"refused by the store: {exc.message}", item[1])
        for item in ok:
            d = item[2].documents[0]
            self._remember(d.id, "registration", d.sha256)
        self.counts["unchanged"] += sum(1 for item in ok if item[5])
        self.counts["ingested"] += sum(1 for item in ok if not item[5])

    def _sweep(self, name: str, current: set[str]) -> None:
        """Retract this file's record documents that no longer stand for a valid record."""
        pattern, legacy = _record_ids(name), _legacy_record_ids(name)
        docs = self._stored_docs()
        for doc_id in sorted(i for i, (kind, _) in docs.items() if kind == "registration"
                             and (pattern.match(i) or legacy.match(i)) and i not in current):
            self.store.retract_document(doc_id)
            self._forget(doc_id)
            self.counts["retracted"] += 1

    # ---- files -----------------------------------------------------------------------------------
    def file(self, path: Path, name: str) -> None:
        """Ingest one file by its extension (news or registrations); others are skipped."""
        ext = path.suffix.lower()
        if is_extract_output(path.name):
            ext = EXTRACT_SUFFIX
        elif ext not in NEWS_EXTENSIONS and ext not in RECORD_FORMATS:
            return self.skip(name)
        self.counts["files"] += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._advance(file_size(path))
            return self.reject(name, None, f"cannot read: {exc.strerror or exc}", unreadable=True)
        if ext == EXTRACT_SUFFIX:
            self.extracted(name, data)
        elif ext in NEWS_EXTENSIONS:
            self.news(name, path, data)
            self._advance(len(data))
        else:
            self.registrations(name, data, RECORD_FORMATS[ext], size=len(data))

    def _write_rejects(self) -> None:
        """This run's rejects file (the previous run's rotated away): the first MAX_REJECTS_KEPT
        rejects in full, then one line per file and reason with how many more there were."""
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        if str(self.rejects_path) != os.devnull:
            self.rejects_path.parent.mkdir(parents=True, exist_ok=True)
            _rotate(self.rejects_path)
        with open(self.rejects_path, "a", encoding="utf-8") as fh:
            for r in self.rejects:
                fh.write(json.dumps({**r, "time": stamp}, ensure_ascii=False, default=str) + "\n")
            for (name, reason), n in self.rejects_more.items():
                fh.write(json.dumps({"file": name, "line": None, "reason": reason, "more": n, "time": stamp},
                                    ensure_ascii=False) + "\n")

    def finish(self) -> dict:
        """Flush, write the rejects file, and return the summary."""
        self.flush()
        merges = []
        if self.touched:  # shortened/extended forms and spelling variants (graph/resolution.py)
            from graph.resolution import consolidate

            merges = consolidate(self.store, self.touched)
        after = self.store.stats()
        c = self.counts
        c["entities_added"] = sum(after["nodes"].values()) - sum(self.before["nodes"].values())
        rel = ontology().path_relation_types
        c["relations_added"] = sum(after["relations"].get(t, 0) - self.before["relations"].get(t, 0) for t in rel)
        c["documents_added"] = after["documents"] - self.before["documents"]
        summary = dict(c, seconds=round(time.monotonic() - self.started, 3), rejects_file=None,
                       rejects=[{k: r[k] for k in ("file", "line", "reason")} for r in self.rejects[:MAX_LISTED]],
                       skipped_files=self.skipped_files, resolution_merges=len(merges))
        if self.rejects:
            summary["rejects_file"] = str(self.rejects_path)
            self._write_rejects()
        return summary


def _rotate(path: Path, keep: int = REJECTS_ROTATED) -> None:
    """``path`` → ``path.1`` → ... → ``path.<keep>`` (the oldest dropped): one file per run."""
    for i in range(keep - 1, 0, -1):
        older = path.with_name(f"{path.name}.{i}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{i + 1}"))
    if path.exists():
        os.replace(path, path.with_name(f"{path.name}.1"))


def _record_ids(name: str) -> re.Pattern:
    """Matches the document ids of the records of the file ``name`` (``name:line`` or ``name:line.k``)."""
    return re.compile(re.escape(document_id(name)) + r":\d+(\.\d+)?$")


def _legacy_record_ids(name: str) -> re.Pattern:
    """Matches the ids older versions gave the records of ``name`` (folded: ``name-line-k``); they
    are moved to their new ids as the file is read again."""
    base = legacy_document_id(name)
    return re.compile(re.escape(base) + r"-\d+(-\d+)?$") if base else re.compile(r"(?!)")


