"""Documents: upload one (ingest), read one, retract one. Writes need an API key.

``POST /api/v1/documents`` takes a multipart upload (field ``file``): a news article (.txt .html
.htm .md) or a registrations file (.csv .json .jsonl), and answers with the ingest summary of
``ingest.ingest_upload``. ``DELETE /api/v1/documents/{id}`` removes a document and the
evidence it gave (relations and entities left without any are removed too). The key is checked,
and writes are rate-limited, before the body is read (api.runtime).

>>> from api.app import create_app
>>> app = create_app({"STORE_URI": "sqlite://:memory:", "API_KEYS": "s3cret"})
>>> c = app.test_client()
>>> c.delete("/api/v1/documents/document:x").status_code
401
>>> c.delete("/api/v1/documents/document:x", headers={"X-API-Key": "wrong"}).status_code
403
>>> c.delete("/api/v1/documents/document:x", headers={"X-API-Key": "s3cret"}).get_json()["detail"]
"no document 'document:x'"
>>> app.extensions["innograph"].close()
"""
from __future__ import annotations

import os

from apiflask import APIBlueprint
from flask import current_app, request

from api.problems import problem_responses
from api.reader import Reader, split_record_title
from api.runtime import API_PREFIX, runtime
from api.schemas import (
    INGEST_SUMMARY_SCHEMA,
    DocumentDetail,
    RefPath,
    Retracted,
    UploadForm,
    check_path_ref,
    check_upload_name,
)
from api.schemas_views import DocumentText
from graph.errors import BadInput, NotFound
from ingest import ingest_upload

bp = APIBlueprint("documents", __name__, url_prefix=API_PREFIX, tag="Documents")


@bp.post("/documents")
@bp.input(UploadForm, location="files")
@bp.doc(security="ApiKey", responses={
    200: {"description": "The ingest summary", "content": {"application/json": {"schema": INGEST_SUMMARY_SCHEMA}}},
    **problem_responses(400, 401, 403, 413, 422, 429, 500, 503)})
def upload(files_data):
    """Ingest a document

    A news article or a registrations file; answers with the ingest summary (read, ingested,
    rejected, unchanged). Ingesting the same file again changes nothing. Needs an API key.
    """
    extra = sorted((set(request.files) | set(request.form)) - set(UploadForm().fields))
    if extra:  # the document lists the fields (additionalProperties: false)
        raise BadInput(f"unknown form field {extra[0]!r}: send only file and filename", where=extra[0])
    if len(request.files.getlist("file")) > 1:
        raise BadInput("send one file per upload", where="file")
    upload = files_data["file"]
    name = files_data.get("filename") or upload.filename or ""
    if not name.strip():
        raise BadInput("the upload has no file name: send one or set filename", where="filename")
    name = check_upload_name(name)
    data = upload.read()
    rt = runtime()
    rejects = current_app.config.get("REJECTS_PATH")
    return rt.write(lambda s: ingest_upload(s, name, data, rejects_path=rejects), timeout=rt.ingest_timeout)


@bp.get("/documents/<path:id>")
@bp.output(DocumentDetail)
@bp.doc(responses=problem_responses(404, 422, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def document(id, path_data):  # noqa: A002 - the path parameter is called id
    """One document

    Its kind, title, url, publication date, hash and the entities it mentions.
    """
    check_path_ref(id)
    doc = runtime().run(lambda s: s.get_document(id), cheap=True)
    if doc is None:
        raise NotFound(f"no document {id!r}")
    d = doc.to_dict()
    return {**d, "mentions": sorted(doc.mentions)}


_readers: dict[str, Reader] = {}


def _reader() -> Reader:
    root = current_app.config.get("DOCUMENTS_ROOT") or os.getcwd()
    if root not in _readers:
        _readers[root] = Reader(root)
    return _readers[root]


@bp.get("/documents/<path:id>/text")
@bp.output(DocumentText)
@bp.doc(responses=problem_responses(404, 422, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def document_text(id, path_data):  # noqa: A002
    """One document's text

    For the article reader: a news article's cleaned text (evidence offsets point into it), read
    from the documents folder (INNOGRAPH_DOCUMENTS_ROOT, default the working directory), and
    whether the file still has the stored sha256; a registration record's lines. ``text`` and
    ``record`` are null when the file is not there any more. Names are relative to that folder.
    """
    check_path_ref(id)
    doc = runtime().run(lambda s: s.get_document(id))
    if doc is None:
        raise NotFound(f"no document {id!r}")
    reader = _reader()
    out = {"id": doc.id, "kind": doc.kind, "title": doc.title, "url": doc.url, "published": doc.published,
           "name": None, "text": None, "current": None, "record": None, "map": None}
    if doc.kind == "registration":
        where = split_record_title(doc.title)
        if where:
            out["name"] = where[0]
            out["record"] = reader.record(*where)
    else:
        name = reader.find(doc.id)
        art = reader.article(name, doc.sha256) if name else None
        if art:
            out.update(art)
    return out


@bp.delete("/documents/<path:id>")
@bp.output(Retracted)
@bp.doc(security="ApiKey", responses=problem_responses(401, 403, 404, 422, 429, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def retract(id, path_data):  # noqa: A002
    """Retract a document

    Removes the document and the evidence it gave; relations left without evidence and entities
    left unmentioned and unlinked go too. Needs an API key.
    """
    check_path_ref(id)
    return runtime().write(lambda s: s.retract_document(id))
