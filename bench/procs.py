"""Server subprocesses: start, wait for ``/config``, measure RSS and CPU, stop by PID."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

REPO = Path(__file__).resolve().parent.parent
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class TargetSpec:
    """How to start one target's server."""

    name: str
    python: str  # the interpreter of the target's own venv
    module: str  # bench.serve or bench.bare
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()  # added to the server's environment

    def command(self, port: int) -> list[str]:
        """The server's command line on ``port``."""
        return [self.python, "-m", self.module, *self.args, str(port)]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env() -> dict[str, str]:
    """The environment of every server: no analytics, no proxies, no telemetry."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(
        GRADIO_ANALYTICS_ENABLED="False",
        GRADIO_SSR_MODE="False",
        HF_HUB_OFFLINE="1",
        HF_HUB_DISABLE_TELEMETRY="1",
    )
    return env


class Server:
    """One running server subprocess (stopped by its PID)."""

    def __init__(self, spec: TargetSpec, log_dir: Path, cpu: int | None) -> None:
        self.spec = spec
        self.cpu = cpu
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log_dir.mkdir(parents=True, exist_ok=True)
        self._log: IO[bytes] = (log_dir / f"{spec.name}.log").open("ab")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            spec.command(self.port),
            cwd=REPO,
            env={**server_env(), **dict(spec.env)},
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if cpu is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(self.process.pid, {cpu})

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self.process.pid

    def wait_ready(self, timeout: float = 120.0) -> float:
        """Poll ``/config`` until it answers 200; return seconds since the spawn."""
        deadline = self.started + timeout
        with httpx.Client(timeout=2.0, trust_env=False) as client:
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"{self.spec.name} exited with {self.process.returncode} before "
                        f"serving; see its log in bench/results/logs/"
                    )
                try:
                    if client.get(f"{self.url}/config").status_code == 200:
                        return time.perf_counter() - self.started
                except httpx.HTTPError:
                    pass
                time.sleep(0.005)
        raise TimeoutError(f"{self.spec.name} did not serve /config within {timeout} s")

    def rss_kb(self) -> int:
        """Resident memory of the server process (and any children), in KiB."""
        return sum(_rss_kb(pid) for pid in _tree(self.pid))

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        return sum(_cpu_seconds(pid) for pid in _tree(self.pid))

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 5 s; by PID only."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


@contextlib.contextmanager
def redis_server(log_dir: Path, cpu: int | None) -> Iterator[str]:
    """A ``redis-server`` (Debian package) on a free loopback port, pinned like the servers.

    Nothing is saved to disk; stopped by its PID. Yields its URL.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    with (log_dir / "redis.log").open("ab") as log:
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        if cpu is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(process.pid, {cpu})
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start; see bench/results/logs/redis.log")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def core_busy_seconds(cpu: int) -> float:
    """Time CPU ``cpu`` spent busy (anything but idle and iowait), from /proc/stat."""
    prefix = f"cpu{cpu} "
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith(prefix):
            ticks = [int(x) for x in line.split()[1:9]]
            return (sum(ticks) - ticks[3] - ticks[4]) / _CLOCK_TICKS
    return 0.0


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    found = [pid]
    index = 0
    while index < len(found):
        current = found[index]
        index += 1
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                found += [int(p) for p in task.read_text().split()]
    return found


def _rss_kb(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return 0
    return int(fields[1]) * _PAGE_KB


def _cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # utime, stime
