"""Clusters for the scale-out suite: replicas on one Redis behind round-robin nginx.

A cluster is a ``redis-server``, ``specblocks serve`` replicas of ``scaleout_app.py`` (one
shared file cache) and nginx configured by ``specblocks deploy nginx``, all on free loopback
ports, all stopped by PID.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from redis_support import redis_server
from sample_support import free_port

APP = Path(__file__).with_name("scaleout_app.py")
#: Seconds after which a silent replica's running jobs end (short, for the kill check).
PROCESS_TIMEOUT = "3"


@dataclass
class Replica:
    """One ``specblocks serve`` process."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


@dataclass
class Cluster:
    """Replicas on one Redis behind nginx (``url`` is nginx's)."""

    url: str
    redis_url: str
    replicas: list[Replica] = field(default_factory=list)

    def kill(self, replica: Replica) -> None:
        """SIGKILL a replica (no graceful anything)."""
        replica.process.send_signal(signal.SIGKILL)
        replica.process.wait(10)


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, what: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/config", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not serve {url}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)


@contextmanager
def _process(argv: list[str], log: Path, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        pytest.fail("nginx is not installed (Debian: apt-get install nginx)")
    return found


@contextmanager
def cluster_of(folder: Path, replicas: int = 3) -> Iterator[Cluster]:
    """A running cluster in ``folder`` (stopped on exit)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(APP, folder / "app.py")
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_server(folder))
        members = []
        for index in range(replicas):
            port = free_port()
            log = folder / f"replica-{index}.log"
            argv = [
                sys.executable, "-m", "specblocks", "serve", str(folder / "app.py"),
                "--host", "127.0.0.1", "--port", str(port),
                "--redis-url", redis_url, "--cache-dir", str(folder / "cache"),
            ]  # fmt: skip
            process = stack.enter_context(
                _process(argv, log, SPECBLOCKS_PROCESS_TIMEOUT=PROCESS_TIMEOUT)
            )
            members.append(Replica(f"http://127.0.0.1:{port}", process, log))
        for member in members:
            _wait_for(member.url, member.process, member.log, "a replica")
        port = free_port()
        config = subprocess.run(
            [sys.executable, "-m", "specblocks", "deploy", "nginx", "--standalone",
             "--listen", f"127.0.0.1:{port}",
             *(f"--replica={m.url.removeprefix('http://')}" for m in members)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        (folder / "nginx.conf").write_text(config)
        log = folder / "nginx.log"
        nginx = stack.enter_context(
            _process([_nginx(), "-p", str(folder), "-c", str(folder / "nginx.conf")], log)
        )
        url = f"http://127.0.0.1:{port}"
        _wait_for(url, nginx, log, "nginx")
        yield Cluster(url, redis_url, members)
