"""Every accepted job ends, for its client, in its result, its error, or an explicit cancel.

The delivery app (``tests/support/burst_app.py``) runs in a subprocess; the official clients
submit bursts to it. A session's stream closes by a handshake (``close_stream``, then the
client disconnects; a join meanwhile is answered after that), so no event is attached to a
stream that is ending, however the joins and the close interleave.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from contract_support import JsRunner
from gradio_client import Client
from gradio_client.exceptions import AppError
from sample_support import AppServer, free_port, stop, wait_ready

BURST_APP = Path(__file__).parents[1] / "support" / "burst_app.py"
#: Jobs per burst from one client, and bursts per test (each with a new client).
BURST, ROUNDS = 500, 3
SESSIONS, JOBS_PER_SESSION = 200, 5


@pytest.fixture(scope="module")
def burst_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    port = free_port()
    log = tmp_path_factory.mktemp("burst") / "app.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(BURST_APP), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = AppServer(f"http://127.0.0.1:{port}", "specblocks", process, log)
    wait_ready(server, {200})
    try:
        yield server
    finally:
        stop(server)


def test_one_python_client_gets_every_result_of_a_burst(burst_app: AppServer) -> None:
    for round_ in range(ROUNDS):
        client = Client(burst_app.url, verbose=False)
        try:
            jobs = [client.submit(f"{round_}-{i}", api_name="/echo") for i in range(BURST)]
            results = [job.result(timeout=120) for job in jobs]
        finally:
            client.close()
        wrong = [i for i, result in enumerate(results) if result != f"{round_}-{i}"]
        assert wrong == [], f"round {round_}: wrong results for jobs {wrong[:10]}"


def test_one_js_client_gets_every_result_of_a_burst(
    burst_app: AppServer, run_js: JsRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BURST_JOBS", "400")
    seen = run_js(burst_app.url, "burst")
    assert seen["errors"] == []
    assert seen["wrong"] == []
    assert seen["ok"] == 400


async def _session(http: httpx.AsyncClient, index: int) -> dict[str, Any]:
    """Join five jobs, then read the session's stream until all complete; return the results."""
    session = uuid.uuid4().hex
    expected = {}
    for n in range(JOBS_PER_SESSION):
        text = f"s{index}-j{n}"
        body = {"data": [text], "fn_index": 0, "session_hash": session}
        joined = await http.post("/gradio_api/queue/join", json=body)
        joined.raise_for_status()
        expected[joined.json()["event_id"]] = text
    results: dict[str, Any] = {}
    while len(results) < len(expected):  # a stream may close before a late event: reopen
        params = {"session_hash": session}
        async with http.stream("GET", "/gradio_api/queue/data", params=params) as stream:
            async for line in stream.aiter_lines():
                if not line.startswith("data: "):
                    continue
                message = json.loads(line[6:])
                if message["msg"] == "process_completed":
                    results[message["event_id"]] = message["output"]["data"][0]
                if message["msg"] in {"close_stream", "unexpected_error"}:
                    break
    return {"expected": expected, "results": results}


def test_many_sessions_each_get_all_their_results(burst_app: AppServer) -> None:
    async def scenario() -> list[dict[str, Any]]:
        limits = httpx.Limits(max_connections=400)
        async with httpx.AsyncClient(base_url=burst_app.url, timeout=60, limits=limits) as http:
            async with asyncio.timeout(180):
                return await asyncio.gather(*(_session(http, i) for i in range(SESSIONS)))

    sessions = asyncio.run(scenario())
    assert len(sessions) == SESSIONS
    for seen in sessions:
        assert seen["results"] == seen["expected"]


def test_an_unsendable_output_fails_only_its_own_event(burst_app: AppServer) -> None:
    client = Client(burst_app.url, verbose=False)
    try:
        bad = client.submit("x", api_name="/unsendable")
        later = client.submit("y", api_name="/unsendable_later")
        good = [client.submit(f"ok-{i}", api_name="/echo") for i in range(20)]
        assert [job.result(timeout=30) for job in good] == [f"ok-{i}" for i in range(20)]
        with pytest.raises(AppError) as caught:
            bad.result(timeout=30)
        assert "HTML 'Rendered'" in caught.value.message
        assert "object" in caught.value.message
        with pytest.raises(AppError) as caught_later:
            later.result(timeout=30)
        assert "HTML 'Rendered'" in caught_later.value.message
        assert "dict" in caught_later.value.message
        # the session goes on
        assert client.predict("after", api_name="/echo") == "after"
    finally:
        client.close()
