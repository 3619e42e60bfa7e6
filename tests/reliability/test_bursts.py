"""Bursts of 1,000 jobs, from one session and from 200 sessions, against a queue with a
``max_size`` and a concurrency limit: every job ends in exactly one of its result, its error,
an explicit cancel or a queue-full refusal, and the limit holds.

The client speaks the queue protocol itself (join, the session's event stream, cancel), as
the official clients do, so that each job's ending can be counted exactly.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from reliability_support import Figures

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


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with gr.Blocks() as demo:
        text, delay, out = gr.Textbox(), gr.Number(), gr.Textbox()
        gr.Button().click(work, [text, delay], out, api_name="work", concurrency_limit=LIMIT)
    demo.queue(max_size=MAX_SIZE)
    with serve(demo) as served:
        yield served.rstrip("/")


@dataclass
class Job:
    """One submitted job and how it ended."""

    text: str
    cancel: bool
    event_id: str | None = None
    refused: str | None = None
    endings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Session:
    """The jobs of one session, and its stream reader."""

    hash: str = field(default_factory=lambda: uuid.uuid4().hex)
    jobs: list[Job] = field(default_factory=list)
    by_id: dict[str, Job] = field(default_factory=dict)
    #: completions read before the join that accepted their event had answered (a fast job
    #: can end before its join's response arrives): the join takes them
    early: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    joining: bool = True
    #: set when a job was accepted or the joining is over: the reader looks again
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def waiting(self) -> bool:
        """Whether an accepted job has not ended yet."""
        return any(not j.endings for j in self.by_id.values())


async def _join(http: httpx.AsyncClient, session: Session, job: Job) -> None:
    delay = 0.2 if job.cancel else 0.01
    body = {"data": [job.text, delay], "fn_index": 0, "session_hash": session.hash}
    response = await http.post("/gradio_api/queue/join", json=body)
    if response.status_code == 503:
        job.refused = response.json()["detail"]
        return
    response.raise_for_status()
    job.event_id = response.json()["event_id"]
    job.endings.extend(session.early.pop(job.event_id, []))
    session.by_id[job.event_id] = job
    session.wake.set()
    if job.cancel:
        cancel = {"session_hash": session.hash, "fn_index": 0, "event_id": job.event_id}
        (await http.post("/gradio_api/cancel", json=cancel)).raise_for_status()


async def _read(http: httpx.AsyncClient, session: Session) -> None:
    """Read the session's stream while it has accepted jobs that have not ended (as the
    official clients do: a stream is opened for pending events, and again after it closed
    while some were still pending); return once joining is over and every job has ended."""
    while True:
        if not session.waiting():
            if not session.joining:
                return
            session.wake.clear()
            await session.wake.wait()
            continue
        params = {"session_hash": session.hash}
        async with http.stream("GET", "/gradio_api/queue/data", params=params) as stream:
            async for line in stream.aiter_lines():
                if not line.startswith("data: "):
                    continue
                message = json.loads(line[6:])
                if message["msg"] == "process_completed":
                    job = session.by_id.get(message["event_id"])
                    if job is None:
                        session.early.setdefault(message["event_id"], []).append(message)
                    else:
                        job.endings.append(message)
                if message["msg"] in {"close_stream", "unexpected_error"}:
                    break


async def _run_session(http: httpx.AsyncClient, session: Session) -> None:
    reader = asyncio.create_task(_read(http, session))
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
        limits = httpx.Limits(max_connections=500, max_keepalive_connections=500)
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
        reader = asyncio.create_task(_read(http, session))
        gate = asyncio.Semaphore(100)

        async def join(job: Job) -> None:
            async with gate:
                await _join(http, session, job)

        await asyncio.gather(*(join(job) for job in session.jobs))
        session.joining = False
        session.wake.set()
        await reader

    async def scenario() -> None:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
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
