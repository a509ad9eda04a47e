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
# extraction output of ``innograph extract --out DIR`` (one JSON object a line, one per document):
# ingest stores it without extracting again; checked before the registration ``.jsonl`` kind
EXTRACT_SUFFIX = ".extract.jsonl"


def is_extract_output(name: str) -> bool:
    """Is this file extraction output (``*.extract.jsonl``), not registrations?

    >>> is_extract_output("out/part-00000.extract.jsonl"), is_extract_output("firms.jsonl")
    (True, False)
    """
    return str(name).lower().endswith(EXTRACT_SUFFIX)

