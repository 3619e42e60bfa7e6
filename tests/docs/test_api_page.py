"""The per-app "use via API" page at /gradio_api/docs, and that its snippets really run."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from docs_support import JS_EXAMPLES, Runner, load_example, serving

import specblocks as gr
from specblocks.server.routes.api_page import curl_snippet, js_snippet, python_snippet

PAGE = "gradio_api/docs"


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    """The clients guide's example app (``/greet``, ``/divide``, ``/spell``), serving."""
    with serving(load_example("clients/app.py")["demo"]) as url:
        yield url


@pytest.fixture(scope="module")
def snippets(app_url: str) -> dict[str, list[str]]:
    """The page's code snippets by language, in endpoint order."""
    page = httpx.get(app_url + PAGE, timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    found: dict[str, list[str]] = {"python": [], "js": [], "curl": []}
    snippet = re.compile(r'<pre class="snippet (\w+)"><code>(.*?)</code></pre>', re.DOTALL)
    for lang, code in snippet.findall(page.text):
        found[lang].append(html.unescape(code))
    return found


def test_page_lists_every_endpoint_with_its_parameters(app_url: str) -> None:
    text = httpx.get(app_url + PAGE, timeout=10).text
    assert re.search(r"<h1>Use .+ via API</h1>", text)
    assert "This app has 3 API endpoints." in text
    for endpoint in ("/greet", "/divide", "/spell"):
        assert f"<h2><code>{endpoint}</code></h2>" in text
    # /greet's parameters: name (required) and punctuation (default "!")
    assert "<td><code>name</code></td><td><code>str</code></td><td>required</td>" in text
    assert (
        "<td><code>punctuation</code></td><td><code>str</code></td><td><code>&#x27;!&#x27;" in text
    )
    assert httpx.get(app_url + PAGE + "/", timeout=10).status_code == 200


def test_python_snippet_runs(snippets: dict[str, list[str]], run: Runner) -> None:
    greet = snippets["python"][0]
    assert 'api_name="/greet"' in greet
    done = run(sys.executable, "-c", greet)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Hello Hello!!!"  # example input, default "!"


def test_curl_snippet_runs(snippets: dict[str, list[str]], run: Runner) -> None:
    done = run("bash", "-c", snippets["curl"][0])
    assert done.returncode == 0, done.stderr
    assert 'event: complete\ndata: ["Hello Hello!!!"]' in done.stdout


def test_js_snippet_runs(snippets: dict[str, list[str]], node: str, tmp_path: Path) -> None:
    # Resolve @gradio/client from the JS example's install; end the script once it printed
    # (the client's heartbeat stream would keep Node running).
    os.symlink(JS_EXAMPLES / "node_modules", tmp_path / "node_modules")
    script = tmp_path / "snippet.mjs"
    script.write_text(snippets["js"][0] + "process.exit(0);\n", encoding="utf-8")
    done = subprocess.run(
        [node, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[ 'Hello Hello!!!' ]"


def test_snippets_for_files_and_unnamed_endpoints() -> None:
    file_param = {
        "parameter_name": "doc",
        "parameter_has_default": False,
        "example_input": {
            "path": "https://example.com/a.pdf",
            "meta": {"_type": "gradio.FileData"},
        },
    }
    python = python_snippet("http://h", "/upload", [file_param])
    assert "from gradio_client import Client, handle_file" in python
    assert "doc=handle_file('https://example.com/a.pdf')," in python
    js = js_snippet("http://h", "/upload", [file_param])
    assert 'doc: handle_file("https://example.com/a.pdf"),' in js
    # Listeners without an api_name are called by index; the REST API needs a name.
    assert "fn_index=3" in python_snippet("http://h", "3", [])
    assert "client.predict(3, {})" in js_snippet("http://h", "3", [])
    assert curl_snippet("http://h", "3", []) is None


def test_page_escapes_and_needs_login() -> None:
    with gr.Blocks(title="<b>Mine</b>") as demo:
        box = gr.Textbox()
        gr.Button().click(lambda s: s, box, box, api_name="echo")
    _, url, _ = demo.launch(
        server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, auth=("u", "p")
    )
    try:
        assert httpx.get(url + PAGE, timeout=10).status_code == 401
        with httpx.Client(base_url=url, timeout=10) as client:
            assert client.post("login", data={"username": "u", "password": "p"}).is_success
            text = client.get(PAGE).text
        assert "Use &lt;b&gt;Mine&lt;/b&gt; via API" in text
        assert "<b>Mine</b>" not in text
    finally:
        demo.close()
