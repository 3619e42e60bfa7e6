"""A replica SIGKILLed in the middle of a 1,000-job burst: every job is accounted for.

Jobs still waiting run on the other replicas; jobs the dead replica was running end with an
error saying so once it has been silent for the process timeout; a client whose event stream
went through the dead replica gets an error for the jobs it was following. No client waits
forever: every job ends, for its client, with its result or an error.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gradio_client import Client
from scaleout_support import cluster_of

CLIENTS, JOBS_PER_CLIENT = 20, 50
#: Most seconds a job may take to end for its client (results, errors: any ending).
BOUND = 120


def test_a_killed_replica_loses_no_job(tmp_path: Path, figures: Callable[..., None]) -> None:
    outcomes: dict[str, collections.Counter[str]] = {}
    finished = threading.Event()
    with cluster_of(tmp_path / "cluster") as cluster:
        victim = cluster.replicas[1]
        done_count = [0]
        lock = threading.Lock()

        def run(index: int) -> collections.Counter[str]:
            counter: collections.Counter[str] = collections.Counter()
            client = Client(cluster.url, verbose=False)
            try:
                jobs = [
                    client.submit(f"{index}-{n}", api_name="/work") for n in range(JOBS_PER_CLIENT)
                ]
                for n, job in enumerate(jobs):
                    try:
                        result = job.result(timeout=BOUND)
                    except TimeoutError:
                        counter["waited past the bound"] += 1
                    except Exception as exc:  # the client's report of a failed job
                        counter[_kind(str(exc))] += 1
                    else:
                        label, pid = result.split()
                        counter["ok" if label == f"{index}-{n}" else "wrong"] += 1
                        where = (
                            "the killed replica" if int(pid) == victim.process.pid else "a survivor"
                        )
                        counter[f"ran on {where}"] += 1
                    with lock:
                        done_count[0] += 1
            finally:
                client.close()
            return counter

        started = time.monotonic()
        killer = threading.Thread(target=_kill_midway, args=(cluster, victim, done_count, finished))
        killer.start()
        with ThreadPoolExecutor(CLIENTS) as pool:
            counters = list(pool.map(run, range(CLIENTS)))
        finished.set()
        killer.join()
        seconds = time.monotonic() - started
    total: collections.Counter[str] = collections.Counter()
    for counter in counters:
        total.update(counter)
    outcomes["total"] = total
    sent = CLIENTS * JOBS_PER_CLIENT
    figures(
        "replica killed mid-burst",
        replicas=3,
        sent=sent,
        completed=total["ok"],
        errored=sum(v for k, v in total.items() if k.startswith("error")),
        by_kind={k: v for k, v in total.items() if not k.startswith("ran on")},
        ran_on_killed_replica=total["ran on the killed replica"],
        ran_on_survivors=total["ran on a survivor"],
        seconds=round(seconds, 1),
        killed_pid_exit=victim.process.returncode,
    )
    assert sum(v for k, v in total.items() if not k.startswith("ran on")) == sent
    assert total["waited past the bound"] == 0
    assert total["wrong"] == 0
    assert total["ok"] > 0
    assert victim.process.returncode == -9


def _kill_midway(cluster, victim, done_count, finished) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL ``victim`` once a third of the jobs have ended."""
    target = CLIENTS * JOBS_PER_CLIENT // 3
    while done_count[0] < target and not finished.is_set():
        time.sleep(0.01)
    cluster.kill(victim)


def _kind(message: str) -> str:
    """A short name for the error a client reported."""
    lowered = message.lower()
    if "stopped before it finished" in lowered:
        return "error: replica gone while running the job"
    if "connection" in lowered or "broken" in lowered:
        return "error: the event stream's connection broke"
    if "502" in lowered or "bad gateway" in lowered:
        return "error: refused (the balancer reached the dead replica)"
    return f"error: {message[:80]}"
