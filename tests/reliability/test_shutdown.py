"""Graceful shutdown: on SIGTERM the server refuses new jobs with a clear 503, lets the jobs
it accepted finish and reach their clients (within ``SPECBLOCKS_SHUTDOWN_TIMEOUT``), ends any
still unfinished with an error, and exits."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from reliability_support import Figures, Job, Session, free_port, join, read

APP = """
import os, time
import specblocks as gr

def slow(text, seconds):
    time.sleep(seconds)
    return text.upper()

with gr.Blocks() as demo:
    text, seconds, out = gr.Textbox(), gr.Number(), gr.Textbox()
    gr.Button().click(slow, [text, seconds], out, api_name="slow", concurrency_limit=2)
demo.launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]), quiet=True)
"""
SHUTTING_DOWN = "The server is shutting down: it accepts no new jobs. Try again in a moment."


@contextmanager
def app(tmp_path: Path, **env: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The app in its own process (``python app.py``, as deployed), stopped by PID."""
    script = tmp_path / "app.py"
    script.write_text(APP)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(script)],
        env={**os.environ, "PORT": str(port), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/config", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the app did not start"
            assert process.poll() is None, "the app exited"
            time.sleep(0.1)
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


async def _shutdown_during(
    url: str, process: subprocess.Popen[bytes], jobs: int, seconds: float
) -> tuple[Session, Job, float]:
    """Join ``jobs`` jobs, SIGTERM the server, try one more join; read until all have ended."""
    session = Session(jobs=[Job(text=f"job{i}") for i in range(jobs)])
    late = Job(text="late")
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        reader = asyncio.create_task(read(http, session))
        for job in session.jobs:
            await join(http, session, job, [job.text, seconds])
        process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        await asyncio.sleep(0.5)  # the signal reaches the server's main thread
        await join(http, Session(), late, [late.text, seconds])
        session.joining = False
        session.wake.set()
        async with asyncio.timeout(60):
            await reader
    return session, late, signalled


def test_sigterm_drains_accepted_jobs_and_refuses_new_ones(
    tmp_path: Path, figures: Figures
) -> None:
    with app(tmp_path) as (process, url):
        session, late, signalled = asyncio.run(_shutdown_during(url, process, 10, 0.4))
        exit_code = process.wait(timeout=60)
        stopped = time.monotonic() - signalled
    assert late.refused == SHUTTING_DOWN
    assert all(j.event_id for j in session.jobs)
    endings = [j.endings for j in session.jobs]
    assert all(len(e) == 1 for e in endings), endings
    results = [e[0]["output"].get("data") for e in endings]
    assert results == [[f"JOB{i}"] for i in range(10)]
    assert exit_code == 0
    figures("graceful shutdown", accepted=10, completed=10, lost=0, refused_after_sigterm=1,
            exit_code=exit_code, seconds_to_exit=round(stopped, 1))  # fmt: skip


def test_jobs_past_the_shutdown_timeout_end_with_an_error(tmp_path: Path, figures: Figures) -> None:
    with app(tmp_path, SPECBLOCKS_SHUTDOWN_TIMEOUT="1") as (process, url):
        session, late, signalled = asyncio.run(_shutdown_during(url, process, 4, 5.0))
        exit_code = process.wait(timeout=60)
        stopped = time.monotonic() - signalled
    assert late.refused == SHUTTING_DOWN
    endings = [j.endings for j in session.jobs]
    assert all(len(e) == 1 for e in endings), endings
    errors = [e[0]["output"].get("error") for e in endings]
    assert errors == ["The server shut down before this job finished."] * 4
    assert exit_code == 0
    assert stopped < 15  # one second of grace, not the jobs' 10 seconds
    figures("shutdown timeout", accepted=4, ended_with_error=4, lost=0,
            seconds_to_exit=round(stopped, 1))  # fmt: skip
