"""InnoGraph's front ends: the HTTP API (``create_app``), the ``innograph`` CLI and the web page."""
