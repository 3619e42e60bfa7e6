"""The official Python client (gradio_client 2.7.2) against the sample app."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from contract_support import GENERIC_ERROR
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError, AuthenticationError
from gradio_client.utils import QueueError, Status, StatusUpdate
from sample_support import (
    GR_ERROR_MESSAGE,
    PASSWORD,
    QUEUE_MAX_SIZE,
    USERNAME,
    AppServer,
    check_files_round_trip,
    check_multi_defaults,
    wait_for,
)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the shared client puts the files it downloads."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def client(app: AppServer, downloads: Path) -> Iterator[Client]:
    """One client (one session) shared by the module's tests."""
    c = Client(app.url, verbose=False, download_files=str(downloads))
    yield c
    c.close()


@pytest.fixture
def new_client(app: AppServer) -> Iterator[Callable[[], Client]]:
    """Makes more clients, each with its own session; closed after the test."""
    made: list[Client] = []

    def make() -> Client:
        made.append(Client(app.url, verbose=False, download_files=False))
        return made[-1]

    yield make
    for c in made:
        c.close()


def _updates(job: Any) -> list[Any]:
    """Every status and output update the job went through, in order (after it finished)."""

    async def collect() -> list[Any]:
        return [update async for update in job]

    job.result(timeout=30)
    return asyncio.run(collect())


def _stats(client: Client, *, reset: bool = False) -> dict[str, int]:
    stats: dict[str, int] = json.loads(client.predict(reset, api_name="/stats"))
    return stats


def _started(job: Any) -> bool:
    return bool(job.status().code == Status.PROCESSING)


def _queued(job: Any) -> bool:
    return bool(job.status().code == Status.IN_QUEUE)


# -- predict ---------------------------------------------------------------------------------
def test_predict_positional(client: Client) -> None:
    assert client.predict("World", api_name="/greet") == "Hello World!"


def test_predict_keyword_arguments(client: Client) -> None:
    result = client.predict(text="k", n=2, flag=False, choice="c", api_name="/multi")
    assert result == ("k|2|False|c", 4)
    assert client.predict(name="kw", api_name="/greet") == "Hello kw!"


def test_predict_fills_defaults_from_api_info(client: Client) -> None:
    check_multi_defaults(client)


# -- submit / job ------------------------------------------------------------------------------
def test_submit_job_status_result_outputs(client: Client) -> None:
    job = client.submit("Job", api_name="/greet")
    assert job.result(timeout=30) == "Hello Job!"
    status = job.status()
    assert status.code == Status.FINISHED
    assert status.success is True
    assert job.done()
    codes = [u.code for u in _updates(job) if isinstance(u, StatusUpdate)]
    assert codes[-1] == Status.FINISHED
    assert Status.PROCESSING in codes
    assert codes.index(Status.PROCESSING) < codes.index(Status.FINISHED)
    assert set(codes) <= {Status.IN_QUEUE, Status.PROCESSING, Status.FINISHED}


def test_generator_iteration_yields_everything_in_order(client: Client) -> None:
    job = client.submit(4, 0.05, api_name="/stream")
    seen = list(job)  # iterates while the generator runs
    expected = ["tok0 ", "tok0 tok1 ", "tok0 tok1 tok2 ", "tok0 tok1 tok2 tok3 "]
    assert seen == expected
    assert job.result(timeout=30) == expected[-1]
    assert job.outputs() == expected
    codes = [u.code for u in _updates(job) if isinstance(u, StatusUpdate)]
    assert codes.count(Status.ITERATING) == 4
    assert codes[-1] == Status.FINISHED


def test_progress_updates_reach_the_job(client: Client) -> None:
    job = client.submit("p", api_name="/progress")
    assert job.result(timeout=30) == "done p"
    progress = [
        u for u in _updates(job) if isinstance(u, StatusUpdate) and u.code == Status.PROGRESS
    ]
    descs = [unit.desc for u in progress for unit in (u.progress_data or [])]
    assert "halfway" in descs
    halfway = next(
        unit for u in progress for unit in (u.progress_data or []) if unit.desc == "halfway"
    )
    assert halfway.progress == pytest.approx(0.5)


def test_cancel_a_queued_job(client: Client, new_client: Callable[[], Client]) -> None:
    _stats(client, reset=True)
    # The busy job runs in another session: real Gradio's /cancel also stops the *running*
    # events of the same endpoint in the canceller's session, which is beside the point here.
    busy = new_client().submit("busy", 1.5, api_name="/slow")
    wait_for(lambda: _started(busy), "the busy job to start")
    queued = client.submit("queued", 0.1, api_name="/slow")
    wait_for(lambda: _queued(queued), "the second job to wait in the queue")
    status = queued.status()
    assert status.rank == 0
    assert status.queue_size == 1
    assert queued.cancel() is True
    assert queued.status().code == Status.CANCELLED
    # The server ends a cancelled event with an empty successful completion (`output: {}`);
    # gradio_client 2.7.2 then fails the future (a KeyError on the missing "data", against
    # real Gradio too) unless it noticed the cancel first (CancelledError).
    with pytest.raises((concurrent.futures.CancelledError, KeyError)):
        queued.result(timeout=10)
    assert busy.result(timeout=30) == "slept busy"
    assert busy.status().code == Status.FINISHED
    stats = _stats(client)
    assert stats["calls"] == 1, "the cancelled job must never run"


# -- state -----------------------------------------------------------------------------------
def test_state_is_kept_per_session_and_reset(new_client: Callable[[], Client]) -> None:
    client, other = new_client(), new_client()
    assert client.predict("a", api_name="/counter") == "a call#1"
    assert client.predict("b", api_name="/counter") == "b call#2"
    assert other.predict("o", api_name="/counter") == "o call#1"
    assert client.predict("c", api_name="/counter") == "c call#3"
    client.reset_session()
    assert client.predict("d", api_name="/counter") == "d call#1"
    assert other.predict("p", api_name="/counter") == "p call#2"


# -- files -----------------------------------------------------------------------------------
def test_file_upload_and_download(client: Client, downloads: Path, tmp_path: Path) -> None:
    check_files_round_trip(
        client, handle_file, downloads, tmp_path, b"contract file \x00\x01\xff bytes\n"
    )


# -- errors ----------------------------------------------------------------------------------
def test_gr_error_reaches_the_client(client: Client) -> None:
    with pytest.raises(AppError) as caught:
        client.predict("x", api_name="/fail")
    assert caught.value.message == GR_ERROR_MESSAGE
    assert str(caught.value) == GR_ERROR_MESSAGE
    assert caught.value.title == "Oops"


def test_crash_without_show_error_is_generic(client: Client) -> None:
    with pytest.raises(AppError) as caught:
        client.predict("x", api_name="/crash")
    assert GENERIC_ERROR in caught.value.message
    assert "secret internal error" not in caught.value.message


def test_error_fails_a_submitted_job(client: Client) -> None:
    job = client.submit("x", api_name="/fail")
    with pytest.raises(AppError, match=GR_ERROR_MESSAGE):
        job.result(timeout=30)
    assert job.status().code == Status.FINISHED
    assert job.status().success is False


# -- view_api --------------------------------------------------------------------------------
def test_view_api(client: Client) -> None:
    info = client.view_api(print_info=False, return_format="dict")
    assert isinstance(info, dict)
    named = info["named_endpoints"]
    expected = {"/greet", "/multi", "/stream", "/counter", "/files", "/fail", "/crash"}
    assert expected | {"/progress", "/slow", "/stats"} <= set(named)
    assert info["unnamed_endpoints"] == {}

    multi = named["/multi"]
    params = {p["parameter_name"]: p for p in multi["parameters"]}
    assert list(params) == ["text", "n", "flag", "choice"]
    assert [params[k]["parameter_default"] for k in params] == ["abc", 3, True, "b"]
    assert all(p["parameter_has_default"] for p in params.values())
    assert [p["component"] for p in multi["parameters"]] == [
        "Textbox",
        "Number",
        "Checkbox",
        "Dropdown",
    ]
    assert [r["label"] for r in multi["returns"]] == ["Combined", "Double"]

    greet = named["/greet"]["parameters"]
    assert [(p["parameter_name"], p["parameter_has_default"]) for p in greet] == [("name", False)]
    assert greet[0]["python_type"]["type"] == "str"
    # State inputs and outputs are not part of the API.
    counter = named["/counter"]
    assert [p["parameter_name"] for p in counter["parameters"]] == ["x"]
    assert [r["label"] for r in counter["returns"]] == ["Counter out"]
    files = named["/files"]
    assert [p["component"] for p in files["parameters"]] == ["File", "Image"]
    assert [p["python_type"]["type"] for p in files["parameters"]] == ["filepath", "filepath"]

    text = client.view_api(print_info=False, return_format="str")
    assert isinstance(text, str)
    assert 'api_name="/greet"' in text
    assert "name: str" in text


# -- auth ------------------------------------------------------------------------------------
def test_auth(auth_app: AppServer) -> None:
    c = Client(auth_app.url, auth=(USERNAME, PASSWORD), verbose=False, download_files=False)
    try:
        assert c.predict("A", api_name="/greet") == "Hello A!"
        assert c.predict("s", api_name="/counter") == "s call#1"
    finally:
        c.close()
    # The real server answers a wrong password with 400, which the client reports as
    # "Could not login" (a 401 would be an AuthenticationError): either way it is refused.
    with pytest.raises((ValueError, AuthenticationError), match=r"(?i)login|credentials"):
        Client(auth_app.url, auth=(USERNAME, "wrong"), verbose=False)
    with pytest.raises(AuthenticationError):
        Client(auth_app.url, verbose=False)


# -- the queue -------------------------------------------------------------------------------
def test_queue_full_rejects_the_next_job(client: Client) -> None:
    busy = client.submit("busy", 3.0, api_name="/slow")
    wait_for(lambda: _started(busy), "the busy job to start")
    waiting = [client.submit(f"w{i}", 0.05, api_name="/slow") for i in range(QUEUE_MAX_SIZE)]
    wait_for(lambda: all(_queued(j) for j in waiting), "the queue to fill")
    rejected = client.submit("one too many", 0.05, api_name="/slow")
    with pytest.raises(QueueError, match="Queue is full"):
        rejected.result(timeout=30)
    assert busy.result(timeout=30) == "slept busy"
    assert [j.result(timeout=30) for j in waiting] == ["slept w0", "slept w1"]


def test_concurrency_limit_is_honoured(client: Client, new_client: Callable[[], Client]) -> None:
    _stats(client, reset=True)
    first = client.submit("c0", 0.3, api_name="/slow")
    wait_for(lambda: _started(first), "the first job to start")
    others = [client.submit(f"c{i}", 0.3, api_name="/slow") for i in (1, 2)]
    assert first.result(timeout=30) == "slept c0"
    # Another session competes for the same limit once the queue has room again.
    late = new_client().submit("c3", 0.1, api_name="/slow")
    assert [job.result(timeout=30) for job in others] == ["slept c1", "slept c2"]
    assert late.result(timeout=30) == "slept c3"
    stats = _stats(client)
    assert stats["calls"] == 4
    assert stats["max_in_flight"] == 1
