"""Throughput of 1, 2 and 3 replicas on one Redis behind nginx: ``python -m bench.replicas``.

Each replica is ``bench/app.py`` served with the Redis backend (``SPECBLOCKS_REDIS_URL``);
nginx (``specblocks deploy nginx --standalone``) balances them round-robin; the load generator
(``bench/loadgen.py``) runs its sessions through nginx. Workloads: ``echo`` (CPU-light: the
server's own cost) and ``sleep`` (the function waits 50 ms). Servers are not pinned: the
replicas share the machine's cores with Redis, nginx and the load generator, so the figures
show what more replicas add on this machine, not on one core each.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench import loadgen
from bench.procs import REPO, Server, TargetSpec, free_port, redis_server

RESULTS = REPO / "bench" / "results"
LOGS = RESULTS / "logs"


@contextlib.contextmanager
def nginx(replicas: list[Server], folder: Path, python: str) -> Iterator[str]:
    """An nginx balancing ``replicas`` (stopped by PID); yields its URL.

    Its configuration is what ``specblocks deploy nginx`` prints (run with ``python``).
    """
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    config = subprocess.run(
        [python, "-m", "specblocks", "deploy", "nginx", "--standalone",
         "--listen", f"127.0.0.1:{port}", *(f"--replica=127.0.0.1:{s.port}" for s in replicas)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    (folder / "nginx.conf").write_text(config)
    with (LOGS / "nginx.log").open("ab") as log:
        process = subprocess.Popen(
            [binary, "-p", str(folder), "-c", str(folder / "nginx.conf")],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/config", timeout=2, trust_env=False).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start; see bench/results/logs/nginx.log")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def measure(
    python: str, counts: list[int], workloads: list[str], sessions: int, seconds: float
) -> dict[str, dict[int, dict[str, float]]]:
    """jobs/s and latency for every replica count and workload."""
    results: dict[str, dict[int, dict[str, float]]] = {}
    available = loadgen.make_workloads(100)
    for count in counts:
        with redis_server(LOGS, None) as redis_url, contextlib.ExitStack() as stack:
            spec = TargetSpec(
                f"replica-of-{count}",
                python,
                "bench.serve",
                ("specblocks",),
                (("SPECBLOCKS_REDIS_URL", redis_url),),
            )
            servers = [stack.enter_context(_running(spec)) for _ in range(count)]
            for server in servers:
                server.wait_ready()
            url = stack.enter_context(nginx(servers, RESULTS / "nginx", python))
            indexes = _fn_indexes(url)
            for name in workloads:
                workload = available[name]
                asyncio.run(  # warm-up
                    loadgen.run_cell(url, indexes[name], workload, sessions=sessions,
                                     seconds=1.0, max_requests=100_000)
                )  # fmt: skip
                stats = asyncio.run(
                    loadgen.run_cell(url, indexes[name], workload, sessions=sessions,
                                     seconds=seconds, max_requests=1_000_000)
                )  # fmt: skip
                row = {
                    "jobs_per_s": round(stats.throughput, 1),
                    "p50_ms": round(stats.percentile(0.5) * 1000, 1),
                    "p99_ms": round(stats.percentile(0.99) * 1000, 1),
                    "errors": stats.errors,
                }
                results.setdefault(name, {})[count] = row
                print(f"{name} x{sessions} on {count} replica(s): {row}", file=sys.stderr)
    return results


@contextlib.contextmanager
def _running(spec: TargetSpec) -> Iterator[Server]:
    server = Server(spec, LOGS, None)
    try:
        yield server
    finally:
        server.stop()


def _fn_indexes(url: str) -> dict[str, int]:
    config = httpx.get(f"{url}/config", timeout=10, trust_env=False).json()
    return {d["api_name"]: int(d["id"]) for d in config["dependencies"] if d.get("api_name")}


def markdown(results: dict[str, dict[int, dict[str, float]]], sessions: int) -> str:
    """The results as a table, with each count's throughput relative to one replica."""
    lines = [
        f"# Replicas on one Redis behind nginx ({os.cpu_count()} CPUs, {sessions} sessions)",
        "",
        "| workload | replicas | jobs/s | × one replica | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, by_count in results.items():
        one = by_count.get(min(by_count), {}).get("jobs_per_s") or 0
        for count, row in by_count.items():
            ratio = f"{row['jobs_per_s'] / one:.2f}×" if one else "–"
            lines.append(
                f"| {name} | {count} | {row['jobs_per_s']} | {ratio} | {row['p50_ms']} | "
                f"{row['p99_ms']} | {row['errors']} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Measure; print markdown; write bench/results/replicas.json."""
    parser = argparse.ArgumentParser(prog="python -m bench.replicas", description=__doc__)
    parser.add_argument("--specblocks-python", default=sys.executable)
    parser.add_argument("--replicas", default="1,2,3")
    parser.add_argument("--workloads", default="echo,sleep")
    parser.add_argument("--sessions", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    LOGS.mkdir(parents=True, exist_ok=True)
    counts = [int(c) for c in args.replicas.split(",") if c]
    workloads = [w for w in args.workloads.split(",") if w]
    results = measure(args.specblocks_python, counts, workloads, args.sessions, args.seconds)
    (RESULTS / "replicas.json").write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results, args.sessions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
