"""The official JS client (@gradio/client 2.7.0, under Node) against the sample app.

Each test runs one scenario of ``js/scenarios.mjs``, which prints what the client observed as
one JSON line; the assertions are here.
"""

from __future__ import annotations

import base64
import hashlib

from contract_support import JsRunner
from sample_support import GR_ERROR_MESSAGE, AppServer, png_size


def test_connect_and_view_api(app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(app.url, "view_api")
    expected = {"/greet", "/multi", "/stream", "/counter", "/files", "/fail", "/crash"}
    assert expected | {"/progress", "/slow", "/stats"} <= set(seen["named"])
    assert seen["unnamed"] == []
    multi = seen["multi"]
    assert [p["name"] for p in multi] == ["text", "n", "flag", "choice"]
    assert [p["default"] for p in multi] == ["abc", 3, True, "b"]
    assert all(p["has_default"] for p in multi)
    assert [p["component"] for p in multi] == ["Textbox", "Number", "Checkbox", "Dropdown"]
    assert [p["type"] for p in multi[:3]] == ["string", "number", "boolean"]
    assert seen["multi_returns"] == ["Combined", "Double"]
    # The client splices a placeholder in where /counter takes its gr.State.
    counter = seen["counter"]
    assert [(p["name"], p["component"]) for p in counter] == [("x", "Textbox"), (None, "state")]
    assert seen["stream_generator"] is True
    assert seen["greet_generator"] is False


def test_predict_positional_and_keyword(app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(app.url, "predict")
    assert seen["positional"] == ["Hello JS!"]
    assert seen["keyword"] == ["k|2|False|c", 4]
    # Keyword calls get the other parameters' defaults from /info.
    assert seen["defaults"] == ["z|3|True|b", 6]
    assert seen["by_name"] == ["Hello kw!"]


def test_submit_iterates_a_generator(app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(app.url, "stream")
    tokens = ["tok0 ", "tok0 tok1 ", "tok0 tok1 tok2 ", "tok0 tok1 tok2 tok3 "]
    # One data event per yield, in order, and the final value again on completion.
    assert seen["data"] == [[t] for t in [*tokens, tokens[-1]]]
    stages = seen["stages"]
    assert stages[-1] == "complete"
    assert stages.count("generating") == 4
    assert stages.index("pending") < stages.index("generating")
    assert set(stages) == {"pending", "generating", "complete"}
    assert seen["endpoints"] == ["/stream"]


def test_state_is_kept_per_session(app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(app.url, "state")
    assert seen["distinct_sessions"] is True
    assert seen["calls"] == [["a call#1"], ["b call#2"], ["o call#1"], ["c call#3"]]


def test_file_upload_and_output_url(app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(app.url, "files")
    file_out, image_out = seen["outputs"]
    for out in (file_out, image_out):
        assert out["meta"] == {"_type": "gradio.FileData"}
        assert out["url"].startswith(f"{app.url}/gradio_api/file=")
    file_fetched, image_fetched = seen["fetched"]
    expected_file, _ = seen["expected"]
    assert file_fetched["status"] == 200
    assert file_fetched["sha256"] == expected_file["sha256"]
    assert file_out["size"] == expected_file["size"]
    assert image_fetched["status"] == 200
    assert png_size(base64.b64decode(image_fetched["head"])) == (5, 3)
    assert hashlib.sha256(b"").hexdigest() not in {file_fetched["sha256"], image_fetched["sha256"]}


def test_errors(app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(app.url, "errors")
    assert seen["fail"] == {"message": GR_ERROR_MESSAGE, "title": "Oops"}
    crash = seen["crash"]
    assert crash is not None
    assert "secret internal error" not in crash["message"]
    assert crash["title"] == "Error"
    assert seen["after"] == ["Hello still fine!"]


def test_auth(auth_app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(auth_app.url, "auth")
    assert seen["greet"] == ["Hello A!"]
    assert seen["wrong"] is not None, "a wrong password must be refused"
    assert seen["missing"] is not None, "connecting without credentials must fail"
    assert "login" in seen["missing"]["message"].lower()


def test_queue_full(app: AppServer, run_js: JsRunner) -> None:
    seen = run_js(app.url, "queue_full")
    rejected = seen["rejected"]
    assert rejected is not None, "the job past max_size must be refused"
    assert "busy" in rejected["message"]
    assert seen["stages"] == ["complete", "complete", "complete"]
    assert seen["data"] == [["slept busy"], ["slept w0"], ["slept w1"]]
