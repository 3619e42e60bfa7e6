"""Bursts of jobs from one official client: is every accepted job answered?

``python -m bench.burst --runs 10 --jobs 400`` serves the benchmark app (``bench/app.py``) in a
subprocess on 127.0.0.1, then submits ``--jobs`` calls of ``/echo`` at once from one
``gradio_client.Client`` (``--client python``) or one ``@gradio/client`` under Node
(``--client js``: the ``burst`` scenario of ``tests/contract/js/scenarios.mjs``), ``--runs``
times, each run with a new client. Every result is checked against its input. Prints one
JSON line per run and a summary; exits 1 when any job was lost or answered wrongly.

``--framework gradio --python PATH`` runs the same bursts against Gradio (an interpreter with
``gradio`` installed) for comparison.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import time
from typing import Any

from bench.procs import REPO, Server, TargetSpec

JS_DIR = REPO / "tests" / "contract" / "js"


def python_burst(url: str, jobs: int, timeout: float) -> dict[str, Any]:
    """Submit ``jobs`` calls at once from one ``gradio_client.Client``; check every result."""
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)
    try:
        submitted = [client.submit(f"job-{i}", api_name="/echo") for i in range(jobs)]
        ok, wrong, errors = 0, [], []
        deadline = time.monotonic() + timeout
        for i, job in enumerate(submitted):
            try:
                value = job.result(timeout=max(0.1, deadline - time.monotonic()))
            except (Exception, concurrent.futures.CancelledError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            if value == f"job-{i}":
                ok += 1
            else:
                wrong.append(i)
    finally:
        client.close()
    return {"ok": ok, "wrong": wrong, "errors": errors[:5], "error_count": len(errors)}


def js_burst(url: str, jobs: int, timeout: float) -> dict[str, Any]:
    """The same burst through ``@gradio/client`` under Node (``tests/contract/js``, ``burst``)."""
    node = shutil.which("node")
    if node is None or not (JS_DIR / "node_modules" / "@gradio" / "client").is_dir():
        raise SystemExit("--client js needs node and `npm ci` in tests/contract/js")
    done = subprocess.run(
        [node, "scenarios.mjs", url, "burst"],
        cwd=JS_DIR,
        env={**os.environ, "BURST_JOBS": str(jobs)},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"node burst failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the bursts; print one JSON line per run and a summary line."""
    parser = argparse.ArgumentParser(prog="python -m bench.burst", description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--client", choices=("python", "js"), default="python")
    parser.add_argument("--framework", choices=("specblocks", "gradio"), default="specblocks")
    parser.add_argument("--python", default=sys.executable, help="the server's interpreter")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    args = parser.parse_args(argv)

    spec = TargetSpec(args.framework, args.python, "bench.serve", (args.framework,))
    server = Server(spec, REPO / "bench" / "results" / "logs", cpu=None)
    burst = python_burst if args.client == "python" else js_burst
    received = 0
    try:
        server.wait_ready()
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            result = burst(server.url, args.jobs, args.timeout)
            result |= {"run": run, "jobs": args.jobs, "seconds": time.perf_counter() - started}
            received += result["ok"]
            print(json.dumps(result), flush=True)
    finally:
        server.stop()
    total = args.runs * args.jobs
    summary = {"client": args.client, "framework": args.framework, "received": received}
    print(json.dumps(summary | {"submitted": total, "lost": total - received}), flush=True)
    return 0 if received == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
