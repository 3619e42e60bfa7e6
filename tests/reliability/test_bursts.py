"""Bursts of 1,000 jobs, from one session and from 200 sessions, against a queue with a
``max_size`` and a concurrency limit: every job ends in exactly one of its result, its error,
an explicit cancel or a queue-full refusal, and the limit holds.

The client speaks the queue protocol itself (join, the session's event stream, cancel), as
the official clients do, so that each job's ending can be counted exactly.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from reliability_support import Figures, Job, Session, join, read

import specblocks as gr
from specblocks.testing import serve

JOBS = 1000
SESSIONS = 200
LIMIT = 4
MAX_SIZE = 50


class Gauge:
    """How many calls run at once, and the most seen."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def __enter__(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.now -= 1


GAUGE = Gauge()


def work(text: str, delay: float) -> str:
    """Uppercase ``text`` after ``delay`` seconds; a text ending in "!" is refused.

    Jobs the client cancels ("~") are left out of the gauge: a cancelled call that was
    already running frees its place in the queue at once, while its thread (which Python
    cannot stop) finishes its sleep.
    """
    if text.endswith("~"):
        time.sleep(delay)
        return text.upper()
    with GAUGE:
        time.sleep(delay)
    if text.endswith("!"):
        raise gr.Error(f"refused {text}")
    return text.upper()


#: The clients drop an idle connection before the server's keep-alive (uvicorn: 5 s) ends it;
#: with both at 5 s, a join could go out on a connection the server was closing (ReadError).
KEEPALIVE_S = 2.0


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with gr.Blocks() as demo:
        text, delay, out = gr.Textbox(), gr.Number(), gr.Textbox()
        gr.Button().click(work, [text, delay], out, api_name="work", concurrency_limit=LIMIT)
    demo.queue(max_size=MAX_SIZE)
    with serve(demo) as served:
        yield served.rstrip("/")


async def _join(http: httpx.AsyncClient, session: Session, job: Job) -> None:
    delay = 0.2 if job.cancel else 0.01
    await join(http, session, job, [job.text, delay])


async def _run_session(http: httpx.AsyncClient, session: Session) -> None:
    reader = asyncio.create_task(read(http, session))
    for job in session.jobs:
        await _join(http, session, job)
    session.joining = False
    session.wake.set()
    await reader


def _jobs(count: int, start: int = 0) -> list[Job]:
    """Every 7th job fails; of the others, every 11th is cancelled once it is accepted."""
    jobs = []
    for i in range(start, start + count):
        fails, cancel = i % 7 == 3, i % 11 == 5 and i % 7 != 3
        jobs.append(Job(text=f"job{i}" + ("!" if fails else "~" if cancel else ""), cancel=cancel))
    return jobs


def _account(sessions: list[Session]) -> dict[str, int]:
    """Sort each job into its one ending; fail on a lost, doubled or wrong one."""
    outcome: Counter[str] = Counter()
    problems = []
    for session in sessions:
        assert session.early == {}, "a completion for an event this session never joined"
        for job in session.jobs:
            if job.refused is not None:
                assert job.refused == f"Queue is full: it holds {MAX_SIZE} waiting events."
                outcome["refused (queue full)"] += 1
                continue
            if len(job.endings) != 1:
                problems.append((job.text, len(job.endings)))
                outcome["lost" if not job.endings else "ended twice"] += 1
                continue
            output = job.endings[0]["output"]
            if "data" in output:
                assert output["data"] == [job.text.upper()]  # (a cancel that came too late)
                outcome["result"] += 1
            elif "error" in output:
                assert job.text.endswith("!"), job.endings
                assert output["error"] == f"refused {job.text}"
                outcome["error"] += 1
            else:
                assert job.cancel, job.endings  # an empty output only for a cancel we sent
                outcome["cancelled"] += 1
    assert problems == []
    return dict(outcome)


def _burst(url: str, sessions: list[Session]) -> dict[str, int]:
    async def scenario() -> None:
        limits = httpx.Limits(
            max_connections=500, max_keepalive_connections=500, keepalive_expiry=KEEPALIVE_S
        )
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
            async with asyncio.timeout(240):
                await asyncio.gather(*(_run_session(http, s) for s in sessions))

    GAUGE.most = 0
    asyncio.run(scenario())
    counts = _account(sessions)
    assert sum(counts.values()) == sum(len(s.jobs) for s in sessions)
    return counts


def test_a_burst_from_one_session_loses_nothing(url: str, figures: Figures) -> None:
    session = Session(jobs=_jobs(JOBS))

    async def concurrent_joins(http: httpx.AsyncClient) -> None:
        reader = asyncio.create_task(read(http, session))
        gate = asyncio.Semaphore(100)

        async def join(job: Job) -> None:
            async with gate:
                await _join(http, session, job)

        await asyncio.gather(*(join(job) for job in session.jobs))
        session.joining = False
        session.wake.set()
        await reader

    async def scenario() -> None:
        limits = httpx.Limits(
            max_connections=200, max_keepalive_connections=200, keepalive_expiry=KEEPALIVE_S
        )
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
            async with asyncio.timeout(240):
                await concurrent_joins(http)

    GAUGE.most = 0
    asyncio.run(scenario())
    counts = _account([session])
    figures("burst, one session", sent=JOBS, **counts, lost=counts.get("lost", 0),
            max_concurrency=GAUGE.most, limit=LIMIT)  # fmt: skip
    assert sum(counts.values()) == JOBS
    for ending in ("result", "error", "cancelled", "refused (queue full)"):
        assert counts.get(ending, 0) > 0, ending  # the burst exercised every ending
    assert GAUGE.most <= LIMIT


def test_a_burst_from_200_sessions_loses_nothing(url: str, figures: Figures) -> None:
    per_session = JOBS // SESSIONS
    sessions = [Session(jobs=_jobs(per_session, n * per_session)) for n in range(SESSIONS)]
    counts = _burst(url, sessions)
    figures("burst, 200 sessions", sent=JOBS, **counts, lost=counts.get("lost", 0),
            max_concurrency=GAUGE.most, limit=LIMIT)  # fmt: skip
    for ending in ("result", "error", "cancelled", "refused (queue full)"):
        assert counts.get(ending, 0) > 0, ending
    assert GAUGE.most <= LIMIT
