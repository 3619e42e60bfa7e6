"""Three replicas behind round-robin nginx behave as one server for the official clients."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from gradio_client import Client
from gradio_client.utils import Status
from scaleout_support import Cluster

JS_DIR = Path(__file__).resolve().parents[1] / "contract" / "js"


def _client(cluster: Cluster) -> Client:
    return Client(cluster.url, verbose=False)


def test_streaming_state_and_results_hold_across_replicas(
    cluster: Cluster, figures: Callable[..., None]
) -> None:
    client = _client(cluster)
    try:
        counts = [client.predict(api_name="/count") for _ in range(9)]
        streamed = list(client.submit("ab", api_name="/tokens"))
        ran_on = {client.predict(f"w{i}", api_name="/work").split()[1] for i in range(12)}
    finally:
        client.close()
    figures("session across replicas", state_counts=len(counts), replicas_that_ran_jobs=len(ran_on))
    assert counts == list(range(1, 10))  # one session's State, whichever replica answers
    assert streamed[-1] == "ab" * 5
    assert len(ran_on) >= 2, f"every job ran on one replica: {ran_on}"


def test_progress_reaches_the_client_through_the_balancer(cluster: Cluster) -> None:
    session = uuid.uuid4().hex
    with httpx.Client(base_url=f"{cluster.url}/gradio_api", timeout=30) as http:
        joined = http.post(
            "/queue/join", json={"data": ["x"], "fn_index": 3, "session_hash": session}
        )
        assert joined.status_code == 200, joined.text
        messages = []
        with http.stream("GET", "/queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    messages.append(json.loads(line[len("data: ") :]))
                    if messages[-1]["msg"] == "close_stream":
                        break
    kinds = [m["msg"] for m in messages]
    assert kinds.count("progress") >= 3
    completed = next(m for m in messages if m["msg"] == "process_completed")
    assert completed["output"]["data"] == ["X"]


def test_a_global_limit_holds_across_replicas(
    cluster: Cluster, figures: Callable[..., None]
) -> None:
    clients = [_client(cluster) for _ in range(3)]
    try:
        jobs = [clients[i % 3].submit(f"j{i}", api_name="/limited") for i in range(12)]
        results = [job.result(timeout=120) for job in jobs]
    finally:
        for client in clients:
            client.close()
    spans = []
    pids = set()
    for i, result in enumerate(results):
        label, pid, started, ended = result.split()
        assert label == f"j{i}"
        pids.add(pid)
        spans.append((float(started), float(ended)))
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    most = max(itertools.accumulate(change for _, change in edges))
    figures("global limit", limit=2, jobs=12, max_concurrency_observed=most, replicas=len(pids))
    assert most <= 2, f"{most} jobs of a concurrency_limit=2 listener ran at once"


def test_a_cancel_reaches_the_replica_running_the_job(
    cluster: Cluster, figures: Callable[..., None]
) -> None:
    client = _client(cluster)
    try:
        job = client.submit("never", api_name="/long")
        deadline = time.monotonic() + 30
        while job.status().code != Status.PROCESSING:
            assert time.monotonic() < deadline, "the job did not start"
            time.sleep(0.05)
        started = time.monotonic()
        job.cancel()
        while not job.done():
            assert time.monotonic() - started < 15, "the cancelled job kept running"
            time.sleep(0.05)
        seconds = time.monotonic() - started
    finally:
        client.close()
    figures("cancel", seconds_to_end=round(seconds, 2))
    assert job.status().code == Status.CANCELLED


def test_the_js_client_gets_every_result_of_a_burst(
    cluster: Cluster, figures: Callable[..., None]
) -> None:
    node = shutil.which("node")
    assert node is not None, "node is not installed"
    done = subprocess.run(
        [node, str(JS_DIR / "scenarios.mjs"), cluster.url, "burst"],
        cwd=JS_DIR,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "BURST_JOBS": "300"},
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr
    assert lines, done.stdout
    seen: dict[str, Any] = json.loads(lines[-1])
    figures("@gradio/client burst", sent=300, ok=seen["ok"], errors=len(seen["errors"]))
    assert seen["errors"] == []
    assert seen["ok"] == 300


def test_python_clients_burst_through_the_balancer(
    cluster: Cluster, figures: Callable[..., None]
) -> None:
    """1,000 jobs from 10 clients: every result right, jobs/s printed."""
    clients = [_client(cluster) for _ in range(10)]
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(10) as pool:
            outcomes = list(
                pool.map(
                    lambda c: [
                        job.result(timeout=120)
                        for job in [
                            c[1].submit(f"c{c[0]}-{i}", api_name="/echo") for i in range(100)
                        ]
                    ],
                    enumerate(clients),
                )
            )
    finally:
        for client in clients:
            client.close()
    seconds = time.monotonic() - started
    wrong = [
        (c, i)
        for c, results in enumerate(outcomes)
        for i, result in enumerate(results)
        if result != f"c{c}-{i}"
    ]
    figures(
        "gradio_client burst",
        sent=1000,
        completed=1000 - len(wrong),
        seconds=round(seconds, 1),
        jobs_per_s=round(1000 / seconds),
    )
    assert wrong == []
