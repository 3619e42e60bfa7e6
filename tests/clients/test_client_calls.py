"""specblocks-client calls against the live app: predict, submit and jobs, cancel, state, queue."""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from client_support import all_updates, is_queued, is_started, slow_stats, status_codes
from sample_support import QUEUE_MAX_SIZE, check_multi_defaults, wait_for

from specblocks_client import Client, OutputUpdate, QueueError, Status, StatusUpdate


# -- predict ---------------------------------------------------------------------------------
def test_predict_positional(client: Client) -> None:
    assert client.predict("World", api_name="/greet") == "Hello World!"
    assert client.predict("NoSlash", api_name="greet") == "Hello NoSlash!"


def test_predict_keyword_arguments(client: Client) -> None:
    assert client.predict(text="k", n=2, flag=False, choice="c", api_name="/multi") == (
        "k|2|False|c",
        4,
    )
    assert client.predict(name="kw", api_name="/greet") == "Hello kw!"


def test_predict_fills_defaults_from_api_info(client: Client) -> None:
    check_multi_defaults(client)


def test_predict_by_fn_index(client: Client) -> None:
    fn_index = client.endpoint(api_name="/greet").fn_index
    assert client.predict("idx", fn_index=fn_index) == "Hello idx!"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.predict("x", api_name="/nope"), r"no endpoint '/nope'.*/greet"),
        (lambda c: c.predict(api_name="/greet"), r"missing required argument\(s\): name"),
        (lambda c: c.predict(nam="x", api_name="/greet"), r"no parameter 'nam'.*name"),
        (lambda c: c.predict("a", "b", api_name="/greet"), r"at most 1 argument"),
        (lambda c: c.predict("a", name="b", api_name="/greet"), r"two values .*'name'"),
        (lambda c: c.predict("x"), r"name one with api_name="),
        (lambda c: c.predict("x", fn_index=9999), r"fn_index=9999"),
    ],
)
def test_bad_calls_fail_before_reaching_the_app(
    client: Client, call: Callable[[Client], Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        call(client)


def test_src_must_be_a_url() -> None:
    with pytest.raises(ValueError, match="Hugging Face"):
        Client("gradio/calculator", verbose=False)


# -- submit / job ------------------------------------------------------------------------------
def test_submit_job_status_result_outputs(client: Client) -> None:
    job = client.submit("Job", api_name="/greet")
    assert isinstance(job, concurrent.futures.Future)
    assert job.result(timeout=30) == "Hello Job!"
    assert job.done()
    status = job.status()
    assert status.code == Status.FINISHED
    assert status.success is True
    assert job.outputs() == ["Hello Job!"]
    codes = status_codes(job)
    assert codes[0] == Status.STARTING
    assert codes[-1] == Status.FINISHED
    assert codes.index(Status.JOINING_QUEUE) < codes.index(Status.PROCESSING)
    assert set(codes) <= {
        Status.STARTING,
        Status.JOINING_QUEUE,
        Status.IN_QUEUE,
        Status.PROCESSING,
        Status.FINISHED,
    }


def test_generator_iteration_yields_everything_in_order(client: Client) -> None:
    job = client.submit(4, 0.05, api_name="/stream")
    seen = list(job)
    expected = ["tok0 ", "tok0 tok1 ", "tok0 tok1 tok2 ", "tok0 tok1 tok2 tok3 "]
    assert seen == expected
    assert job.result(timeout=30) == expected[-1]
    assert job.outputs() == expected
    codes = status_codes(job)
    assert codes.count(Status.ITERATING) == 4
    assert codes[-1] == Status.FINISHED


def test_iteration_yields_outputs_while_the_generator_runs(client: Client) -> None:
    job = client.submit(3, 0.4, api_name="/stream")
    first = next(iter(job))
    assert first == "tok0 "
    assert not job.done(), "the first output must arrive before the generator ends"
    assert list(job) == ["tok0 tok1 ", "tok0 tok1 tok2 "]


def test_nested_diffs_are_applied(client: Client) -> None:
    job = client.submit(4, api_name="/json_stream")
    seen = list(job)
    assert [s["items"] for s in seen] == [
        ["i0"],
        ["i0", "i1"],
        ["i0", "i1", "i2"],
        ["i0", "i1", "i2", "i3"],
    ]
    assert [s["count"] for s in seen] == [1, 2, 3, 4]
    assert [s["last"] for s in seen] == [{"name": f"i{i}"} for i in range(4)]
    assert job.result(timeout=30) == seen[-1]


def test_progress_updates_reach_the_job(client: Client) -> None:
    job = client.submit("p", api_name="/progress")
    descs: list[str] = []
    while not job.done():
        descs.extend(unit.desc or "" for unit in job.status().progress_data or [])
        time.sleep(0.01)
    assert job.result(timeout=30) == "done p"
    assert "halfway" in descs

    updates = all_updates(job)
    halfway = [
        unit
        for u in updates
        if isinstance(u, StatusUpdate) and u.code == Status.PROGRESS
        for unit in u.progress_data or []
        if unit.desc == "halfway"
    ]
    assert halfway
    assert halfway[0].progress == pytest.approx(0.5)
    assert [u.outputs for u in updates if isinstance(u, OutputUpdate)] == ["done p"]


def test_log_messages_reach_the_job(client: Client) -> None:
    job = client.submit("w", api_name="/warn")
    assert job.result(timeout=30) == "warned w"

    logs = [u.log for u in all_updates(job) if isinstance(u, StatusUpdate) and u.log]
    assert logs == [("careful with w", "warning")]


def test_result_callbacks_get_the_result(client: Client) -> None:
    got: list[Any] = []
    called = threading.Event()

    def single(value: str) -> None:
        got.append(value)

    def pair(text: str, number: float) -> None:
        got.append((text, number))
        called.set()

    client.submit("cb", api_name="/greet", result_callbacks=single).result(timeout=30)
    client.submit("m", api_name="/multi", result_callbacks=[pair]).result(timeout=30)
    assert called.wait(5)
    assert got == ["Hello cb!", ("m|3|True|b", 6)]


def test_jobs_of_one_session_share_the_stream(client: Client) -> None:
    streaming = client.submit(5, 0.1, api_name="/stream")
    # The queue holds two waiting events; a joined event waits a moment even when it may run
    # at once, and /greet runs one call at a time (Gradio's default): start the generator
    # first, then submit two.
    wait_for(lambda: streaming.status().code in (Status.PROCESSING, Status.ITERATING), "start")
    greetings = [client.submit(f"m{i}", api_name="/greet") for i in range(2)]
    assert [g.result(timeout=30) for g in greetings] == ["Hello m0!", "Hello m1!"]
    assert not streaming.done(), "short jobs finish while the generator still streams"
    assert streaming.result(timeout=30) == "tok0 tok1 tok2 tok3 tok4 "
    assert len(streaming.outputs()) == 5


# -- cancel ----------------------------------------------------------------------------------
def test_cancel_a_queued_job(client: Client, new_client: Callable[..., Client]) -> None:
    slow_stats(client, reset=True)
    # The busy job runs in another session: real Gradio's /cancel also stops the running
    # events of the same endpoint in the canceller's session.
    busy = new_client().submit("busy", 1.5, api_name="/slow")
    wait_for(lambda: is_started(busy), "the busy job to start")
    queued = client.submit("queued", 0.1, api_name="/slow")
    wait_for(lambda: is_queued(queued), "the second job to wait in the queue")
    status = queued.status()
    assert (status.rank, status.queue_size) == (0, 1)
    assert queued.cancel() is True
    assert queued.cancelled()
    assert queued.status().code == Status.CANCELLED
    with pytest.raises(concurrent.futures.CancelledError):
        queued.result(timeout=10)
    assert queued.cancel() is True, "cancelling again is harmless"
    assert busy.result(timeout=30) == "slept busy"
    assert busy.cancel() is False, "a finished job cannot be cancelled"
    assert slow_stats(client)["calls"] == 1, "the cancelled job must never run"


def test_cancel_a_running_generator_keeps_its_outputs(new_client: Callable[..., Client]) -> None:
    c = new_client()
    job = c.submit(20, 0.1, api_name="/stream")
    wait_for(lambda: len(job.outputs()) >= 2, "two outputs")
    assert job.cancel() is True
    kept = job.outputs()
    assert kept[:2] == ["tok0 ", "tok0 tok1 "]
    with pytest.raises(concurrent.futures.CancelledError):
        job.result(timeout=10)
    # The session is still usable afterwards.
    assert c.predict("after", api_name="/greet") == "Hello after!"


# -- state -----------------------------------------------------------------------------------
def test_state_is_kept_per_session_and_reset(new_client: Callable[..., Client]) -> None:
    client, other = new_client(), new_client()
    assert client.predict("a", api_name="/counter") == "a call#1"
    assert client.predict("b", api_name="/counter") == "b call#2"
    assert other.predict("o", api_name="/counter") == "o call#1"
    assert client.predict("c", api_name="/counter") == "c call#3"
    old_session = client.session_hash
    client.reset_session()
    assert client.session_hash != old_session
    assert client.predict("d", api_name="/counter") == "d call#1"
    assert other.predict("p", api_name="/counter") == "p call#2"


# -- the queue -------------------------------------------------------------------------------
def test_queue_full_rejects_the_next_job(client: Client) -> None:
    busy = client.submit("busy", 1.0, api_name="/slow")
    wait_for(lambda: is_started(busy), "the busy job to start")
    waiting = [client.submit(f"w{i}", 0.05, api_name="/slow") for i in range(QUEUE_MAX_SIZE)]
    wait_for(lambda: all(is_queued(j) for j in waiting), "the queue to fill")
    rejected = client.submit("one too many", 0.05, api_name="/slow")
    with pytest.raises(QueueError, match="Queue is full"):
        rejected.result(timeout=30)
    assert rejected.status().code == Status.QUEUE_FULL
    assert busy.result(timeout=30) == "slept busy"
    assert [j.result(timeout=30) for j in waiting] == ["slept w0", "slept w1"]


def test_concurrency_limit_is_honoured(client: Client, new_client: Callable[..., Client]) -> None:
    slow_stats(client, reset=True)
    first = client.submit("c0", 0.3, api_name="/slow")
    wait_for(lambda: is_started(first), "the first job to start")
    others = [client.submit(f"c{i}", 0.3, api_name="/slow") for i in (1, 2)]
    wait_for(lambda: all(is_queued(j) for j in others), "the others to queue")
    assert sorted(j.status().rank or 0 for j in others) == [0, 1]
    assert first.result(timeout=30) == "slept c0"
    late = new_client().submit("c3", 0.1, api_name="/slow")
    assert [job.result(timeout=30) for job in others] == ["slept c1", "slept c2"]
    assert late.result(timeout=30) == "slept c3"
    stats = slow_stats(client)
    assert stats["calls"] == 4
    assert stats["max_in_flight"] == 1


def test_unlimited_endpoints_run_concurrently(client: Client) -> None:
    # /stream has no concurrency limit. Only two are submitted: events wait in the queue
    # (max_size=2) for a moment before they start, on Gradio too.
    started = time.monotonic()
    jobs = [client.submit(3, 0.5, api_name="/stream") for _ in range(2)]
    assert [j.result(timeout=30) for j in jobs] == ["tok0 tok1 tok2 "] * 2
    # Two 1.5 s generators one after the other would take 3 s.
    assert time.monotonic() - started < 2.6
