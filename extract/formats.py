"""The one table of accepted file extensions: news articles (plain text or HTML) and registration
records. Ingest, ``innograph extract``, the upload endpoint and its OpenAPI schema all read it.

>>> ".html" in NEWS_EXTENSIONS and ".html" in HTML_EXTENSIONS, RECORD_FORMATS[".jsonl"]
(True, 'jsonl')
>>> ACCEPTED[:4]
('.txt', '.html', '.htm', '.md')
"""
from __future__ import annotations

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")  # read as HTML (page cleaning)
NEWS_EXTENSIONS = (".txt", ".html", ".htm", ".md", ".xhtml", ".shtml")  # one article per file
RECORD_FORMATS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl"}  # registration records
ACCEPTED = NEWS_EXTENSIONS + tuple(RECORD_FORMATS)

