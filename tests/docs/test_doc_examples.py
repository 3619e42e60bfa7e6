"""Every code example in the docs is a module under docs_src/ that runs here.

Apps are launched on 127.0.0.1 and called with the official clients, as the guides show.
``test_every_example_is_run_and_included`` keeps the list below complete: an example nobody
runs, or that no page includes, fails it.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from docs_support import (
    DOCS_SRC,
    ROOT,
    Runner,
    build_site,
    free_port,
    load_example,
    serving,
)
from gradio_client import Client, handle_file

import specblocks as gr

#: Every file under docs_src/ that is an example, and so must be run by a test here.
RUN_HERE = {
    "browser/test_greeting.py",
    "quickstart/hello_interface.py",
    "quickstart/hello_blocks.py",
    "events/listeners.py",
    "events/event_data.py",
    "events/updates.py",
    "events/queue.py",
    "events/streaming.py",
    "events/streaming_audio.py",
    "render/todo.py",
    "pages/two_pages.py",
    "chat/streaming_chat.py",
    "chat/thoughts.py",
    "state/counter.py",
    "files/word_count.py",
    "clients/app.py",
    "clients/python_client.py",
    "clients/python_jobs.py",
    "clients/js_client.mjs",
    "clients/rest_api.sh",
    "cli/specblocks_gen.sh",
    "custom_components/pyproject_section.toml",
    "custom_components/rating.yaml",
    "custom_components/rating.py",
    "custom_components/app.py",
    "deploying/serve.py",
}
#: Files under docs_src/ that support examples without being shown.
SUPPORT = {"clients/package.json", "clients/package-lock.json"}


@pytest.fixture
def client_for() -> Iterator[Any]:
    """``client_for(url)``: a gradio_client Client, closed after the test."""
    clients: list[Client] = []

    def make(url: str) -> Client:
        clients.append(Client(url, verbose=False))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def test_every_example_is_run_and_included() -> None:
    files = {
        p.relative_to(DOCS_SRC).as_posix()
        for p in DOCS_SRC.rglob("*")
        if p.is_file() and "node_modules" not in p.parts and "__pycache__" not in p.parts
    }
    assert files - SUPPORT == RUN_HERE
    pages = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    # The block form keeps `ruff format` (which formats Markdown code blocks) off the lines.
    included = set(re.findall(r"^--8<--\n(.+)\n--8<--$", pages, flags=re.MULTILINE))
    assert included == RUN_HERE, "every example is shown on a page, and only examples are"


# -- quickstart ----------------------------------------------------------------------------
def test_quickstart_interface(client_for: Any) -> None:
    example = load_example("quickstart/hello_interface.py")
    assert example["greet"]("Ada") == "Hello Ada!"
    with serving(example["demo"]) as url:
        assert client_for(url).predict("World", api_name="/greet") == "Hello World!"


def test_quickstart_blocks(client_for: Any) -> None:
    example = load_example("quickstart/hello_blocks.py")
    with serving(example["demo"]) as url:
        client = client_for(url)
        assert client.predict("World", True, api_name="/greet") == "Hello World!"
        assert client.predict(name="Ada", excited=False, api_name="/greet") == "Hello Ada."


# -- events and the queue ------------------------------------------------------------------
def test_listeners_chain_and_decorator(client_for: Any) -> None:
    example = load_example("events/listeners.py")
    with serving(example["demo"]) as url:
        client = client_for(url)
        assert client.predict("a b c", api_name="/shout") == "A B C"
        assert client.predict("one two", api_name="/count_words") == 2


def test_event_data() -> None:
    example = load_example("events/event_data.py")
    flavour = example["flavour"]
    (dependency,) = example["demo"].dependencies
    assert dependency.fn is example["picked"]
    evt = gr.SelectData(flavour, {"index": 1, "value": "chocolate"})
    assert example["picked"](evt) == "You picked 'chocolate' (option 1)"


def test_updates(client_for: Any) -> None:
    example = load_example("events/updates.py")
    with serving(example["demo"]) as url:
        client = client_for(url)
        # an update reaches API clients as it is, as Gradio sends it
        assert client.predict("birds", api_name="/choose") == {
            "__type__": "update",
            "choices": [["robin", "robin"], ["wren", "wren"]],
            "value": "robin",
        }
        # the session's dropdown now has the birds: "wren" is one of its choices
        note, extra = client.predict("birds", "wren", api_name="/summary")
        assert note == "birds: wren"
        assert extra == {"__type__": "update"}  # not in the returned dict: unchanged


def test_render_todo(client_for: Any) -> None:
    example = load_example("render/todo.py")
    demo = example["demo"]
    (render,) = [d for d in demo.dependencies if getattr(d, "renderable", None)]
    assert {(block, event.name) for block, event in render.targets} == {
        (demo, "load"),
        (example["tasks"], "change"),
    }
    with serving(demo) as url:
        assert client_for(url).predict("milk", api_name="/add") == ""


def test_two_pages(client_for: Any) -> None:
    example = load_example("pages/two_pages.py")
    demo = example["demo"]
    assert demo.pages == [("reports", "Reports", True)]
    with serving(demo) as url:
        client = client_for(url)
        assert client.predict("south", api_name="/summarise") == "Sales in the south"
        assert client.predict(api_name="/latest") == "Report for this year"
        assert httpx.get(f"{url.rstrip('/')}/reports").status_code == 200


def test_queue_limits_and_batching(client_for: Any) -> None:
    example = load_example("events/queue.py")
    demo = example["demo"]
    assert demo.queue_options.max_size == 20
    with serving(demo) as url:
        # One user each, as batches usually form: calls from several sessions arriving together.
        words = ("a", "bb", "ccc", "dddd")
        jobs = [client_for(url).submit(word, api_name="/measure") for word in words]
        assert [job.result(timeout=30) for job in jobs] == [
            (1, "A"),
            (2, "BB"),
            (3, "CCC"),
            (4, "DDDD"),
        ]
        assert client_for(url).predict("hi", api_name="/echo") == "hi"


def test_streaming_progress_and_cancel(client_for: Any) -> None:
    example = load_example("events/streaming.py")
    with serving(example["demo"]) as url:
        client = client_for(url)
        job = client.submit(3, api_name="/count_up")
        assert job.result(timeout=30) == "1 2 3"
        assert job.outputs() == ["1", "1 2", "1 2 3"]
        assert client.predict(4, api_name="/work") == "Finished 4 steps"


def test_streaming_audio_is_a_playlist_then_one_file(client_for: Any) -> None:
    example = load_example("events/streaming_audio.py")
    with serving(example["demo"]) as url:
        # the Python client downloads the value's URL: the finished playlist of the chunks
        playlist = Path(client_for(url).predict(3, api_name="/melody")).read_text()
        assert playlist.count("#EXTINF:0.300000,") == 3
        assert playlist.rstrip().endswith("#EXT-X-ENDLIST")
        # the REST API shows the value itself: a FileData of the stream
        started = httpx.post(f"{url}gradio_api/call/melody", json={"data": [2]}).json()
        events = httpx.get(f"{url}gradio_api/call/melody/{started['event_id']}", timeout=30)
        value = json.loads(events.text.strip().rsplit("data: ", 1)[1])[0]
        assert value["is_stream"] is True
        joined = httpx.get(value["url"].rsplit("/", 1)[0] + "/playlist-file")
        assert joined.headers["content-type"] in {"audio/wav", "audio/x-wav"}
        with wave.open(io.BytesIO(joined.content)) as audio:
            assert audio.getnframes() == 2 * int(example["RATE"] * 0.3)


def test_chat_streams_and_keeps_the_conversation(client_for: Any) -> None:
    example = load_example("chat/streaming_chat.py")
    with serving(example["demo"]) as url:
        client = client_for(url)
        job = client.submit("Hello!", "Be brief.", api_name="/chat")
        first = job.result(timeout=30)
        assert first == "(Be brief.) You said 'Hello!'; we have exchanged 0 messages."
        assert len(job.outputs()) == len(first.split(" "))
        second = client.predict("Again", "Be brief.", api_name="/chat")
        assert second.endswith("we have exchanged 2 messages.")


def test_chat_thoughts_finish_before_the_answer(client_for: Any) -> None:
    example = load_example("chat/thoughts.py")
    with serving(example["demo"]) as url:
        thought, answer = client_for(url).predict("why?", api_name="/chat")
    assert thought["metadata"]["status"] == "done"
    assert thought["metadata"]["title"] == "Thinking"
    assert thought["content"] == "Reading the question.\nLooking for an answer.\n"
    assert answer["content"] == "My answer to 'why?'."


# -- state and files -----------------------------------------------------------------------
def test_state_is_per_session(client_for: Any) -> None:
    example = load_example("state/counter.py")
    with serving(example["demo"]) as url:
        first, second = client_for(url), client_for(url)
        assert first.predict("a", api_name="/add") == "1 item(s) this session, 1 in total"
        assert first.predict("b", api_name="/add") == "2 item(s) this session, 2 in total"
        assert second.predict("x", api_name="/add") == "1 item(s) this session, 3 in total"


def test_files_upload_and_return(client_for: Any, tmp_path: Path) -> None:
    example = load_example("files/word_count.py")
    text = tmp_path / "notes.txt"
    text.write_text("one two three four", encoding="utf-8")
    with serving(example["demo"]) as url:
        words, report = client_for(url).predict(handle_file(str(text)), api_name="/count_words")
    assert words == 4
    assert Path(report).read_text(encoding="utf-8") == "notes.txt: 4 words\n"


# -- clients -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def clients_app() -> Iterator[str]:
    """The app the client examples call, serving for the whole module."""
    with serving(load_example("clients/app.py")["demo"]) as url:
        yield url


def _with_client(rel: str, package: str) -> dict[str, Any]:
    """Run ``rel`` with its ``gradio_client`` imports pointed at ``package``."""
    source = (DOCS_SRC / rel).read_text(encoding="utf-8")
    if package != "gradio_client":
        source = source.replace("gradio_client.exceptions", package)
        source = source.replace("from gradio_client", f"from {package}")
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    exec(compile(source, str(DOCS_SRC / rel), "exec"), namespace)
    return namespace


@pytest.mark.parametrize("package", ["gradio_client", "specblocks_client"])
def test_python_client(clients_app: str, package: str, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip(package)
    _with_client("clients/python_client.py", package)["main"](clients_app)
    out = capsys.readouterr().out
    assert "/greet" in out  # view_api
    assert "Hello World!\nHello API?\n" in out
    assert "q\nqu\nque\nqueu\nqueue\n" in out
    assert "queue Status.FINISHED" in out


@pytest.mark.parametrize("package", ["gradio_client", "specblocks_client"])
def test_python_jobs(clients_app: str, package: str, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip(package)
    _with_client("clients/python_jobs.py", package)["main"](clients_app)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "streaming"
    assert lines[2].startswith("['s', 'st', 'str'")
    assert lines[2].endswith("'streaming']")
    assert lines[3] == "True True"
    assert lines[4] == "Cannot divide by zero."
    assert lines[5] == "True Status.CANCELLED"


def test_js_client(clients_app: str, node: str) -> None:
    done = subprocess.run(
        [node, str(DOCS_SRC / "clients" / "js_client.mjs"), clients_app],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:6] == ["Hello World!", "q", "qu", "que", "queu", "queue"]


def test_rest_api_with_curl(clients_app: str, run: Runner) -> None:
    if shutil.which("curl") is None:
        pytest.fail("the REST example needs curl on PATH", pytrace=False)
    done = run("bash", str(DOCS_SRC / "clients" / "rest_api.sh"), clients_app.rstrip("/"))
    assert done.returncode == 0, done.stderr
    assert 'event: complete\ndata: ["Hello World!"]' in done.stdout


# -- command line and custom components --------------------------------------------------------
def test_cli_commands(run: Runner) -> None:
    done = run("bash", str(DOCS_SRC / "cli" / "specblocks_gen.sh"))
    assert done.returncode == 0, done.stderr
    assert "spec files OK" in done.stdout
    assert "generated files up to date" in done.stdout
    assert done.stdout.count("\ncomponent,apply,blur,") == 1
    assert "components," in done.stdout
    assert '"$comment"' in done.stdout


@pytest.fixture(scope="module")
def widgets_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user project laid out as the custom-components guide describes, generated."""
    root = tmp_path_factory.mktemp("my_widgets_project")
    example = DOCS_SRC / "custom_components"
    specs = root / "component_specs"
    shutil.copytree(
        ROOT / "component_specs" / "common",
        specs / "common",
        ignore=shutil.ignore_patterns("blocks.yaml", "interface.yaml"),
    )
    (specs / "components").mkdir()
    shutil.copy(example / "rating.yaml", specs / "components" / "rating.yaml")
    shutil.copy(example / "pyproject_section.toml", root / "pyproject.toml")
    package = root / "src" / "my_widgets"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""My widgets."""\n', encoding="utf-8")
    shutil.copy(example / "rating.py", package / "rating.py")
    done = subprocess.run(
        [sys.executable, "-m", "specblocks_gen", "--project", str(root), "generate"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture
def widgets(widgets_project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The project's package importable for one test."""
    monkeypatch.syspath_prepend(str(widgets_project / "src"))
    yield
    for name in [m for m in sys.modules if m == "my_widgets" or m.startswith("my_widgets.")]:
        del sys.modules[name]


def test_custom_component_runs(widgets: None, client_for: Any) -> None:
    example = load_example("custom_components/app.py")
    rating = example["rating"]
    assert type(rating).__name__ == "Rating"
    assert rating.maximum == 5
    assert [e.name for e in type(rating).EVENTS] == ["change", "select"]
    assert rating.preprocess(9) == 5
    assert rating.postprocess(None) == 0
    with serving(example["demo"]) as url:
        assert client_for(url).predict(3, api_name="/review") == "★★★☆☆"


def test_custom_component_gets_reference_pages(widgets_project: Path, tmp_path: Path) -> None:
    reference = widgets_project / "docs" / "reference"
    page = (reference / "components" / "rating.md").read_text(encoding="utf-8")
    assert page.startswith("# Rating\n\n<!--\nGenerated by specblocks-gen")
    for name in ("value", "maximum", "label", "elem_id", "render", "key"):
        assert f"| `{name}` |" in page
    assert "[`change`](../events.md#change)" in page
    assert sorted(p.name for p in (reference / "components").iterdir()) == ["rating.md"]
    assert "[Rating](components/rating.md)" in (reference / "matrix.md").read_text()
    # The user's pages build into a site of their own, every link resolving.
    pytest.importorskip("mkdocs", reason="the docs tools are in requirements/docs.txt")
    config = widgets_project / "mkdocs.yml"
    config.write_text(
        "site_name: my widgets\ndocs_dir: docs\nplugins: [search, awesome-pages]\n"
        "markdown_extensions: [tables, attr_list, md_in_html]\n"
        "validation: {anchors: warn, unrecognized_links: warn}\n",
        encoding="utf-8",
    )
    (widgets_project / "docs" / "index.md").write_text("# My widgets\n", encoding="utf-8")
    done = build_site(config, tmp_path / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "reference" / "components" / "rating" / "index.html").is_file()


# -- deploying -----------------------------------------------------------------------------
def test_serve_script(client_for: Any, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port)}
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with (
        log.open("wb") as output,
        subprocess.Popen(
            [sys.executable, str(DOCS_SRC / "deploying" / "serve.py")],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        ) as process,
    ):
        try:
            deadline = time.monotonic() + 60
            while not _answers(url + "config"):
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "serve.py did not start"
                time.sleep(0.1)
            assert client_for(url).predict("ping", api_name="/echo") == "ping"
        finally:
            process.terminate()
            process.wait(timeout=15)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


# -- browser ---------------------------------------------------------------------------------
def test_browser_test_example_passes() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(DOCS_SRC / "browser" / "test_greeting.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
