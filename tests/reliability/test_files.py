"""File safety: nothing outside the file cache and ``allowed_paths`` can be read, through any
spelling of a path, a symbolic link, ``blocked_paths``, or a FileData payload; uploads over
``max_file_size`` are refused and kept nowhere; hostile upload names stay inside the cache."""

from __future__ import annotations

import http.client
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from reliability_support import Figures

import specblocks as gr
from specblocks.testing import serve

MAX_FILE_SIZE = 1000


@dataclass
class Server:
    """A running app and the places around it."""

    url: str
    port: int
    cache: Path
    allowed: Path
    secret: Path
    marker: bytes


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An app with a file echo, an allowed folder with a blocked part, and a secret elsewhere."""
    base = tmp_path_factory.mktemp("files")
    marker = f"SECRET-{secrets.token_hex(8)}".encode()
    secret = base / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(marker)
    allowed = base / "allowed"
    (allowed / "blocked").mkdir(parents=True)
    (allowed / "ok.txt").write_text("allowed content")
    (allowed / "blocked" / "b.txt").write_bytes(marker)
    os.symlink(secret, allowed / "link-to-secret")
    os.symlink(secret.parent, allowed / "link-to-outside")
    with gr.Blocks() as demo:
        upload = gr.File(type="filepath")
        gr.Button().click(lambda p: p, upload, upload, api_name="echo_file")
    limits = {"max_file_size": MAX_FILE_SIZE, "allowed_paths": [str(allowed)]}
    with serve(demo, **limits, blocked_paths=[str(allowed / "blocked")]) as url:
        assert demo.server is not None
        cache = demo.server.context.files.cache.root
        os.symlink(secret, cache / f"planted-{secrets.token_hex(4)}")
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        yield Server(url.rstrip("/"), port, cache, allowed, secret, marker)


def _variants(s: Server) -> list[str]:
    """Spellings of paths outside the allowed places (raw request targets after ``file=``)."""
    secret, cache, allowed = str(s.secret), str(s.cache), str(s.allowed)
    rel = os.path.relpath(secret, cache)
    planted = next(p for p in s.cache.iterdir() if p.name.startswith("planted-"))
    return [
        "/etc/passwd", "etc/passwd", "../../../../etc/passwd", quote("/etc/passwd", safe=""),
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%252e%252e%252fetc%252fpasswd",
        "....//....//....//etc/passwd", "..\\..\\..\\etc\\passwd", "/proc/self/environ",
        "/proc/self/cmdline", "~/.bashrc", "file:///etc/passwd", "//etc/passwd",
        secret, quote(secret, safe=""), f"{cache}/{rel}", f"{cache}/{quote(rel, safe='')}",
        f"{cache}/%2e%2e/{'%2e%2e/' * 8}{secret.lstrip('/')}",
        f"{allowed}/../outside/secret.txt", f"{allowed}/./../outside/secret.txt",
        f"{allowed}%2f..%2foutside%2fsecret.txt", f"{allowed}/ok.txt/../../outside/secret.txt",
        f"{allowed}/link-to-secret", f"{allowed}/link-to-outside/secret.txt",
        f"{allowed}/blocked/b.txt", f"{allowed}/blocked/../blocked/b.txt",
        f"{allowed}//blocked//b.txt", f"{allowed}/blocked/./b.txt", f"{secret}%00.txt",
        str(planted), f"{allowed}/ok.txt%00/../../outside/secret.txt", allowed + "/..",
    ]  # fmt: skip


def _raw_get(s: Server, method: str, target: str) -> tuple[int, bytes]:
    """Send ``target`` exactly as written (no client-side normalisation of dots)."""
    conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
    try:
        conn.request(method, target)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_no_spelling_of_a_path_reads_outside_the_allowed_places(
    server: Server, figures: Figures
) -> None:
    variants = _variants(server)
    assert len(variants) >= 30
    sent, leaks, server_errors = 0, [], []
    for raw in variants:
        target = raw if raw.startswith("/") else f"/{raw}"
        for route in ("/gradio_api/file=", "/gradio_api/file"):
            for method in ("GET", "HEAD"):
                sent += 1
                status, body = _raw_get(server, method, f"{route}{quote(target, safe='/%')}")
                if status >= 500:
                    server_errors.append((route, raw, status))
                if status < 400 or server.marker in body or b"root:" in body:
                    leaks.append((route, method, raw, status))
    figures("file traversal", variants=len(variants), requests=sent, leaks=len(leaks),
            server_errors=len(server_errors))  # fmt: skip
    assert leaks == []
    assert server_errors == []


def test_allowed_files_are_still_served(server: Server) -> None:
    status, body = _raw_get(server, "GET", f"/gradio_api/file={server.allowed}/ok.txt")
    assert (status, body) == (200, b"allowed content")


@pytest.mark.parametrize("route", ["/gradio_api/run/echo_file", "/gradio_api/queue/join"])
def test_file_data_pointing_outside_the_cache_is_refused(
    server: Server, route: str, figures: Figures
) -> None:
    outside = [str(server.secret), f"{server.cache}/../{server.secret.name}", "/etc/passwd",
               f"{server.allowed}/link-to-secret", f"{server.allowed}/blocked/b.txt"]  # fmt: skip
    refused = 0
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for path in outside:
            for payload in ({"path": path, "meta": {"_type": "gradio.FileData"}}, {"path": path}):
                response = client.post(
                    route, json={"data": [payload], "fn_index": 0, "session_hash": "files"}
                )
                assert response.status_code == 403, (path, response.text)
                assert "File not allowed" in response.json()["detail"]
                assert server.marker.decode() not in response.text
                refused += 1
    figures(f"file data refused ({route.rsplit('/', 1)[-1]})", sent=refused, refused=refused)


def _cache_files(cache: Path) -> set[Path]:
    return {p for p in cache.rglob("*") if p.is_file()}


def test_an_upload_over_the_limit_is_refused_and_kept_nowhere(
    server: Server, figures: Figures
) -> None:
    before = _cache_files(server.cache)
    with httpx.Client(base_url=server.url, timeout=10) as client:
        too_big = client.post(
            "/gradio_api/upload", files={"files": ("big.bin", b"x" * (MAX_FILE_SIZE + 1))}
        )
        mixed = client.post(
            "/gradio_api/upload",
            files=[("files", ("small.txt", b"ok")), ("files", ("big.bin", b"y" * 5000))],
        )
        exact = client.post("/gradio_api/upload", files={"files": ("max.bin", b"z" * 1000)})
    assert too_big.status_code == 413
    assert "larger than the 1000 bytes allowed" in too_big.json()["detail"]
    assert mixed.status_code == 413
    assert exact.status_code == 200
    added = _cache_files(server.cache) - before
    assert [p.name for p in added] == ["max.bin"]
    figures("upload limit", over_limit_refused=2, kept_after_refusal=len(added) - 1)


HOSTILE_NAMES = [
    "../../../../tmp/evil.txt", "/etc/passwd", "..", ".", "...", " ", "a\x00b.txt",
    "a\nb.txt", "x" * 300 + ".txt", "é" * 200 + ".png", "c:\\windows\\evil.dll",
    "\u202etxt.exe", "CON", "%2e%2e%2fevil", ".hidden", "a/../../b.txt",
]  # fmt: skip


def test_hostile_upload_names_stay_inside_the_cache(server: Server, figures: Figures) -> None:
    stored = 0
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for index, name in enumerate(HOSTILE_NAMES):
            content = f"content {index}".encode()
            response = client.post("/gradio_api/upload", files={"files": (name, content)})
            assert response.status_code == 200, (name, response.text)
            (path,) = response.json()
            real = Path(path).resolve()
            assert real.is_relative_to(server.cache), (name, path)
            assert real.parent.parent == server.cache, (name, path)  # <cache>/<digest>/<name>
            assert real.name not in {"", ".", ".."}
            assert len(real.name.encode()) <= 200
            assert not any(c in real.name for c in "/\\\x00\n\u202e")
            assert real.read_bytes() == content
            served = client.get(f"/gradio_api/file={quote(path)}")
            assert served.content == content
            stored += 1
    figures("hostile upload names", names=len(HOSTILE_NAMES), stored_inside_cache=stored)


def test_a_files_part_without_a_file_name_is_a_clear_400(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        response = client.post(
            "/gradio_api/upload",
            files=[("files", ("a.txt", b"a")), ("files", ("", b"no name"))],
        )
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Part 1 named 'files' is not a file: send it with a file name."
    )
