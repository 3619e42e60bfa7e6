"""Two ``specblocks serve`` processes on one Redis act as one server.

A job joined through one is streamed from the other; a global ``concurrency_limit=1`` holds
across both; ``State`` set through one is read through the other; a two-step ``/call`` may read
its result from either; a State value that cannot be shared fails its event with a clear
error; while Redis is down requests get a 503 naming it, and work again once it is back.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client import Client
from redis_support import redis_server
from sample_support import AppServer, free_port, stop, wait_ready

APP = """
import asyncio
import os
import threading
import time

import specblocks as gr


def slow(label):
    started = time.time()
    time.sleep(0.3)
    return f"{label} {os.getpid()} {started} {time.time()}"


def count(total):
    total = (total or 0) + 1
    return total, total


def tokens(text):
    for index in range(5):
        time.sleep(0.05)
        yield text * (index + 1)


def add(amount, total):
    total = (total or 0) + int(amount)
    return total, total


def show(total):
    return total


def unshareable(value):
    return threading.Lock()


def nap(text):
    time.sleep(2)
    return text


def hold(path):
    with open(path, "w") as out:
        out.write(str(os.getpid()))
    time.sleep(60)
    return "held"


async def long(text):
    await asyncio.sleep(30)
    return text


with gr.Blocks() as demo:
    text = gr.Textbox()
    out = gr.Textbox()
    number = gr.Number()
    total = gr.State(0)
    lock = gr.State()
    gr.Button().click(slow, text, out, api_name="slow", concurrency_limit=1)
    gr.Button().click(add, [number, total], [number, total], api_name="add")
    gr.Button().click(show, total, number, api_name="show")
    gr.Button().click(unshareable, text, lock, api_name="unshareable")
    gr.Button().click(lambda t: t[::-1], text, out, api_name="reverse")
    gr.Button().click(long, text, out, api_name="long", concurrency_limit=None)
    upload = gr.File()
    gr.Button().click(lambda f: f, upload, upload, api_name="echo_file")
    gr.Button().click(nap, text, out, api_name="nap")
    gr.Button().click(hold, text, out, api_name="hold", concurrency_id="one", concurrency_limit=1)
    gr.Button().click(lambda t: t, text, out, api_name="after", concurrency_id="one")
    counted = gr.State(0)
    gr.Button().click(count, counted, [number, counted], api_name="count")
    gr.Button().click(tokens, text, out, api_name="tokens")
"""


def _serve(tmp_path: Path, name: str, redis_url: str, cache: Path, **env: str) -> AppServer:
    port = free_port()
    log = tmp_path / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "specblocks", "serve", "app.py",
                "--host", "127.0.0.1", "--port", str(port),
                "--redis-url", redis_url, "--cache-dir", str(cache),
            ],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        )  # fmt: skip
    server = AppServer(f"http://127.0.0.1:{port}", name, process, log)
    wait_ready(server, {200})
    return server


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[AppServer, AppServer, str]]:
    """Two replicas of the app on a Redis of their own (and that Redis's URL)."""
    folder = tmp_path_factory.mktemp("replicas")
    (folder / "app.py").write_text(APP)
    cache = folder / "cache"
    with redis_server(folder) as url:
        first = _serve(folder, "first", url, cache)
        try:
            second = _serve(folder, "second", url, cache)
        except BaseException:
            stop(first)
            raise
        try:
            yield first, second, url
        finally:
            stop(first)
            stop(second)


def _join(server: AppServer, session: str, fn_index: int, data: list[Any]) -> str:
    answer = httpx.post(
        f"{server.url}/gradio_api/queue/join",
        json={"data": data, "fn_index": fn_index, "session_hash": session},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    event_id: str = answer.json()["event_id"]
    return event_id


def _stream(
    server: AppServer, session: str, messages: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The session's messages from ``server`` until ``close_stream`` (added to ``messages``)."""
    messages = [] if messages is None else messages
    with httpx.stream(
        "GET",
        f"{server.url}/gradio_api/queue/data",
        params={"session_hash": session},
        timeout=30,
    ) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                messages.append(json.loads(line[len("data: ") :]))
                if messages[-1]["msg"] in {"close_stream", "unexpected_error"}:
                    break
    return messages


def _outputs(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {m["event_id"]: m["output"] for m in messages if m["msg"] == "process_completed"}


def test_a_job_joined_on_one_replica_is_streamed_from_the_other(
    replicas: tuple[AppServer, AppServer, str],
) -> None:
    first, second, _ = replicas
    session = uuid.uuid4().hex
    event_id = _join(first, session, 4, ["abc"])
    messages = _stream(second, session)
    kinds = [m["msg"] for m in messages]
    # a rank is sent only while the job waits: one that starts at once may have none
    assert kinds[: kinds.index("process_starts")] in (["estimation"], [])
    assert _outputs(messages)[event_id]["data"] == ["cba"]
    assert kinds[-1] == "close_stream"


def test_a_global_concurrency_limit_holds_across_replicas(
    replicas: tuple[AppServer, AppServer, str],
) -> None:
    first, second, _ = replicas
    clients = [Client(first.url, verbose=False), Client(second.url, verbose=False)]
    try:
        jobs = [clients[i % 2].submit(f"job{i}", api_name="/slow") for i in range(8)]
        results = [job.result(timeout=60) for job in jobs]
    finally:
        for client in clients:
            client.close()
    spans = []
    pids = set()
    for i, result in enumerate(results):
        label, pid, started, ended = result.split()
        assert label == f"job{i}"
        pids.add(pid)
        spans.append((float(started), float(ended)))
    spans.sort()
    overlaps = sum(1 for a, b in itertools.pairwise(spans) if b[0] < a[1])
    print(f"8 jobs through 2 replicas: run by {len(pids)} process(es), {overlaps} overlaps")
    assert overlaps == 0, f"jobs of a concurrency_limit=1 listener overlapped: {spans}"


def test_state_set_through_one_replica_is_read_through_the_other(
    replicas: tuple[AppServer, AppServer, str],
) -> None:
    first, second, _ = replicas
    session = uuid.uuid4().hex
    added = _join(first, session, 1, [5, None])
    assert _outputs(_stream(first, session))[added]["data"][0] == 5
    added = _join(second, session, 1, [2, None])
    assert _outputs(_stream(second, session))[added]["data"][0] == 7
    shown = _join(first, session, 2, [None])
    assert _outputs(_stream(first, session))[shown]["data"] == [7]
    other = uuid.uuid4().hex  # another session starts from the initial value
    shown = _join(second, other, 2, [None])
    assert _outputs(_stream(second, other))[shown]["data"] == [0]


def test_a_state_value_that_cannot_be_shared_fails_with_a_clear_error(
    replicas: tuple[AppServer, AppServer, str],
) -> None:
    first, _, _ = replicas
    session = uuid.uuid4().hex
    event_id = _join(first, session, 3, ["x"])
    messages = _stream(first, session)
    completed = next(m for m in messages if m["msg"] == "process_completed")
    assert completed["event_id"] == event_id
    assert completed["success"] is False
    error = completed["output"]["error"]
    assert "gr.State" in error
    assert "by /unshareable" in error
    assert "picklable" in error
    assert "lock" in error


def test_a_two_step_call_can_read_its_result_from_the_other_replica(
    replicas: tuple[AppServer, AppServer, str],
) -> None:
    first, second, _ = replicas
    started = httpx.post(f"{first.url}/gradio_api/call/reverse", json={"data": ["xyz"]}, timeout=30)
    assert started.status_code == 200, started.text
    event_id = started.json()["event_id"]
    result = httpx.get(f"{second.url}/gradio_api/call/reverse/{event_id}", timeout=30)
    assert "event: complete" in result.text
    assert '["zyx"]' in result.text
    again = httpx.get(f"{first.url}/gradio_api/call/reverse/{event_id}", timeout=30)
    assert "event: error" in again.text  # a result is read once


def test_a_job_running_on_one_replica_is_cancelled_through_the_other(
    replicas: tuple[AppServer, AppServer, str],
) -> None:
    first, second, _ = replicas
    session = uuid.uuid4().hex
    event_id = _join(first, session, 5, ["never"])
    messages: list[dict[str, Any]] = []
    started = time.monotonic()
    with httpx.stream(
        "GET", f"{first.url}/gradio_api/queue/data", params={"session_hash": session}, timeout=30
    ) as response:
        for line in response.iter_lines():
            if not line.startswith("data: "):
                continue
            messages.append(json.loads(line[len("data: ") :]))
            if messages[-1]["msg"] == "process_starts":
                cancelled = httpx.post(
                    f"{second.url}/gradio_api/cancel",
                    json={"session_hash": session, "fn_index": 5, "event_id": event_id},
                    timeout=30,
                )
                assert cancelled.status_code == 200, cancelled.text
            if messages[-1]["msg"] in {"close_stream", "unexpected_error"}:
                break
    completed = [m for m in messages if m["msg"] == "process_completed"]
    assert len(completed) == 1
    assert completed[0]["event_id"] == event_id
    assert completed[0]["output"] == {}  # cancelled, no data
    assert time.monotonic() - started < 15  # not the 30 s the function sleeps


def test_a_file_uploaded_to_one_replica_is_read_by_the_other(
    replicas: tuple[AppServer, AppServer, str],
) -> None:
    """The replicas share a cache folder: uploads and outputs are found by any of them."""
    first, second, _ = replicas
    uploaded = httpx.post(
        f"{first.url}/gradio_api/upload",
        files={"files": ("notes.txt", b"shared between replicas", "text/plain")},
        timeout=30,
    )
    assert uploaded.status_code == 200, uploaded.text
    path = uploaded.json()[0]
    payload = {"path": path, "orig_name": "notes.txt", "meta": {"_type": "gradio.FileData"}}
    session = uuid.uuid4().hex
    event_id = _join(second, session, 6, [payload])
    output = _outputs(_stream(second, session))[event_id]["data"][0]
    assert output["path"] == path
    fetched = httpx.get(f"{first.url}/gradio_api/file={output['path']}", timeout=30)
    assert fetched.status_code == 200
    assert fetched.content == b"shared between replicas"


def test_while_redis_is_down_requests_get_a_503_and_work_again_after(
    tmp_path: Path,
) -> None:
    (tmp_path / "app.py").write_text(APP)
    with redis_server(tmp_path) as url:
        server = _serve(tmp_path, "alone", url, tmp_path / "cache")
    try:  # the Redis has stopped
        session = uuid.uuid4().hex
        answer = httpx.post(
            f"{server.url}/gradio_api/queue/join",
            json={"data": ["abc"], "fn_index": 4, "session_hash": session},
            timeout=60,
        )
        assert answer.status_code == 503
        assert "Redis" in answer.json()["detail"]
        assert answer.headers["retry-after"]
        port = url.rsplit(":", 1)[1].split("/")[0]
        with redis_server(tmp_path, int(port)):
            deadline = time.monotonic() + 20
            while True:
                try:
                    event_id = _join(server, session, 4, ["abc"])
                    break
                except AssertionError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            assert _outputs(_stream(server, session))[event_id]["data"] == ["cba"]
    finally:
        stop(server)


def test_a_job_accepted_before_redis_went_away_reaches_its_client_once_it_is_back(
    tmp_path: Path,
) -> None:
    """Redis stops while a job runs (and finishes) and comes back with its data: the client's
    stream stays open meanwhile and gets the result; nothing accepted is lost."""
    (tmp_path / "app.py").write_text(APP)
    data = tmp_path / "redis-data"
    data.mkdir()
    port = free_port()
    messages: list[dict[str, Any]] = []
    with redis_server(data, port, persist=True) as url:
        server = _serve(tmp_path, "outage", url, tmp_path / "cache")
        session = uuid.uuid4().hex
        event_id = _join(server, session, 7, ["through"])
        reader = threading.Thread(target=_stream, args=(server, session, messages))
        reader.start()
        deadline = time.monotonic() + 10
        while not any(m["msg"] == "process_starts" for m in messages[:]):
            assert time.monotonic() < deadline, "the job did not start"
            time.sleep(0.05)
    try:  # Redis is down while the job finishes
        time.sleep(2.5)
        assert reader.is_alive(), f"the stream ended while Redis was away: {messages}"
        with redis_server(data, port, persist=True):
            reader.join(timeout=30)
            assert not reader.is_alive(), "the result never arrived"
    finally:
        stop(server)
    assert _outputs(messages)[event_id]["data"] == ["through"]
    assert messages[-1]["msg"] == "close_stream"


def test_the_jobs_of_a_killed_replica_end_with_a_clear_error_and_free_their_slot(
    tmp_path: Path,
) -> None:
    """SIGKILL the replica running a job: the job ends with an error naming what happened
    (within the process timeout), and the job waiting for its concurrency slot then runs."""
    (tmp_path / "app.py").write_text(APP)
    ran_by = tmp_path / "pid.txt"
    with redis_server(tmp_path) as url:
        cache = tmp_path / "cache"
        servers = [
            _serve(tmp_path, name, url, cache, SPECBLOCKS_PROCESS_TIMEOUT="2")
            for name in ("a", "b")
        ]
        try:
            session = uuid.uuid4().hex
            held = _join(servers[0], session, 8, [str(ran_by)])
            deadline = time.monotonic() + 15
            while not ran_by.exists() or not ran_by.read_text():
                assert time.monotonic() < deadline, "the job did not start"
                time.sleep(0.05)
            pid = int(ran_by.read_text())
            runner = next(s for s in servers if s.process.pid == pid)
            survivor = next(s for s in servers if s is not runner)
            waiting = _join(survivor, session, 9, ["next"])  # same concurrency group, limit 1
            killed_at = time.monotonic()
            runner.process.kill()
            runner.process.wait(10)
            outputs = _outputs(_stream(survivor, session))
            waited = time.monotonic() - killed_at
        finally:
            for server in servers:
                stop(server)
    assert "stopped before it finished" in outputs[held]["error"]
    assert outputs[waiting]["data"] == ["next"]
    assert waited < 15, f"the killed replica's job ended only after {waited:.1f} s"


@pytest.fixture(scope="module")
def balanced(
    replicas: tuple[AppServer, AppServer, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """nginx on a free port balancing the two replicas round-robin (``deploy nginx``)."""
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if binary is None:
        message = "nginx is not installed (Debian: apt-get install nginx)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    addresses = [server.url.removeprefix("http://") for server in replicas[:2]]
    config = subprocess.run(
        [sys.executable, "-m", "specblocks", "deploy", "nginx", "--standalone",
         "--listen", f"127.0.0.1:{port}", *(f"--replica={a}" for a in addresses)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    (folder / "nginx.conf").write_text(config)
    log = (folder / "nginx.log").open("wb")
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                if httpx.get(f"{url}/config", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not serve: {(folder / 'nginx.log').read_text()}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_the_official_client_through_round_robin_nginx_keeps_its_session(balanced: str) -> None:
    """Requests of one client land on both replicas in turn; its State, streams and results
    hold as if there were one server."""
    client = Client(balanced, verbose=False)
    try:
        counts = [client.predict(api_name="/count") for _ in range(6)]
        streamed = list(client.submit("ab", api_name="/tokens"))
        reversed_ = client.predict("hello", api_name="/reverse")
    finally:
        client.close()
    assert counts == [1, 2, 3, 4, 5, 6]
    assert streamed[-1] == "ab" * 5
    assert reversed_ == "olleh"
