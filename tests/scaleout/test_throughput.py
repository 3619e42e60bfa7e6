"""jobs/s through nginx with 1, 2 and 3 replicas (the load generator of ``bench/``).

A figure, not a bound: the replicas share this machine's cores with Redis, nginx and the
load generator. Every answer is checked; any error fails the check.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
from bench import loadgen
from scaleout_support import cluster_of

SESSIONS, SECONDS = 32, 4.0

WORKLOADS = {
    # the function sleeps 50 ms: replicas add room
    "work": loadgen.Workload(
        "work", lambda n: [f"job{n}"], lambda n, data: str(data[0]).split()[0] == f"job{n}"
    ),
    # the function returns at once: the servers' own cost
    "echo": loadgen.Workload("echo", lambda n: [f"job{n}"], lambda n, data: data == [f"job{n}"]),
}


def test_jobs_per_second_for_one_two_and_three_replicas(
    tmp_path: Path, figures: Callable[..., None]
) -> None:
    measured: dict[str, dict[int, float]] = {}
    for count in (1, 2, 3):
        with cluster_of(tmp_path / f"x{count}", replicas=count) as cluster:
            config = httpx.get(f"{cluster.url}/config", timeout=10).json()
            indexes = {d["api_name"]: d["id"] for d in config["dependencies"] if d.get("api_name")}
            for name, workload in WORKLOADS.items():
                run = loadgen.run_cell(
                    cluster.url,
                    indexes[name],
                    workload,
                    sessions=SESSIONS,
                    seconds=SECONDS,
                    max_requests=1_000_000,
                )
                stats = asyncio.run(run)
                assert stats.errors == 0, stats.first_error
                assert stats.requests > 0
                measured.setdefault(name, {})[count] = round(stats.throughput, 1)
    for name, by_count in measured.items():
        figures(
            f"jobs/s through nginx, {name}, {SESSIONS} sessions",
            **{f"replicas_{count}": value for count, value in by_count.items()},
        )
