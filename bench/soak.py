"""A bounded soak: does the server's memory stay flat over tens of thousands of jobs?

``python -m bench.soak --specblocks-python PATH --jobs 50000`` serves the benchmark app
(``bench/app.py``) in a subprocess on 127.0.0.1 and drives it with ``--sessions`` concurrent
sessions speaking the queue protocol (join, then the session's stream to ``close_stream``),
mixing the echo, stream and state workloads; every few requests a session starts over with a
new session hash, so sessions come and go as with real users. After each ``--every`` jobs
(10,000 by default) it records the server's RSS. It prints one JSON line per checkpoint and a
summary, and exits 1 when RSS grew by more than ``--max-growth-mib`` between the first
checkpoint (after a warm-up) and the last, or when an answer was wrong. ``--max-minutes``
bounds the run's time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench.loadgen import RawTransport, Transport, call, make_workloads
from bench.procs import Server, TargetSpec
from bench.run import LOGS, _fn_indexes

#: Requests a session makes before it starts over as a new session.
SESSION_LENGTH = 20
WORKLOADS = ("echo", "stream", "state")


async def _session_loop(
    url: str, indexes: dict[str, int], counter: itertools.count[int], total: int, errors: list[str]
) -> None:
    """Take jobs until ``total`` are taken, each in a new session.

    A state job is a run of ``SESSION_LENGTH`` requests of one session (its counter must
    count up).
    """
    workloads = make_workloads(stream_tokens=10)
    transport: Transport = RawTransport(url)
    try:
        while (job := next(counter)) < total:
            name = WORKLOADS[job % len(WORKLOADS)]
            session_hash = uuid.uuid4().hex
            for n in range(1, (SESSION_LENGTH if name == "state" else 1) + 1):
                if n > 1 and next(counter) >= total:
                    return
                data = workloads[name].payload(n)
                output, _, _, _ = await call(transport, indexes[name], data, session_hash)
                if output is None or not workloads[name].check(n, output):
                    errors.append(f"{name} #{n}: {output!r}")
    finally:
        await transport.aclose()


async def _drive(url: str, indexes: dict[str, int], jobs: int, sessions: int) -> list[str]:
    errors: list[str] = []
    counter = itertools.count()
    await asyncio.gather(
        *(_session_loop(url, indexes, counter, jobs, errors) for _ in range(sessions))
    )
    return errors


def soak(args: argparse.Namespace) -> dict[str, Any]:
    """Run the soak; return the checkpoints and the verdict."""
    spec = TargetSpec("specblocks", args.specblocks_python, "bench.serve", ("specblocks",))
    server = Server(spec, LOGS, None)
    checkpoints: list[dict[str, Any]] = []
    errors: list[str] = []
    try:
        server.wait_ready()
        indexes = _fn_indexes(server.url)
        asyncio.run(_drive(server.url, indexes, args.warmup, args.sessions))
        checkpoints.append({"jobs": 0, "rss_mib": round(server.rss_kb() / 1024, 1), "s": 0.0})
        print(json.dumps(checkpoints[-1]), flush=True)
        started = time.monotonic()
        done = 0
        while done < args.jobs and time.monotonic() - started < args.max_minutes * 60:
            errors += asyncio.run(_drive(server.url, indexes, args.every, args.sessions))
            done += args.every
            checkpoints.append(
                {
                    "jobs": done,
                    "rss_mib": round(server.rss_kb() / 1024, 1),
                    "s": round(time.monotonic() - started, 1),
                }
            )
            print(json.dumps(checkpoints[-1]), flush=True)
    finally:
        server.stop()
    growth = checkpoints[-1]["rss_mib"] - checkpoints[0]["rss_mib"]
    return {
        "checkpoints": checkpoints,
        "jobs": checkpoints[-1]["jobs"],
        "rss_growth_mib": round(growth, 1),
        "jobs_per_s": round(checkpoints[-1]["jobs"] / max(checkpoints[-1]["s"], 0.001)),
        "wrong_answers": len(errors),
        "first_errors": errors[:5],
        "ok": growth <= args.max_growth_mib and not errors,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the soak; print the checkpoints and a summary; exit 1 on growth or a wrong answer."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--specblocks-python", default=sys.executable)
    parser.add_argument("--jobs", type=int, default=50_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=5_000)
    parser.add_argument("--sessions", type=int, default=32)
    parser.add_argument("--max-growth-mib", type=float, default=20.0)
    parser.add_argument("--max-minutes", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=Path("bench/results/soak.json"))
    result = soak(parser.parse_args(argv))
    summary = {k: v for k, v in result.items() if k != "checkpoints"}
    print(json.dumps(summary))
    args_out = parser.parse_args(argv).out
    args_out.parent.mkdir(parents=True, exist_ok=True)
    args_out.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
