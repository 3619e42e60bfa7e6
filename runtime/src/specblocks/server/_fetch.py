"""Files that clients pass by URL: fetched into the file cache before an event is queued.

A FileData input whose ``path`` is an http(s) URL (what ``handle_file(url)`` sends) becomes a
local file, as if it had been uploaded:

- a URL of the sample media this server ships (``.../gradio_api/media/<folder>/<name>``, on any
  host: the files are the same everywhere) is copied from the package;
- a URL of this server's own ``/gradio_api/file=`` route is read through the file policy, so
  it reaches exactly what passing the path would;
- any other URL is downloaded, but only from public internet addresses (never loopback, the
  private networks or link-local addresses, redirects included), within ``max_file_size``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import anyio
import httpx

from specblocks.core._samples import sample_file
from specblocks.server._config import API_PREFIX, MEDIA_ROUTE
from specblocks.server._files import FileNotAllowed, FilePolicy, file_paths, is_file_data

#: How long one download may take, in seconds.
DOWNLOAD_TIMEOUT = 30.0
#: How many redirects a download may follow.
MAX_REDIRECTS = 5

_SAMPLE_PATH = re.compile(re.escape(API_PREFIX + MEDIA_ROUTE) + r"/([^/]+)/([^/]+)$")
_OWN_FILE_PATH = re.compile(re.escape(API_PREFIX) + r"/file[=/](.+)$")


class RemoteFileError(ValueError):
    """A file given by URL could not be fetched (unreachable, refused, or too large)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def has_urls(payload: Any) -> bool:
    """Whether any FileData inside ``payload`` is given by an http(s) URL."""
    return any(_is_url(path) for path in file_paths(payload))


async def localize(payload: Any, policy: FilePolicy, *, own_root: str, max_size: int | None) -> Any:
    """``payload`` with each FileData given by URL replaced by a file in the cache.

    Args:
        payload: The inputs of a call, as received.
        policy: The server's file policy (its cache receives the files).
        own_root: The URL the client reached this server at (its ``/gradio_api/file=`` URLs
            are read locally).
        max_size: The largest file accepted, in bytes (None: no limit).

    Raises:
        RemoteFileError: A URL could not be fetched, is not public, or is too large.
        FileNotAllowed: A URL of this server names a file the policy does not allow.
    """
    fetched: dict[str, str] = {}

    async def fetch(url: str) -> str:
        if url not in fetched:
            fetched[url] = await _fetch(url, policy, own_root=own_root, max_size=max_size)
        return fetched[url]

    return await _walk(payload, fetch)


async def _walk(value: Any, fetch: Callable[[str], Awaitable[str]]) -> Any:
    if isinstance(value, list):
        return [await _walk(item, fetch) for item in value]
    if not isinstance(value, dict):
        return value
    if is_file_data(value):
        path = value.get("path")
        if not isinstance(path, str) or not _is_url(path):
            return value
        local = await fetch(path)
        name = value.get("orig_name") or Path(urlsplit(path).path).name or Path(local).name
        return {**value, "path": local, "url": None, "orig_name": name}
    return {key: await _walk(item, fetch) for key, item in value.items()}


def _is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


async def _fetch(url: str, policy: FilePolicy, *, own_root: str, max_size: int | None) -> str:
    parts = urlsplit(url)
    sample = _SAMPLE_PATH.search(parts.path)
    if sample is not None:
        found = sample_file(f"{unquote(sample.group(1))}/{unquote(sample.group(2))}")
        if found is None:
            raise RemoteFileError(f"No sample media file at {url}.", status=404)
        return str(policy.cache.store_file(found))
    own = urlsplit(own_root)
    mine = _OWN_FILE_PATH.search(parts.path)
    if mine is not None and (parts.scheme, parts.netloc) == (own.scheme, own.netloc):
        raw = unquote(mine.group(1))
        path = policy.resolve(raw if raw.startswith("/") else f"/{raw}")
        if not path.is_file():
            raise FileNotAllowed(f"File not allowed: {raw}.")
        return str(path)
    return await _download(url, policy, max_size)


async def _download(url: str, policy: FilePolicy, max_size: int | None) -> str:
    name = Path(urlsplit(url).path).name or "file"
    async with httpx.AsyncClient(timeout=DOWNLOAD_TIMEOUT, follow_redirects=False) as client:
        target = url
        for _ in range(MAX_REDIRECTS + 1):
            await _check_public(target)
            try:
                async with client.stream("GET", target) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        target = urljoin(target, location)
                        continue
                    if response.status_code >= 400:
                        raise RemoteFileError(
                            f"Could not download {url}: HTTP {response.status_code}."
                        )
                    data = await _read(response, url, max_size)
            except httpx.HTTPError as exc:
                raise RemoteFileError(f"Could not download {url}: {exc}.") from None
            return str(policy.cache.store_bytes(data, name))
    raise RemoteFileError(f"Could not download {url}: more than {MAX_REDIRECTS} redirects.")


async def _read(response: httpx.Response, url: str, max_size: int | None) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if max_size is not None and size > max_size:
            raise RemoteFileError(
                f"The file at {url} is larger than the {max_size} bytes allowed.", status=413
            )
        chunks.append(chunk)
    return b"".join(chunks)


async def _check_public(url: str) -> None:
    """Refuse URLs whose host is not on the public internet (or not http(s))."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteFileError(f"Could not download {url}: not an http(s) URL.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await anyio.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise RemoteFileError(f"Could not download {url}: {exc}.") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise RemoteFileError(
                f"Could not download {url}: {parts.hostname} is not a public internet "
                f"address ({address}); files can be fetched only from public URLs.",
                status=403,
            )
