"""A waitress server for tests, as ``innograph serve`` builds it (api.serving.make_waitress: the
app's body limits and body gate), stopped cleanly."""
from __future__ import annotations

import threading


class Waitress:
    """A waitress server over ``app`` on a free port, run until ``close`` (its loop stopped first)."""

    def __init__(self, app, **options):
        from api.serving import make_waitress

        self.server = make_waitress(app, host="127.0.0.1", port=0, **options)
        self.port = self.server.socket.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        from waitress import wasyncore

        while not self._stop.is_set():
            wasyncore.loop(timeout=0.05, map=self.server._map, count=1)

    def close(self):
        self._stop.set()
        self._thread.join(5)
        self.server.close()
