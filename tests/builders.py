"""Transitional shim, to be deleted: the builders live in tests/support/builders.py. Only
tests/test_api_schemathesis.py still imports ``builders`` (for ``doc_id``); once it imports
``support.builders``, remove this file."""
from support.builders import doc_id  # noqa: F401
