"""The session keep-alive: one long ``GET P/heartbeat/{session_hash}`` in a thread.

While it is open the server keeps the session's ``gr.State``; when it closes, the server runs
the app's unload events and lets the session go.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx

from specblocks_client._http import Http, interrupt

#: Back-off between reconnection attempts after a server error, in seconds.
RETRY_MIN, RETRY_MAX = 0.5, 10.0


class Heartbeat:
    """Keeps ``P/heartbeat/<session>`` open for the current session, in a daemon thread.

    Args:
        http: The app's requests.
        session: Returns the current session hash (it changes on ``reset_session``), or
            ``None`` once the client is gone.
    """

    def __init__(self, http: Http, session: Callable[[], str | None]) -> None:
        self._http = http
        self._session = session
        self._stop = threading.Event()
        self._refreshed = threading.Event()
        self._lock = threading.Lock()
        self._response: httpx.Response | None = None
        self._thread = threading.Thread(
            target=self._run, name="specblocks-client-heartbeat", daemon=True
        )

    def start(self) -> None:
        """Open the stream."""
        self._thread.start()

    def refresh(self) -> None:
        """Drop the current connection and reconnect for the (new) current session."""
        self._refreshed.set()
        with self._lock:
            if self._response is not None:
                interrupt(self._response)

    def close(self, timeout: float = 5.0) -> None:
        """Close the stream and wait for the thread to end."""
        self._stop.set()
        self.refresh()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        delay = RETRY_MIN
        while not self._stop.is_set():
            self._refreshed.clear()
            session = self._session()
            if session is None:
                return
            try:
                with self._http.stream(self._http.api(f"/heartbeat/{session}")) as response:
                    # 5xx and 429 may pass; anything else (a 404) will not.
                    if not response.is_success and not (
                        response.is_server_error or response.status_code == 429
                    ):
                        return
                    if response.is_success:
                        with self._lock:
                            self._response = response
                        if not (self._stop.is_set() or self._refreshed.is_set()):
                            for _ in response.iter_raw():
                                delay = RETRY_MIN
            except httpx.HTTPError:
                pass  # a refresh, a closing client, or a broken connection
            finally:
                with self._lock:
                    self._response = None
            if self._refreshed.is_set() or session != self._session():
                continue
            if self._stop.wait(delay):
                return
            delay = min(delay * 2, RETRY_MAX)
