"""The ``specblocks`` command serves an app file; the official client calls it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from gradio_client import Client, handle_file
from sample_support import free_port

APP = """
import specblocks as gr

def shout(text):
    return text.upper() + "!"

with gr.Blocks() as demo:
    box = gr.Textbox()
    out = gr.Textbox()
    gr.Button().click(shout, box, out, api_name="shout")

if __name__ == "__main__":
    raise SystemExit("the command must not run the guarded block")
"""


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the command exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/config", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"no server at {url} after 30 s:\n{log.read_text()}")


@pytest.mark.parametrize("command", ["script", "module"])
def test_the_command_serves_the_app_of_a_file(tmp_path: Path, command: str) -> None:
    (tmp_path / "app.py").write_text(APP)
    port = free_port()
    if command == "script":
        exe = shutil.which("specblocks", path=str(Path(sys.executable).parent))
        assert exe is not None, "the specblocks script is not installed"
        argv = [exe]
    else:
        argv = [sys.executable, "-m", "specblocks"]
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*argv, "app.py", "--server-name", "127.0.0.1", "--server-port", str(port)],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process, log)
        client = Client(url, verbose=False)
        assert client.predict("hey", api_name="/shout") == "HEY!"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_file_without_an_app_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty.py").write_text("x = 1\n")
    done = subprocess.run(
        [sys.executable, "-m", "specblocks", "empty.py"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "no Blocks app and none named 'demo'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "specblocks", "nope.py"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "nope.py: no such file" in done.stderr


SERVED = """
import specblocks as gr

def keep(path):
    return path

with gr.Blocks() as other:
    box = gr.File(type="filepath")
    gr.Button().click(keep, box, box, api_name="keep")
"""


def test_serve_runs_a_named_app_with_its_own_file_store(tmp_path: Path) -> None:
    (tmp_path / "served.py").write_text(SERVED)
    store = tmp_path / "store"
    port = free_port()
    log = tmp_path / "server.log"
    argv = ["serve", "served.py:other", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "specblocks", *argv, "--cache-dir", str(store)],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process, log)
        upload = tmp_path / "note.txt"
        upload.write_text("kept")
        client = Client(url, verbose=False)
        kept = client.predict(handle_file(str(upload)), api_name="/keep")
        assert Path(kept).read_text() == "kept"
        stored = list(store.rglob("note.txt"))
        assert stored, "the upload is in the --cache-dir store"
        process.send_signal(signal.SIGTERM)  # a graceful stop: the command exits 0
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_names_a_missing_app(tmp_path: Path) -> None:
    (tmp_path / "served.py").write_text(SERVED)
    done = subprocess.run(
        [sys.executable, "-m", "specblocks", "serve", "served.py:nope"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "served.py: no Blocks app named 'nope'" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_refuses_a_redis_url_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "served.py").write_text(SERVED)
    done = subprocess.run(
        [sys.executable, "-m", "specblocks", "serve", "served.py", "--redis-url", "localhost:6379"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--redis-url 'localhost:6379'" in done.stderr
    assert "redis://" in done.stderr
    assert "Traceback" not in done.stderr


def test_launch_names_a_bad_redis_url_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import specblocks as gr

    monkeypatch.setenv("SPECBLOCKS_REDIS_URL", "http://127.0.0.1:6379")
    with gr.Blocks() as demo:
        gr.Textbox()
    with pytest.raises(
        ValueError, match=r"SPECBLOCKS_REDIS_URL: Redis URL 'http://127.0.0.1:6379'"
    ):
        demo.launch(prevent_thread_lock=True, quiet=True)


def test_deploy_nginx_prints_a_round_robin_config_and_refuses_bad_addresses() -> None:
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "specblocks",
            "deploy",
            "nginx",
            "--replicas",
            "3",
            "--listen",
            "80",
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert [line.strip() for line in printed.splitlines() if "server 127" in line] == [
        "server 127.0.0.1:7861;",
        "server 127.0.0.1:7862;",
        "server 127.0.0.1:7863;",
    ]
    assert "ip_hash" not in printed
    assert "proxy_buffering off;" in printed
    assert "listen 80;" in printed
    refused = subprocess.run(
        [sys.executable, "-m", "specblocks", "deploy", "nginx", "--replica", "no-port"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "replica 'no-port': expected HOST:PORT" in refused.stderr
    assert "Traceback" not in refused.stderr
