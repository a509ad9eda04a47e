"""``innograph ingest``: news articles and registration records into a store, incrementally.

News (``.txt .html .htm .md``) become one Document each; registrations (``.csv .json .jsonl``) one
Document per record (see ``extract/registrations.py``). Folders recurse in sorted order; hidden files
and folders are left out; other extensions, and a folder's README/LICENSE/CHANGELOG, count as ``skipped``.

Document ids. A file's name is its path relative to the working directory (``root``), or its absolute
path when it lies outside; a news article is ``make_id("Document", name)`` and a record
``make_id("Document", f"{name}:{line}")`` (the k-th record starting on one line, k > 1, is
``f"{name}:{line}.{k}"``: a minified ``.json`` file). ``ingest data/sample`` and ``ingest data/sample/news/a.txt``
thus name ``a.txt`` alike. An upload is named by its file name only.

Incremental. Every Document carries the sha256 of its content (the file's bytes for an article, the
record's canonical JSON for a record). Unchanged content is counted ``unchanged`` and not written; a
changed article or record is retracted, then added again; records that vanished from a file (rows
removed, moved to other lines, blanked or now invalid) are retracted. Content already stored under
another name (a file none of whose documents exist under its name: the same corpus ingested from
another directory, or a copy) is ``unchanged`` too. Identical repeated rows of a file are counted
``duplicates`` and give evidence once. Records are upserted a few hundred at a
time; when the store refuses a batch, its records are retried one by one so that only the bad one is
rejected. Rejections (file, line, reason, record) go to a JSON-lines rejects file beside the store.

>>> from graph.store import open_store
>>> store = open_store("sqlite://:memory:")
>>> data = "record_type,name,city,needs\\nenterprise,Hengtai Co.,嘉兴,photonics;new materials\\nenterprise,,Jiaxing\\n"
>>> s = ingest_upload(store, "firms.csv", data.encode(), rejects_path=os.devnull)
>>> s["read"], s["ingested"], s["rejected"], s["rejects"][0]["reason"], s["relations_added"]
(2, 1, 1, "missing required field 'name'", 3)
>>> ingest_upload(store, "firms.csv", data.encode(), rejects_path=os.devnull)["unchanged"]
1
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from api.ingest_report import cmd_ingest, exit_status, format_summary  # noqa: F401 - re-exported
from extract.registrations import FORMATS, MEMBER_LABELS, parse_records, record_sha256, record_to_batch
from graph.errors import BadInput
from graph.ids import make_id, normalise
from graph.model import Batch, Document, Entity, Relation
from graph.schema import ontology

NEWS_EXTENSIONS = (".txt", ".html", ".htm", ".md")
BATCH_RECORDS = 250
_NOT_NEWS = {"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE"}
MAX_LISTED = 100  # rejects and skipped files listed in the summary (all rejects go to the file)
_COUNTS = ("files", "read", "ingested", "rejected", "unchanged", "duplicates", "skipped", "unreadable",
           "replaced", "retracted", "entities_added", "relations_added", "documents_added")


def rejects_path_for(store) -> Path:
    """Where rejects go: $INNOGRAPH_REJECTS, else beside a SQLite file store (``x.db`` → ``x.rejects.jsonl``),
    else ``./innograph.rejects.jsonl``.

    >>> from graph.store import open_store
    >>> p = rejects_path_for(open_store("sqlite://:memory:"))
    >>> p.name if "INNOGRAPH_REJECTS" not in os.environ else "innograph.rejects.jsonl"
    'innograph.rejects.jsonl'
    """
    if os.environ.get("INNOGRAPH_REJECTS"):
        return Path(os.environ["INNOGRAPH_REJECTS"])
    path = getattr(store, "path", None)
    if isinstance(path, str) and path and path != ":memory:":
        p = Path(path)
        return p.with_name(p.stem + ".rejects.jsonl")
    return Path("innograph.rejects.jsonl")


def document_name(path: str | Path, root: str | Path | None = None) -> str:
    """The name a file's documents are known by: its path relative to ``root`` (default: the working
    directory), else its absolute path, with ``/`` separators.

    >>> document_name("/data/sample/news/../news/a.txt", root="/data")
    'sample/news/a.txt'
    >>> document_name("/elsewhere/b.csv", root="/data")
    '/elsewhere/b.csv'
    """
    p = os.path.abspath(path)
    base = os.path.abspath(root or os.getcwd())
    rel = os.path.relpath(p, base) if os.path.commonpath([p, base]) == base else p
    return Path(rel).as_posix()


def _news_extractor():
    """``(read_document, extract_document)`` of the extraction package (patched in tests)."""
    from extract import extract_document, read_document

    return read_document, extract_document


class Ingest:
    """One ingest run against ``store``: feed it files, then :meth:`finish` for the summary."""

    def __init__(self, store, *, rejects_path=None, bar=None):
        self.store = store
        self.rejects_path = Path(rejects_path) if rejects_path else rejects_path_for(store)
        self.bar = bar
        self.counts = dict.fromkeys(_COUNTS, 0)
        self.rejects: list[dict] = []
        self.skipped_files: list[str] = []
        self.started = time.monotonic()
        self.before = store.stats()
        self._docs: dict[str, tuple[str, str]] | None = None  # every stored document: id -> (kind, sha256)
        self._by_sha: dict[tuple[str, str], str] = {}  # (kind, sha256) -> a document id
        self._labels: dict[str, str] = {}
        self._pending: list[tuple[int, dict, Batch, bool, str]] = []

    # ---- bookkeeping ----------------------------------------------------------------------------
    def reject(self, name: str, line: int | None, reason: str, record=None, *, unreadable=False) -> None:
        self.counts["unreadable" if unreadable else "rejected"] += 1
        self.rejects.append({"file": name, "line": line, "reason": reason, "record": record})

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
        doc_id, sha = make_id("Document", name), hashlib.sha256(data).hexdigest()
        old = self.store.get_document(doc_id)
        if (old is not None and old.sha256 == sha) or (old is None and self._known_elsewhere("news", sha)):
            self.counts["unchanged"] += 1
            return
        try:
            read_document, extract_document = _news_extractor()
        except ImportError as exc:
            return self.reject(name, None, f"news extraction is unavailable: {exc}")
        try:
            text, is_html = read_document(path)
        except BadInput as exc:
            self.counts["read"] -= 1
            return self.reject(name, None, exc.message, unreadable=True)
        try:
            result = extract_document(text, name, html=is_html)
            batch = news_batch(result, doc_id, sha)
        except BadInput as exc:
            return self.reject(name, None, exc.message)
        except Exception as exc:  # noqa: BLE001 - one article the extractor trips on must not stop the ingest
            return self.reject(name, None, f"extraction failed: {type(exc).__name__}: {exc}")
        if old is not None:
            self.store.retract_document(doc_id)
            self.counts["replaced"] += 1
        try:
            self.store.upsert(batch)
        except BadInput as exc:
            return self.reject(name, None, f"refused by the store: {exc}")
        if self._docs is not None:
            self._remember(doc_id, "news", sha)
        self.counts["ingested"] += 1

    # ---- registrations -------------------------------------------------------------------------
    def registrations(self, name: str, data: bytes, fmt: str, *, size: int = 0) -> None:
        """One registration file: each record validated, deduplicated, compared, upserted in batches."""
        try:
            rows = list(parse_records(name, data, fmt))
        except BadInput as exc:
            return self.reject(name, None, exc.message, unreadable=True)
        docs = self._stored_docs()
        pattern = _record_ids(name)
        fresh = not any(pattern.match(i) for i in docs)  # no record of this file name is stored yet
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
            doc_id, sha = make_id("Document", f"{name}:{loc}"), record_sha256(rec)
            if sha in seen:
                self.counts["duplicates"] += 1
                continue
            if docs.get(doc_id, ("", ""))[1] == sha or (fresh and ("registration", sha) in self._by_sha):
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
            self._pending.append((line, rec, batch, doc_id in docs, name))
            if len(self._pending) >= BATCH_RECORDS:
                self.flush()
                self._advance(size * n / len(rows) - done)
                done = size * n / len(rows)
        self.flush()
        self._advance(size - done)
        self._sweep(name, current)

    def flush(self) -> None:
        """Upsert the pending records in one batch; on refusal, one by one."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        self._stored_docs()
        for _line, _rec, batch, changed, _name in pending:
            if changed:
                self.store.retract_document(batch.documents[0].id)
                self._forget(batch.documents[0].id)
                self.counts["replaced"] += 1
        merged = Batch([e for p in pending for e in p[2].entities], [r for p in pending for r in p[2].relations],
                       [d for p in pending for d in p[2].documents])
        try:
            self.store.upsert(merged)
            ok = pending
        except BadInput:
            ok = []
            for item in pending:
                try:
                    self.store.upsert(item[2])
                    ok.append(item)
                except BadInput as exc:
                    self.reject(item[4], item[0], f"refused by the store: {exc.message}", item[1])
        for item in ok:
            d = item[2].documents[0]
            self._remember(d.id, "registration", d.sha256)
        self.counts["ingested"] += len(ok)

    def _sweep(self, name: str, current: set[str]) -> None:
        """Retract this file's record documents that no longer stand for a valid record."""
        pattern = _record_ids(name)
        docs = self._stored_docs()
        for doc_id in sorted(i for i, (kind, _) in docs.items() if kind == "registration" and pattern.match(i)
                             and i not in current):
            self.store.retract_document(doc_id)
            self._forget(doc_id)
            self.counts["retracted"] += 1

    # ---- files -----------------------------------------------------------------------------------
    def file(self, path: Path, name: str) -> None:
        """Ingest one file by its extension (news or registrations); others are skipped."""
        ext = path.suffix.lower()
        if ext not in NEWS_EXTENSIONS and ext not in FORMATS:
            return self.skip(name)
        self.counts["files"] += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._advance(_size(path))
            return self.reject(name, None, f"cannot read: {exc.strerror or exc}", unreadable=True)
        if ext in NEWS_EXTENSIONS:
            self.news(name, path, data)
            self._advance(len(data))
        else:
            self.registrations(name, data, FORMATS[ext], size=len(data))

    def finish(self) -> dict:
        """Flush, write the rejects file, and return the summary."""
        self.flush()
        after = self.store.stats()
        c = self.counts
        c["entities_added"] = sum(after["nodes"].values()) - sum(self.before["nodes"].values())
        rel = ontology().path_relation_types
        c["relations_added"] = sum(after["relations"].get(t, 0) - self.before["relations"].get(t, 0) for t in rel)
        c["documents_added"] = after["documents"] - self.before["documents"]
        summary = dict(c, seconds=round(time.monotonic() - self.started, 3), rejects_file=None,
                       rejects=[{k: r[k] for k in ("file", "line", "reason")} for r in self.rejects[:MAX_LISTED]],
                       skipped_files=self.skipped_files)
        if self.rejects:
            summary["rejects_file"] = str(self.rejects_path)
            if str(self.rejects_path) != os.devnull:
                self.rejects_path.parent.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            with open(self.rejects_path, "a", encoding="utf-8") as fh:
                for r in self.rejects:
                    fh.write(json.dumps({**r, "time": stamp}, ensure_ascii=False, default=str) + "\n")
        return summary


def news_batch(result: dict, doc_id: str, sha256: str) -> Batch:
    """The batch of one extracted article (CONTRACT.md extract shape): entities, relations with their
    evidence in ``doc_id``, and the Document mentioning every entity. Items that break the ontology are
    dropped; raises BadInput only if the result is not an extraction at all."""
    if not isinstance(result, dict) or not isinstance(result.get("entities", []), list):
        raise BadInput("the extractor returned no entities list")
    ents: dict[str, Entity] = {}
    alias_of: dict[str, str] = {}
    for i, d in enumerate(result.get("entities") or []):
        try:
            e = Entity.from_dict(d, f"entities[{i}]")
        except BadInput:
            continue
        if e.label == "Document":
            continue
        if e.id in ents:
            ents[e.id].aliases |= e.aliases
        else:
            ents[e.id] = e
        alias_of[str(d.get("id") or e.id)] = e.id
    onto, rels = ontology(), []
    for r in result.get("relations") or []:
        if not isinstance(r, dict):
            continue
        src, tgt = alias_of.get(str(r.get("source_id"))), alias_of.get(str(r.get("target_id")))
        typ = r.get("type")
        if not src or not tgt or src == tgt or typ == "MENTIONS" or not onto.allows(ents[src].label, typ, ents[tgt].label):
            continue
        ev = {"document": doc_id, "sentence": r.get("evidence") or "", "start": r.get("start"), "end": r.get("end"),
              "extractor": r.get("extractor") or "extract", "confidence": r.get("confidence", 1.0)}
        try:
            rels.append(Relation.from_dict({"source_id": src, "target_id": tgt, "type": typ,
                                            "properties": r.get("properties") or {}, "evidence": [ev]}))
        except BadInput:
            continue
    doc = Document(doc_id, "news", title=str(result.get("title") or ""), sha256=sha256, mentions=set(ents))
    return Batch(list(ents.values()), rels, [doc])


def _record_ids(name: str) -> re.Pattern:
    """Matches the document ids of the records of the file ``name`` (``name:line`` or ``name:line.k``)."""
    return re.compile(re.escape(make_id("Document", name)) + r"-\d+(-\d+)?$")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _walk(paths, problems: list[tuple[str, str]], ignored: list[Path]) -> list[Path]:
    """Files under ``paths``: folders recurse in sorted order; hidden entries and rejects files are left
    out, and a folder's README/LICENSE/CHANGELOG go to ``ignored`` (they are not news)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for f in sorted(filenames):
                    if f.startswith(".") or f.endswith(".rejects.jsonl"):
                        continue
                    stem = f.split(".")[0].upper()
                    (ignored if stem in _NOT_NEWS else out).append(Path(dirpath, f))
        elif p.is_file():
            out.append(p)
        else:
            problems.append((str(raw), "no such file or directory"))
    seen, unique = set(), []
    for f in out:
        key = os.path.abspath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def ingest_paths(store, paths, *, rejects_path=None, progress: bool = False, root=None) -> dict:
    """Ingest files and folders into ``store``; returns the summary (see the module docstring).

    Missing paths and unreadable files are counted ``unreadable`` and listed in ``rejects``.
    """
    problems: list[tuple[str, str]] = []
    ignored: list[Path] = []
    files = _walk(paths, problems, ignored)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=sum(_size(f) for f in files), unit="B", unit_scale=True, desc="ingest", file=sys.stderr,
                   delay=1.0, leave=False, dynamic_ncols=True)
    run = Ingest(store, rejects_path=rejects_path, bar=bar)
    for raw, reason in problems:
        run.reject(raw, None, reason, unreadable=True)
    for f in ignored:
        run.skip(document_name(f, root))
    skip = {os.path.abspath(run.rejects_path)}
    try:
        for f in files:
            if os.path.abspath(f) not in skip:
                run.file(f, document_name(f, root))
    finally:
        if bar is not None:
            bar.close()
    return run.finish()


def ingest_upload(store, filename: str, data: bytes, *, rejects_path=None) -> dict:
    """Ingest one uploaded file (the HTTP API); the extension of ``filename`` picks the format.

    Raises BadInput for an unsupported extension or content that cannot be read at all.
    """
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    ext = Path(name).suffix.lower()
    if not name or (ext not in NEWS_EXTENSIONS and ext not in FORMATS):
        raise BadInput(f"unsupported file type {ext or name!r}: use {', '.join(NEWS_EXTENSIONS + tuple(FORMATS))}",
                       where="file")
    if isinstance(data, str):
        data = data.encode("utf-8")
    run = Ingest(store, rejects_path=rejects_path)
    run.counts["files"] = 1
    if ext in FORMATS:
        run.registrations(name, data, FORMATS[ext])
    else:
        with tempfile.TemporaryDirectory(prefix="innograph-upload-") as tmp:
            path = Path(tmp, name)
            path.write_bytes(data)
            run.news(name, path, data)
    if run.counts["unreadable"]:
        raise BadInput(run.rejects[-1]["reason"], where=name)
    return run.finish()
