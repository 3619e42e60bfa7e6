"""The ``specblocks-client`` command line, end to end against the live app."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_support import PASSWORD, USERNAME, AppServer, png_size, tiny_png, wait_for

from specblocks_client import Client, Status

CLI_TIMEOUT = 60


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specblocks_client", *args],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )


@pytest.fixture(scope="module")
def busy_client(app: AppServer) -> Iterator[Client]:
    """A client in its own session, to keep the app's ``/slow`` busy."""
    with Client(app.url, verbose=False, download_files=False) as c:
        yield c


def test_list_prints_endpoints_and_parameters(app: AppServer) -> None:
    done = _cli("list", app.url)
    assert done.returncode == 0, done.stderr
    assert 'predict(name, api_name="/greet") -> greeting' in done.stdout
    assert "[Number] n: float (optional, default 3)" in done.stdout
    assert 'predict(f, img, api_name="/files")' in done.stdout


def test_list_json(app: AppServer) -> None:
    done = _cli("list", app.url, "--json")
    assert done.returncode == 0, done.stderr
    named = json.loads(done.stdout)["named_endpoints"]
    assert [p["parameter_name"] for p in named["/multi"]["parameters"]] == [
        "text",
        "n",
        "flag",
        "choice",
    ]


def test_console_script_runs() -> None:
    script = shutil.which("specblocks-client", path=str(Path(sys.executable).parent))
    assert script is not None, "the console script is not installed next to this python"
    done = subprocess.run(
        [script, "--version"], capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("specblocks-client ")


def test_run_prints_the_result(app: AppServer) -> None:
    done = _cli("run", app.url, "/greet", "World")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Hello World!\n"


def test_run_reads_arguments_per_parameter(app: AppServer) -> None:
    done = _cli("run", app.url, "/multi", "42", "5", "--kw", "flag=false", "--json")
    assert done.returncode == 0, done.stderr
    # "42" stays text for the Textbox; "5" is a number and "false" a boolean.
    assert json.loads(done.stdout) == ["42|5|False|b", 10]
    plain = _cli("run", app.url, "multi", "--kw", "choice=c")
    assert plain.stdout.splitlines() == ["abc|3|True|c", "6"]


def test_run_uploads_file_arguments(app: AppServer, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("from the command line")
    image = tmp_path / "red.png"
    image.write_bytes(tiny_png(3, 2, (255, 0, 0)))
    downloads = tmp_path / "downloads"
    done = _cli(
        "run", app.url, "/files", str(text), str(image), "--download-dir", str(downloads), "--json"
    )
    assert done.returncode == 0, done.stderr
    file_out, image_out = json.loads(done.stdout)
    assert Path(file_out).is_relative_to(downloads)
    assert Path(file_out).read_text() == "from the command line"
    assert png_size(Path(image_out).read_bytes()) == (3, 2)


def test_run_rejects_a_missing_file(app: AppServer, tmp_path: Path) -> None:
    done = _cli("run", app.url, "/files", str(tmp_path / "nope.txt"), str(tmp_path / "no.png"))
    assert done.returncode == 2
    assert "is not a file" in done.stderr


def test_run_streams_generator_outputs(app: AppServer) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "specblocks_client", "run", app.url, "/stream", "3", "0.5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first == "tok0 \n"
        assert process.poll() is None, "the first output is printed while the generator runs"
        rest, err = process.communicate(timeout=CLI_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert rest.splitlines() == ["tok0 tok1 ", "tok0 tok1 tok2 "]
    assert "processing" in err


def test_run_streams_json_lines(app: AppServer) -> None:
    done = _cli("run", app.url, "/json_stream", "3", "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["count"] for line in lines] == [1, 2, 3]


def test_run_shows_queue_position(app: AppServer, busy_client: Client) -> None:
    busy = busy_client.submit("busy", 4.0, api_name="/slow")
    wait_for(lambda: busy.status().code == Status.PROCESSING, "the busy job to start")
    process = subprocess.Popen(
        [sys.executable, "-m", "specblocks_client", "run", app.url, "/slow", "cli"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # the CLI's job waits behind the busy one
        assert first.startswith("in queue: position 1 of 1"), first
        busy.cancel()  # let the CLI's job run now
        out, err = process.communicate(timeout=CLI_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert out == "slept cli\n"
    assert "processing" in err


def test_run_shows_progress(app: AppServer) -> None:
    progress = _cli("run", app.url, "/progress", "p")
    assert progress.returncode == 0, progress.stderr
    assert "progress: 50% halfway" in progress.stderr
    assert progress.stdout == "done p\n"
    quiet = _cli("run", app.url, "/progress", "q", "--quiet")
    assert (quiet.stdout, quiet.stderr) == ("done q\n", "")


def test_run_reports_app_errors(app: AppServer) -> None:
    done = _cli("run", app.url, "/fail", "x")
    assert done.returncode == 1
    assert "error: This is a gr.Error message" in done.stderr
    assert done.stdout == ""


def test_run_reports_bad_calls(app: AppServer) -> None:
    unknown = _cli("run", app.url, "/nope")
    assert unknown.returncode == 2
    assert "no endpoint '/nope'" in unknown.stderr
    missing = _cli("run", app.url, "/greet")
    assert missing.returncode == 2
    assert "missing required argument(s): name" in missing.stderr
    offline = _cli("list", "http://127.0.0.1:9")
    assert offline.returncode == 1
    assert "could not load" in offline.stderr


def test_run_with_login(auth_app: AppServer) -> None:
    done = _cli("run", auth_app.url, "/greet", "A", "--auth", f"{USERNAME}:{PASSWORD}")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Hello A!\n"
    refused = _cli("run", auth_app.url, "/greet", "A", "--auth", f"{USERNAME}:wrong")
    assert refused.returncode == 1
    assert "invalid credentials" in refused.stderr
