"""Multipage apps (Blocks.route): each page's part of the config, the page at its URL, and
the errors of bad page paths; Blocks.clear and Code.languages."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from gradio_client import Client

import specblocks as gr

Launch = Callable[..., str]


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        greeting = gr.Textbox(label="Greeting")
        name.submit(lambda n: f"Hello {n}", name, greeting, api_name="greet")
    with demo.route("Reports", path="reports/2024") as reports:
        total = gr.Number(label="Total")
        reports.load(lambda: 42, None, total, api_name="total")
    with demo.route("Hidden Page", show_in_navbar=False):
        gr.Markdown("hidden")
    return demo


def test_each_page_has_its_own_layout_components_and_listeners(launch: Launch) -> None:
    demo = build()
    url = launch(demo)
    config = httpx.get(f"{url}/config").json()
    assert config["pages"] == [
        ["", "Home", True],
        ["reports/2024", "Reports", True],
        ["hidden-page", "Hidden Page", False],
    ]
    pages = config["page"]
    types = {c["id"]: c["type"] for c in config["components"]}
    assert [types[i] for i in pages[""]["components"]] == ["form", "textbox", "textbox"]
    assert [types[i] for i in pages["reports/2024"]["components"]] == ["form", "number"]
    assert [types[i] for i in pages["hidden-page"]["components"]] == ["markdown"]
    names = {d["id"]: d["api_name"] for d in config["dependencies"]}
    assert [names[i] for i in pages[""]["dependencies"]] == ["greet"]
    assert [names[i] for i in pages["reports/2024"]["dependencies"]] == ["total"]
    assert pages["hidden-page"]["dependencies"] == []
    # the app-wide layout holds every page's blocks (the fields of each page in a form), as
    # Gradio's does
    assert len(config["layout"]["children"]) == 3
    # the page's load listener fires on the app's load
    (total,) = [d for d in config["dependencies"] if d["api_name"] == "total"]
    assert total["targets"] == [[demo._id, "load"]]


def test_every_page_is_served_at_its_path(launch: Launch) -> None:
    url = launch(build())
    main = httpx.get(f"{url}/")
    assert 'href="assets/app.css"' in main.text
    nested = httpx.get(f"{url}/reports/2024")
    assert nested.status_code == 200
    assert 'href="../assets/app.css"' in nested.text
    assert 'data-app-base="../"' in nested.text
    assert httpx.get(f"{url}/hidden-page").status_code == 200
    slash = httpx.get(f"{url}/hidden-page/", follow_redirects=False)
    assert slash.status_code == 301
    assert httpx.get(f"{url}/hidden-page/", follow_redirects=True).url.path == "/hidden-page"
    missing = httpx.get(f"{url}/nowhere")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found: /nowhere."}
    # the server's own routes are not hidden by the pages
    assert httpx.get(f"{url}/config").status_code == 200
    assert httpx.get(f"{url}/gradio_api/info").status_code == 200


def test_the_endpoints_of_every_page_are_callable(launch: Launch) -> None:
    client = Client(launch(build()), verbose=False)
    try:
        assert client.predict("Ada", api_name="/greet") == "Hello Ada"
        assert client.predict(api_name="/total") == 42
    finally:
        client.close()


@pytest.mark.parametrize(
    ("name", "path", "message"),
    [
        ("Config", None, "the path 'config' is taken by the server itself"),
        ("Files", "gradio_api/files", "the path 'gradio_api/files' is taken"),
        ("Bad", "a b", "'a b' is not a page path"),
        ("Up", "../up", "'../up' is not a page path"),
        ("", None, "'' is not a page path"),
    ],
)
def test_bad_page_paths_are_refused(name: str, path: str | None, message: str) -> None:
    with gr.Blocks() as demo:
        gr.Markdown("main")
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        demo.route(name, path=path)
    assert demo.pages == []


def test_a_path_is_taken_once() -> None:
    with gr.Blocks() as demo:
        gr.Markdown("main")
    with demo.route("Stats"):
        gr.Markdown("stats")
    with pytest.raises(ValueError, match="already has a page at 'stats'"):
        demo.route("Stats")


def test_clear_empties_the_app_to_build_it_again() -> None:
    demo = build()
    with demo.clear():
        gr.Markdown("fresh")
    assert [type(b).__name__ for b in demo.children] == ["Markdown"]
    assert demo.dependencies == []
    assert demo.pages == []


def test_code_lists_its_languages() -> None:
    assert gr.Code.languages[0] == "python"
    assert "sql-esper" in gr.Code.languages
    assert gr.Code.languages[-1] is None
    for language in gr.Code.languages:
        gr.Code(language=language, render=False)


class Recorder:
    """Stands in for a tracking library: records the calls ``integrate`` makes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    def __getattr__(self, name: str) -> Callable[..., None]:
        def record(*args: object) -> None:
            self.calls.append((name, args))

        return record


def test_integrate_records_the_apps_url(launch: Launch) -> None:
    demo = build()
    comet, mlflow = Recorder(), Recorder()
    with pytest.raises(ValueError, match=r"run launch\(\) first"):
        demo.integrate(comet_ml=comet)
    url = launch(demo)
    demo.integrate(comet_ml=comet, mlflow=mlflow)
    assert comet.calls == [
        ("log_other", ("Created from", "specblocks")),
        ("log_text", (f"gradio: {url}/",)),
        ("end", ()),
    ]
    assert mlflow.calls == [("log_param", ("Gradio Interface Local Link", f"{url}/"))]
    with pytest.warns(UserWarning, match="share link"):
        demo.integrate(wandb=Recorder())
