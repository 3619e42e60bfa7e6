"""``Client``: connect to a running specblocks or Gradio app and call its endpoints."""

from __future__ import annotations

import threading
import uuid
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import httpx

from specblocks_client import _call, _view
from specblocks_client._api import ApiTable, Endpoint
from specblocks_client._errors import AuthenticationError
from specblocks_client._files import DEFAULT_DOWNLOAD_DIR, Downloader, Uploader, is_url
from specblocks_client._heartbeat import Heartbeat
from specblocks_client._http import Http
from specblocks_client._job import Job
from specblocks_client._sse import SessionStream

#: Queue protocols whose stream this client reads.
SUPPORTED_PROTOCOLS = ("sse_v3",)


class Client:
    """A connection to one running app (specblocks, or Gradio 4.29+ with the ``sse_v3`` queue).

    Connecting loads the app's ``/config`` and ``P/info`` (logging in first when ``auth`` is
    given) and keeps the session alive with a heartbeat stream in a background thread. Calls
    run on a thread pool; each session reads its queue messages on one shared stream.

    Unlike ``gradio_client``, ``src`` must be the app's URL: Hugging Face Space names
    (``"user/space"``) are not resolved, and there is no duplication of Spaces.

    Args:
        src: The app's base URL, e.g. ``"http://127.0.0.1:7860"``.
        token: A bearer token sent as ``Authorization: Bearer <token>`` on every request.
        max_workers: How many jobs may run at once (the size of the thread pool).
        verbose: Print a line once connected.
        auth: ``(username, password)`` for apps launched with ``auth=``.
        httpx_kwargs: More keyword arguments for the underlying ``httpx.Client`` (for
            example ``timeout`` or ``proxy``).
        headers: More headers sent with every request.
        download_files: The folder where file outputs are downloaded (their local paths are
            returned; ``True`` means the default folder), or ``False`` to return the FileData
            dicts the server sent instead.
        ssl_verify: Whether to verify TLS certificates.

    Raises:
        ValueError: ``src`` is not an ``http(s)://`` URL, or the app cannot be loaded.
        AuthenticationError: The app needs a login, or refused ``auth``.
    """

    def __init__(  # noqa: PLR0917 - gradio_client's positional order
        self,
        src: str,
        token: str | None = None,
        max_workers: int = 40,
        verbose: bool = True,
        auth: tuple[str, str] | None = None,
        httpx_kwargs: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        download_files: str | Path | bool = DEFAULT_DOWNLOAD_DIR,
        ssl_verify: bool = True,
    ) -> None:
        if not isinstance(src, str) or not is_url(src.strip()):
            raise ValueError(
                f"src must be the app's http(s):// URL, got {src!r} (specblocks-client does "
                "not resolve Hugging Face Space names)"
            )
        self.src = src.strip().rstrip("/")
        self.verbose = verbose
        self.download_files = download_files
        extra_headers = dict(headers or {})
        if token:
            extra_headers["authorization"] = f"Bearer {token}"
        self._http = Http(
            self.src, headers=extra_headers, verify=ssl_verify, httpx_kwargs=httpx_kwargs or {}
        )
        self._lock = threading.Lock()
        self._streams: dict[str, SessionStream] = {}
        self._heartbeat: Heartbeat | None = None
        try:
            if auth is not None:
                self._login(auth)
            self.config = self._load_config()
            self._http.prefix = str(self.config.get("api_prefix") or "")
            self._info = self._get_json(self._http.api("/info"), "the API info")
        except BaseException:
            self._http.close()
            raise
        self._api = ApiTable(self.config, self._info)
        self.session_hash = str(uuid.uuid4())
        self._uploader = Uploader(self._http, self.config.get("max_file_size"))
        if download_files is True:
            download_files = DEFAULT_DOWNLOAD_DIR
        self._downloader = (
            None if download_files is False else Downloader(self._http, Path(download_files))
        )
        self._pool = ThreadPoolExecutor(max_workers, thread_name_prefix="specblocks-client-job")
        if self.config.get("connect_heartbeat", True):
            self._heartbeat = Heartbeat(self._http, _session_of(weakref.ref(self)))
            self._heartbeat.start()
        # Closes everything when the client is closed, garbage-collected, or at exit.
        self._finalizer = weakref.finalize(
            self, _shutdown, self._lock, self._streams, self._heartbeat, self._pool, self._http
        )
        if verbose:
            print(f"Loaded as API: {self.src} ✔")

    # -- calls ---------------------------------------------------------------------------------
    def predict(
        self, *args: Any, api_name: str | None = None, fn_index: int | None = None, **kwargs: Any
    ) -> Any:
        """Call an endpoint and wait for its result.

        Args:
            *args: Positional arguments, in the endpoint's parameter order.
            api_name: The endpoint, e.g. ``"/greet"``.
            fn_index: The endpoint by number, instead of ``api_name``.
            **kwargs: Arguments by parameter name; missing ones take their defaults.

        Returns:
            The single output, or a tuple of several (``gr.State`` outputs are left out); for a
            generator endpoint, its final value. File outputs are local paths (see
            ``download_files``).

        Raises:
            ValueError: Unknown endpoint, unknown keyword, or a required argument missing.
            AppError: The app's function failed.
            QueueError: The app's queue is full.
        """
        return self.submit(*args, api_name=api_name, fn_index=fn_index, **kwargs).result()

    def submit(
        self,
        *args: Any,
        api_name: str | None = None,
        fn_index: int | None = None,
        result_callbacks: Callable[..., Any] | list[Callable[..., Any]] | None = None,
        **kwargs: Any,
    ) -> Job:
        """Start a call and return at once; arguments as for :meth:`predict`.

        Args:
            *args: Positional arguments.
            api_name: The endpoint, e.g. ``"/greet"``.
            fn_index: The endpoint by number, instead of ``api_name``.
            result_callbacks: Called with the result once the job succeeds (a tuple result
                is passed as separate arguments).
            **kwargs: Arguments by parameter name.

        Returns:
            The running :class:`Job`.

        Raises:
            ValueError: Unknown endpoint, unknown keyword, or a required argument missing.
            RuntimeError: The client is closed.
        """
        endpoint = self._api.find(api_name, fn_index)
        data = endpoint.build_data(args, kwargs)
        with self._lock:
            if not self._finalizer.alive:
                raise RuntimeError("the client is closed")
            session = self.session_hash
            stream = self._streams.get(session)
            if stream is None:
                stream = self._streams[session] = SessionStream(self._http, session)
        context = _call.CallContext(self._http, stream, session, self._uploader, self._downloader)
        job = Job()
        callbacks = [result_callbacks] if callable(result_callbacks) else result_callbacks or []
        for callback in callbacks:
            job.add_done_callback(_on_success(callback))
        try:
            task = self._pool.submit(_call.run, job, endpoint, data, context)
        except RuntimeError as exc:  # the pool shut down meanwhile
            raise RuntimeError("the client is closed") from exc
        task.add_done_callback(_fail_if_dropped(job))
        return job

    def endpoint(self, api_name: str | None = None, fn_index: int | None = None) -> Endpoint:
        """The description of one endpoint (what the CLI uses to read arguments).

        Raises:
            ValueError: No such endpoint.
        """
        return self._api.find(api_name, fn_index)

    # -- the API description -------------------------------------------------------------------
    def view_api(
        self,
        print_info: bool = True,
        return_format: Literal["dict", "str"] | None = None,
        *,
        all_endpoints: bool | None = None,
    ) -> dict[str, Any] | str | None:
        """Describe the app's endpoints: parameters (with defaults) and return values.

        Args:
            print_info: Print the description.
            return_format: ``"dict"`` returns ``{"named_endpoints": ..., "unnamed_endpoints":
                ...}`` as the app publishes it; ``"str"`` returns the printed text; ``None``
                returns nothing.
            all_endpoints: Also list unnamed endpoints (by default only when there are no
                named ones).

        Returns:
            See ``return_format``.
        """
        text = _view.render(self.src, self._info, all_endpoints)
        if print_info:
            print(text)
        if return_format == "dict":
            return _view.api_dict(self._info)
        if return_format == "str":
            return text
        return None

    # -- the session ---------------------------------------------------------------------------
    def reset_session(self) -> None:
        """Start a new session: later calls get fresh ``gr.State``.

        Jobs already submitted keep their session; the heartbeat moves to the new one (the
        server then drops the old one).
        """
        with self._lock:
            self.session_hash = str(uuid.uuid4())
        if self._heartbeat is not None:
            self._heartbeat.refresh()

    def close(self) -> None:
        """Stop the heartbeat, fail the jobs still waiting, and close the connections."""
        self._finalizer()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client({self.src!r})"

    # -- loading -------------------------------------------------------------------------------
    def _login(self, auth: tuple[str, str]) -> None:
        username, password = auth
        try:
            response = self._http.client.post(
                self._http.root("/login"), data={"username": username, "password": password}
            )
        except httpx.HTTPError as exc:
            raise ValueError(f"could not reach {self.src}: {exc}") from exc
        if response.status_code in (400, 401, 403):
            raise AuthenticationError(f"{self.src} refused the login: invalid credentials")
        if not response.is_success:
            raise ValueError(f"could not log in to {self.src}: HTTP {response.status_code}")
        self._http.set_cookies({c.name: c.value or "" for c in response.cookies.jar})

    def _load_config(self) -> dict[str, Any]:
        config = self._get_json(self._http.root("/config"), "the app config")
        protocol = config.get("protocol")
        if protocol not in SUPPORTED_PROTOCOLS:
            raise ValueError(
                f"{self.src} speaks queue protocol {protocol!r}; this client supports "
                f"{', '.join(SUPPORTED_PROTOCOLS)} (Gradio 4.29 and later, specblocks)"
            )
        return config

    def _get_json(self, url: str, what: str) -> dict[str, Any]:
        try:
            response = self._http.client.get(url)
        except httpx.HTTPError as exc:
            raise ValueError(f"could not load {what} from {url}: {exc}") from exc
        if response.status_code == 401:
            raise AuthenticationError(f"{self.src} needs a login: pass auth=(username, password)")
        if not response.is_success:
            raise ValueError(f"could not load {what} from {url}: HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise ValueError(f"{url} did not return JSON") from exc
        if not isinstance(body, dict):
            raise ValueError(f"{url} did not return a JSON object")
        return body


def _session_of(client: weakref.ref[Client]) -> Callable[[], str | None]:
    """The current session of ``client`` while it exists (the heartbeat must not keep it)."""

    def session() -> str | None:
        alive = client()
        return alive.session_hash if alive is not None else None

    return session


def _shutdown(
    lock: threading.Lock,
    streams: dict[str, SessionStream],
    heartbeat: Heartbeat | None,
    pool: ThreadPoolExecutor,
    http: Http,
) -> None:
    """Close a client's parts: message streams first (their jobs fail), then the rest."""
    with lock:
        pending = list(streams.values())
    for stream in pending:
        stream.close()
    if heartbeat is not None:
        heartbeat.close()
    pool.shutdown(wait=True, cancel_futures=True)
    http.close()


def _fail_if_dropped(job: Job) -> Callable[[Future[None]], None]:
    """A done-callback for the pool task of ``job``: fail the job if the task never ran."""

    def done(task: Future[None]) -> None:
        if task.cancelled():
            job._fail(RuntimeError("the client was closed before the job started"))

    return done


def _on_success(callback: Callable[..., Any]) -> Callable[[Future[Any]], None]:
    """A done-callback that calls ``callback`` with the result of a job that succeeded."""

    def done(job: Future[Any]) -> None:
        if job.cancelled() or job.exception() is not None:
            return
        result = job.result()
        if isinstance(result, tuple):
            callback(*result)
        else:
            callback(result)

    return done
