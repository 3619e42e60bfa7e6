"""The API info describes an app as Gradio 6.31 describes the same app (facts observed on
Gradio): endpoint names, labels and parameter names of unlabelled inputs, defaults, and the
loader endpoints of function values and randomized sliders."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from gradio_client import Client

import specblocks as gr

Launch = Callable[..., str]


def calculator(a: float, b: float) -> float:
    return a + b


class Doubler:
    def __call__(self, x: float) -> float:
        return 2 * x


def info(url: str) -> dict[str, Any]:
    named: dict[str, Any] = httpx.get(f"{url}/gradio_api/info").json()["named_endpoints"]
    return named


def test_an_interface_endpoint_is_named_after_its_function(launch: Launch) -> None:
    assert list(info(launch(gr.Interface(calculator, ["number", "number"], "number")))) == [
        "/calculator"
    ]
    assert list(info(launch(gr.Interface(lambda x: x, "text", "text")))) == ["/lambda"]
    assert list(info(launch(gr.Interface(Doubler(), "number", "number")))) == ["/Doubler"]
    partial = gr.Interface(functools.partial(calculator, 1), "number", "number")
    assert list(info(launch(partial))) == ["/partial"]
    named = gr.Interface(calculator, ["number", "number"], "number", api_name="add")
    url = launch(named)
    assert list(info(url)) == ["/add"]
    client = Client(url, verbose=False)
    try:
        assert client.predict(1, 2, api_name="/add") == 3
    finally:
        client.close()


def test_unlabelled_parameters_and_returns_are_named_as_gradio_names_them(
    launch: Launch,
) -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        labelled = gr.Textbox(label="Given")
        out = gr.Textbox()
        gr.Button().click(lambda *values: "".join(values), [text, labelled], out, api_name="join")

        def greet(name: str) -> str:
            return name

        gr.Button().click(greet, text, out, api_name="greet")
    endpoints = info(launch(demo))
    first, second = endpoints["/join"]["parameters"]
    assert (first["label"], first["parameter_name"]) == (f"parameter_{text._id}", "param_0")
    assert (second["label"], second["parameter_name"]) == ("Given", "param_1")
    (named,) = endpoints["/greet"]["parameters"]
    assert (named["label"], named["parameter_name"]) == (f"parameter_{text._id}", "name")
    assert endpoints["/join"]["returns"][0]["label"] == f"value_{out._id}"


def test_a_parameter_defaults_to_the_value_the_component_starts_with(launch: Launch) -> None:
    with gr.Blocks() as demo:
        inputs = [
            gr.Textbox(),
            gr.Textbox("x"),
            gr.Slider(2, 10),
            gr.Dropdown(["a", "b"]),
            gr.Dropdown(["a", "b"], value=None),
            gr.CheckboxGroup(["a"]),
            gr.Checkbox(),
            gr.Number(lambda: 5),
        ]
        out = gr.Textbox()
        for index, component in enumerate(inputs):
            gr.Button().click(str, component, out, api_name=f"e{index}")

        def optional(text: str | None = None) -> str:
            return text or ""

        randomized = gr.Slider(0, 100, randomize=True)
        gr.Button().click(str, randomized, out, api_name="randomized")
        gr.Button().click(optional, inputs[0], out, api_name="optional")
    endpoints = info(launch(demo))
    # a parameter whose function parameter defaults to None is optional, with None
    (optional,) = endpoints["/optional"]["parameters"]
    assert (optional["parameter_has_default"], optional["parameter_default"]) == (True, None)
    # a randomized slider starts at a value drawn once: the page and the API agree on it
    (random_start,) = endpoints["/randomized"]["parameters"]
    assert random_start["parameter_default"] == randomized.initial_value()
    assert 0 <= random_start["parameter_default"] <= 100
    defaults = [
        (
            endpoints[f"/e{i}"]["parameters"][0]["parameter_has_default"],
            endpoints[f"/e{i}"]["parameters"][0]["parameter_default"],
        )
        for i in range(len(inputs))
    ]
    assert defaults == [
        (False, None),
        (True, "x"),
        (True, 2),
        (True, "a"),
        (False, None),
        (True, []),
        (True, False),
        (True, 5),  # a function value without inputs: what it gave when the app was built
    ]


def test_function_values_and_random_sliders_get_their_loader_endpoints(launch: Launch) -> None:
    def now() -> str:
        return "now"

    with gr.Blocks() as demo:
        slider = gr.Slider(0, 10, step=1, randomize=True)
        gr.Textbox(now)
        gr.Textbox(lambda: "anonymous")
        ticking = gr.Number(lambda: 3, every=60)
    url = launch(demo)
    endpoints = info(url)
    assert list(endpoints) == ["/get_random_value", "/now", "/lambda", "/lambda_1"]
    assert all(e["parameters"] == [] for e in endpoints.values())
    config = httpx.get(f"{url}/config").json()
    loaders = {d["api_name"]: d for d in config["dependencies"]}
    assert loaders["get_random_value"]["targets"] == [[demo._id, "load"]]
    assert loaders["get_random_value"]["outputs"] == [slider._id]
    assert loaders["now"]["show_progress"] == "full"
    assert loaders["lambda_1"]["show_progress"] == "hidden"
    assert loaders["lambda_1"]["outputs"] == [ticking._id]
    assert sorted(event for _, event in loaders["lambda_1"]["targets"]) == ["load", "tick"]
    client = Client(url, verbose=False)
    try:
        assert client.predict(api_name="/get_random_value") in range(11)
        assert client.predict(api_name="/now") == "now"
    finally:
        client.close()


def test_the_config_says_what_kind_of_app_it_is(launch: Launch) -> None:
    apps = {
        "interface": gr.Interface(calculator, ["number", "number"], "number"),
        "chat_interface": gr.ChatInterface(lambda message, history: message),
        "tabbed_interface": gr.TabbedInterface([gr.Interface(lambda x: x, "text", "text")]),
        "blocks": gr.Blocks(),
        "custom": gr.Blocks(mode="custom"),
    }
    for mode, app in apps.items():
        assert httpx.get(f"{launch(app)}/config").json()["mode"] == mode


def test_a_file_default_carries_a_url_a_client_can_fetch(launch: Launch) -> None:
    with gr.Blocks() as demo:
        video = gr.Video(gr.get_video("world.mp4"))
        gallery = gr.Gallery([gr.get_image("cheetah1.jpg")])
        out = gr.Textbox()
        gr.Button().click(str, video, out, api_name="video")
        gr.Button().click(str, gallery, out, api_name="gallery")
    endpoints = info(launch(demo))
    (param,) = endpoints["/video"]["parameters"]
    # as Gradio: one file's default has the example's public URL
    assert param["parameter_default"]["url"] == param["example_input"]["url"]
    assert param["parameter_default"]["url"].startswith("http://127.0.0.1:")
    (listed,) = endpoints["/gallery"]["parameters"]
    (first,) = listed["parameter_default"]
    # files in a list keep the route that serves them
    assert first["image"]["url"] == f"/gradio_api/file={first['image']['path']}"


def test_an_endpoint_is_described_by_its_docstring_on_one_line(launch: Launch) -> None:
    def greet(name: str) -> str:
        """Say hello to someone
        who gave their name.

        Args:
            name: Their name.
        """
        return name

    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(greet, text, text, api_name="greet")
        gr.Button().click(greet, text, text, api_name="quiet", api_description="")
        gr.Button().click(greet, text, text, api_name="told", api_description="Told.")
    endpoints = info(launch(demo))
    assert endpoints["/greet"]["description"] == "Say hello to someone who gave their name."
    assert endpoints["/quiet"]["description"] == ""
    assert endpoints["/told"]["description"] == "Told."


def _props(url: str) -> dict[str, dict[str, Any]]:
    """Each component's config props, by its ``elem_id``."""
    config = httpx.get(f"{url}/config").json()
    return {
        c["props"]["elem_id"]: c["props"] for c in config["components"] if c["props"].get("elem_id")
    }


def test_the_config_sends_what_a_none_argument_stands_for(launch: Launch) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(elem_id="text")
        gr.Textbox(elem_id="hidden-label", show_label=False, buttons=["copy"])
        gr.Markdown("# Title", elem_id="md")
        gr.Image(elem_id="image")
        gr.LinePlot(elem_id="plot")
    props = _props(launch(demo))
    assert (props["text"]["show_label"], props["text"]["buttons"]) == (True, [])
    assert (props["hidden-label"]["show_label"], props["hidden-label"]["buttons"]) == (
        False,
        ["copy"],
    )
    assert props["md"]["show_label"] is False
    assert props["md"]["latex_delimiters"] == [{"left": "$$", "right": "$$", "display": True}]
    assert props["image"]["sources"] == ["upload", "webcam", "clipboard"]
    assert props["image"]["webcam_options"] == {"mirror": True, "constraints": None}
    assert props["plot"]["show_label"] is False
    assert "placeholder" not in props["text"]  # a None with nothing to stand for is left out


def test_the_config_says_which_chat_events_are_listened_to(launch: Launch) -> None:
    with gr.Blocks() as demo:
        liked = gr.Chatbot(elem_id="liked")
        plain = gr.Chatbot(elem_id="plain")
        liked.like(lambda: None)
        liked.retry(lambda: None)
        gr.Image(elem_id="image").stream(lambda x: x, plain, plain)
        with gr.Row(elem_id="row"):
            gr.Textbox(elem_id="text")
    props = _props(launch(demo))
    flags = ("likeable", "_retryable", "_undoable")
    assert [props["liked"][f] for f in flags] == [True, True, False]
    assert [props["plain"][f] for f in flags] == [False, False, False]
    assert props["image"]["streamable"] is False  # as Gradio sends it, listened or not
    assert "likeable" not in props["text"]
    assert props["text"]["_selectable"] is False
    assert "_selectable" not in props["row"]  # layouts say nothing of selection


def test_show_label_is_resolved_as_gradio_resolves_it(launch: Launch) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(elem_id="bare", container=False)
        gr.Markdown("text", elem_id="md", container=True)
        gr.LinePlot(elem_id="labelled-plot", label="Sales")
        gr.Checkbox(elem_id="box", label="Agree", show_label=False)
    props = _props(launch(demo))
    assert props["bare"]["show_label"] is False  # no container, no label
    assert props["md"]["show_label"] is True
    assert props["labelled-plot"]["show_label"] is True
    assert props["box"]["show_label"] is True  # a checkbox's label is drawn beside it


def test_config_files_carry_the_url_they_are_served_at(launch: Launch) -> None:
    with gr.Blocks() as demo:
        gr.Image(gr.get_image("cheetah1.jpg"), elem_id="image")
    url = launch(demo)
    value = _props(url)["image"]["value"]
    assert value["url"] == f"{url}/gradio_api/file={value['path']}"
    assert httpx.get(value["url"]).status_code == 200


def test_table_settings_are_sent_resolved(launch: Launch) -> None:
    with gr.Blocks() as demo:
        gr.Dataframe(elem_id="plain")
        gr.Dataframe(headers=["a", "b"], row_count=5, column_widths=[120, "30%"], elem_id="set")
        text = gr.Textbox()
        gr.Dataset(components=[text], samples=[["x"]], elem_id="samples")
    props = _props(launch(demo))
    plain, given = props["plain"], props["set"]
    assert plain["headers"] == ["1", "2", "3"]
    assert (plain["row_count"], plain["column_count"]) == ([3, "dynamic"], [3, "dynamic"])
    assert plain["col_count"] == plain["column_count"]
    assert (given["row_count"], given["column_count"]) == ([5, "dynamic"], [2, "dynamic"])
    assert given["column_widths"] == ["120px", "30%"]
    (component,) = props["samples"]["components"]
    assert component["name"] == "textbox"
    assert len(component["class_id"]) == 64
    # each sample component's settings as its own config resolves them
    assert props["samples"]["component_props"][0]["show_label"] is True


def test_editor_tools_and_html_class_are_sent_resolved(launch: Launch) -> None:
    class Card(gr.HTML):
        pass

    with gr.Blocks() as demo:
        gr.ImageEditor(elem_id="editor")
        gr.ImageEditor(elem_id="no-layers", layers=False, brush=False)
        gr.HTML("<p>hi</p>", elem_id="html")
        Card("<p>card</p>", elem_id="card")
    props = _props(launch(demo))
    brush = props["editor"]["brush"]
    assert brush["default_color"] == brush["colors"][0] == "rgb(204, 50, 50)"
    assert props["editor"]["layers"] == {
        "allow_additional_layers": True,
        "layers": ["Layer 1"],
        "disabled": False,
    }
    assert props["no-layers"]["brush"] is False
    assert props["no-layers"]["layers"]["disabled"] is True
    assert props["html"]["component_class_name"] == "HTML"
    assert props["card"]["component_class_name"] == "Card"
    assert "server_fns" not in props["html"]  # only when it has some


def test_listeners_without_a_function_take_gradio_names(launch: Launch) -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        button = gr.Button()
        button.click(None, box, box, js="(x) => x")
        button.click(None, None, None)
        button.click(lambda x: x, box, box, api_name=False)
        button.click(lambda x: x, box, box)
    url = launch(demo)
    config = httpx.get(f"{url}/config").json()
    names = [d["api_name"] for d in config["dependencies"]]
    assert names == ["js_fn", "unnamed", "false", "lambda"]
    assert list(info(url)) == ["/lambda"]
    client = Client(url, verbose=False)
    try:
        with pytest.raises(ValueError, match="js_fn"):
            client.predict("x", api_name="/js_fn")  # a private listener is not callable
    finally:
        client.close()


def test_a_function_value_is_drawn_once_for_config_and_info(launch: Launch) -> None:
    drawn: list[int] = []

    def draw() -> str:
        drawn.append(1)
        return f"draw {len(drawn)}"

    with gr.Blocks() as demo:
        box = gr.Textbox(draw)
        gr.Button().click(lambda x: x, box, box, api_name="echo")
    url = launch(demo)
    value = next(
        c["props"]["value"]
        for c in httpx.get(f"{url}/config").json()["components"]
        if c["type"] == "textbox"
    )
    default = info(url)["/echo"]["parameters"][0]["parameter_default"]
    assert value == default == "draw 1"
    httpx.get(f"{url}/config")
    assert len(drawn) == 1


def test_chat_interface_parts_are_configured_as_gradio_configures_them(launch: Launch) -> None:
    def reply(message: dict[str, Any], history: list[Any]) -> str:
        return str(message)

    chat = gr.ChatInterface(reply, multimodal=True)
    config = httpx.get(f"{launch(chat)}/config").json()
    by_type = {c["type"]: c["props"] for c in config["components"]}
    assert by_type["multimodaltextbox"]["file_count"] == "single"
    assert by_type["multimodaltextbox"]["show_label"] is False
    assert by_type["chatbot"]["feedback_options"] == ["Like", "Dislike"]
    given = gr.ChatInterface(lambda m, h: m, textbox=gr.Textbox(label="Ask"))
    config = httpx.get(f"{launch(given)}/config").json()
    (box,) = [c["props"] for c in config["components"] if c["type"] == "textbox"]
    assert box["show_label"] is False  # the chat's own box shows no label, given or not


def test_a_webcam_video_drops_its_audio_by_default(launch: Launch) -> None:
    with gr.Blocks() as demo:
        gr.Video(elem_id="upload")
        gr.Video(sources=["webcam"], elem_id="webcam")
    props = _props(launch(demo))
    assert props["upload"]["include_audio"] is True
    assert (props["webcam"]["include_audio"], props["webcam"]["sources"]) == (False, ["webcam"])


def test_translations_reach_the_config_and_keys_travel_marked(launch: Launch) -> None:
    i18n = gr.I18n(en={"hi": "Hello"}, de={"hi": "Hallo"})
    with gr.Blocks() as demo:
        gr.Textbox(label=i18n("hi"), elem_id="box")
    url = launch(demo, i18n=i18n)
    config = httpx.get(f"{url}/config").json()
    assert config["i18n_translations"] == {"en": {"hi": "Hello"}, "de": {"hi": "Hallo"}}
    label = next(c["props"]["label"] for c in config["components"] if c["type"] == "textbox")
    assert label == '__i18n__{"__type__": "translation_metadata", "key": "hi"}'
    demo_api = gr.Blocks()
    with demo_api:
        box = gr.Textbox(label=i18n("hi"))
        box.submit(lambda x: x, box, box, api_name="echo")
    (parameter,) = info(launch(demo_api))["/echo"]["parameters"]
    assert parameter["label"] == {"key": "hi", "_type": "translation_metadata"}


def test_translations_are_checked() -> None:
    with pytest.raises(TypeError, match="translations of 'en' must map keys"):
        gr.I18n(en={"hi": 1})  # type: ignore[dict-item]
    with pytest.warns(UserWarning, match="'en_US' is not a BCP 47 language tag"):
        gr.I18n(en_US={"hi": "Hello"})
    with gr.Blocks() as demo:
        gr.Textbox()
    with pytest.raises(TypeError, match=r"launch\(i18n=...\) takes translations"):
        demo.launch(i18n={"en": {}}, prevent_thread_lock=True, server_name="127.0.0.1")
