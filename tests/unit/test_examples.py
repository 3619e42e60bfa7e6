"""``gr.Examples``: sample inputs that fill an app's inputs, optionally run or cached."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client import Client

import specblocks as gr
from specblocks._generated import events
from specblocks.testing import serve


def _endpoints(url: str) -> dict[str, Any]:
    return httpx.get(f"{url}config").json()["dependencies"]  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def _no_cache_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRADIO_CACHE_EXAMPLES", raising=False)
    monkeypatch.delenv("GRADIO_CACHE_MODE", raising=False)


class Counter:
    """A function that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, text: str, times: float) -> str:
        self.calls.append((text, times))
        return text * int(times)


# -- layout and attributes ------------------------------------------------------------------


def test_examples_place_a_dataset_of_the_samples() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        times = gr.Number(label="Times")
        examples = gr.Examples([["a", 1], ["b", 2]], [text, times], examples_per_page=5)
    dataset = examples.dataset
    assert isinstance(dataset, gr.Dataset)
    assert dataset in demo.children
    assert dataset.samples == [["a", 1], ["b", 2]]
    assert dataset.type == "tuple"
    assert dataset.label is None  # shown as "Examples", as in Gradio
    assert dataset.samples_per_page == 5
    assert dataset.sample_components == [text, times]
    assert examples.examples == [["a", 1], ["b", 2]]
    assert examples.inputs == [text, times]
    assert examples.outputs == []
    assert examples.cache_examples is False


def test_one_input_takes_a_plain_list() -> None:
    with gr.Blocks():
        text = gr.Textbox()
        examples = gr.Examples(["a", "b"], text)
    assert examples.examples == [["a"], ["b"]]


def test_clicking_fills_the_inputs_without_running_anything() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        times = gr.Number()
        examples = gr.Examples([["a", 1]], [text, times])
    [dep] = demo.dependencies
    assert dep is examples.load_input_event
    assert dep.targets == [(examples.dataset, events.CLICK)]
    assert dep.inputs == [examples.dataset]
    assert dep.outputs == [text, times]
    assert dep.options.api_name == "load_example"
    assert dep.options.api_visibility == "undocumented"
    assert dep.options.queue is False
    assert dep.options.postprocess is False
    assert dep.fn is not None
    assert dep.fn((0, ["a", 1])) == ["a", 1]
    assert examples.cache_event is None


def test_inputs_without_any_example_value_are_left_alone() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        times = gr.Number()
        examples = gr.Examples([[None, 1], [None, 2]], [text, times])
    assert examples.inputs_with_examples == [times]
    assert examples.non_none_examples == [[1], [2]]
    assert examples.dataset.sample_components == [times]
    assert demo.dependencies[0].outputs == [times]


def test_visible_columns_hide_columns_but_fill_every_input() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        times = gr.Number()
        examples = gr.Examples([["a", 1]], [text, times], visible_columns=[1])
    assert examples.dataset.sample_components == [times]
    assert examples.dataset.samples == [[1]]
    assert demo.dependencies[0].outputs == [text, times]


def test_example_labels_and_other_dataset_settings() -> None:
    with gr.Blocks():
        text = gr.Textbox()
        examples = gr.Examples(
            ["a", "b"],
            text,
            example_labels=["first", "second"],
            label="Try",
            elem_id="tries",
            visible=False,
        )
    assert examples.dataset.sample_labels == ["first", "second"]
    assert examples.dataset.label == "Try"
    assert examples.dataset.elem_id == "tries"
    assert examples.dataset.visible is False


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"examples": None}, "must be a list"),
        ({"examples": ["a", "b"]}, "one value per input"),
        ({"examples": [["a", 1]], "example_labels": ["x", "y"]}, "example_labels"),
        ({"examples": [["a", 1]], "visible_columns": []}, "at least one"),
        ({"examples": [["a", 1]], "visible_columns": [2]}, "must name an input"),
        ({"examples": [["a", 1]], "cache_examples": True}, "needs `fn` and `outputs`"),
        ({"examples": [["a", 1]], "cache_examples": "yes"}, "True or False"),
        ({"examples": [["a", 1]], "run_on_click": True}, "needs `fn`"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with gr.Blocks():
        inputs = [gr.Textbox(), gr.Number()]
        with pytest.raises(ValueError, match=message):
            gr.Examples(inputs=inputs, **kwargs)


def test_outside_blocks_it_warns_and_can_be_created_later() -> None:
    with pytest.warns(UserWarning, match="outside `with Blocks"):
        examples = gr.Examples(["a"], gr.Textbox(render=False))
    with gr.Blocks() as demo:
        examples.dataset.render()
        examples.create()
    assert examples.dataset in demo.children
    assert demo.dependencies == [examples.load_input_event]


# -- folders --------------------------------------------------------------------------------


def test_examples_from_a_folder_of_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(name)
    with gr.Blocks():
        examples = gr.Examples(str(tmp_path), gr.File())
    assert examples.examples == [[str(tmp_path / "a.txt")], [str(tmp_path / "b.txt")]]


def test_examples_from_a_folder_with_a_log(tmp_path: Path) -> None:
    (tmp_path / "cat.txt").write_text("meow")
    (tmp_path / "log.csv").write_text("file,count,flag\ncat.txt,3,x\n", encoding="utf-8")
    with gr.Blocks():
        examples = gr.Examples(tmp_path, [gr.File(), gr.Textbox()])  # type: ignore[arg-type]
    assert examples.examples == [[str(tmp_path / "cat.txt"), "3"]]


def test_a_folder_needs_a_log_for_several_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    with gr.Blocks(), pytest.raises(FileNotFoundError, match=r"log\.csv"):
        gr.Examples(str(tmp_path), [gr.File(), gr.Textbox()])


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with gr.Blocks(), pytest.raises(FileNotFoundError, match="no examples folder"):
        gr.Examples(str(tmp_path / "missing"), gr.File())


# -- run_on_click ---------------------------------------------------------------------------


def test_run_on_click_chains_the_function_after_filling() -> None:
    repeat = Counter()
    with gr.Blocks() as demo:
        text = gr.Textbox()
        times = gr.Number()
        out = gr.Textbox()
        examples = gr.Examples([["a", 2]], [text, times], out, fn=repeat, run_on_click=True)
    fill, run = demo.dependencies
    assert fill is examples.load_input_event
    assert run.trigger_after is fill
    assert run.fn is repeat
    assert run.inputs == [text, times]
    assert run.outputs == [out]
    assert run.options.api_visibility == "undocumented"
    assert repeat.calls == []


# -- caching --------------------------------------------------------------------------------


def _cached_app(fn: Any, **kwargs: Any) -> tuple[gr.Blocks, gr.Examples, gr.Textbox]:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        times = gr.Number()
        out = gr.Textbox()
        examples = gr.Examples([["a", 2], ["b", 3]], [text, times], out, fn=fn, **kwargs)
    return demo, examples, out


def test_eager_caching_runs_every_example_once_up_front() -> None:
    repeat = Counter()
    demo, examples, out = _cached_app(repeat, cache_examples=True)
    assert examples.cache_examples is True
    assert repeat.calls == [("a", 2), ("b", 3)]
    fill, load = demo.dependencies[:2]
    assert examples.cache_event is examples.load_input_event is load
    assert load.trigger_after is fill
    assert load.outputs == [out]
    assert load.options.api_name == "load_example"
    assert examples.load_from_cache(1) == ["bbb"]
    assert len(repeat.calls) == 2


def test_cached_examples_load_over_the_api_without_running_the_function() -> None:
    repeat = Counter()
    demo, _, _ = _cached_app(repeat, cache_examples=True, preload=False)
    with serve(demo) as url:
        client = Client(url, verbose=False)
        assert client.predict(1, api_name="/load_example") == "bbb"
        assert client.predict(0, api_name="/load_example") == "aa"
        names = [d["api_name"] for d in _endpoints(url)]
    assert names == ["load_example_input", "load_example"]
    assert len(repeat.calls) == 2


def test_lazy_caching_runs_an_example_on_first_use_only() -> None:
    repeat = Counter()
    demo, examples, _ = _cached_app(repeat, cache_examples=True, cache_mode="lazy")
    assert examples.cache_examples == "lazy"
    assert repeat.calls == []
    with serve(demo) as url:
        client = Client(url, verbose=False)
        assert client.predict(1, api_name="/load_example") == "bbb"
        assert client.predict(1, api_name="/load_example") == "bbb"
        names = [d["api_name"] for d in _endpoints(url)]
    assert repeat.calls == [("b", 3)]
    assert "load_example_input_1" not in names  # no preloading when lazy


def test_the_load_example_endpoint_fills_the_inputs_over_the_api() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        times = gr.Number()
        gr.Examples([["a", 1], ["b", 2]], [text, times])
    with serve(demo) as url:
        assert Client(url, verbose=False).predict(1, api_name="/load_example") == ("b", 2)


def test_environment_variables_turn_caching_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_CACHE_EXAMPLES", "true")
    repeat = Counter()
    _, examples, _ = _cached_app(repeat)
    assert examples.cache_examples is True
    assert len(repeat.calls) == 2

    monkeypatch.setenv("GRADIO_CACHE_MODE", "lazy")
    _, lazy, _ = _cached_app(Counter())
    assert lazy.cache_examples == "lazy"

    with gr.Blocks():  # without fn and outputs there is nothing to cache
        assert gr.Examples(["a"], gr.Textbox()).cache_examples is False
    _, explicit, _ = _cached_app(Counter(), cache_examples=False)
    assert explicit.cache_examples is False


def test_a_bad_cache_mode_variable_warns_and_caches_eagerly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GRADIO_CACHE_MODE", "sometimes")
    with pytest.warns(UserWarning, match="GRADIO_CACHE_MODE"):
        _, examples, _ = _cached_app(Counter(), cache_examples=True)
    assert examples.cache_examples is True


def test_caching_runs_the_function_as_an_event_would() -> None:
    seen: list[Any] = []

    def describe(text: str, times: float, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        seen.append((text, times))
        progress(0.5)
        return {"text": text, "times": times}

    with gr.Blocks():
        text = gr.Textbox()
        times = gr.Number(precision=0)
        out = gr.JSON()
        examples = gr.Examples([["a", 2.0]], [text, times], out, fn=describe, cache_examples=True)
    assert seen == [("a", 2)]  # Number(precision=0) preprocessed the example
    assert examples.load_from_cache(0) == [{"text": "a", "times": 2}]


def test_caching_without_pre_or_postprocessing() -> None:
    with gr.Blocks():
        number = gr.Number()
        out = gr.Number()
        examples = gr.Examples(
            [[3]],
            number,
            out,
            fn=str,
            cache_examples=True,
            preprocess=False,
            postprocess=False,
        )
    assert examples.load_from_cache(0) == ["3"]


def test_caching_generators_async_functions_and_batches() -> None:
    def count(text: str) -> Iterator[str]:
        yield from (text[:i] for i in range(1, len(text) + 1))

    async def shout(text: str) -> str:
        await asyncio.sleep(0)
        return text.upper()

    def lengths(texts: list[str]) -> tuple[list[int]]:
        return ([len(t) for t in texts],)

    with gr.Blocks():
        text = gr.Textbox()
        out = gr.Textbox()
        size = gr.Number()
        generated = gr.Examples(["abc"], text, out, fn=count, cache_examples=True)
        awaited = gr.Examples(["abc"], text, out, fn=shout, cache_examples=True)
        batched = gr.Examples(["abcd"], text, size, fn=lengths, cache_examples=True, batch=True)
    assert generated.load_from_cache(0) == ["abc"]
    assert awaited.load_from_cache(0) == ["ABC"]
    assert batched.load_from_cache(0) == [4]


def test_lazy_caching_passes_the_request() -> None:
    hosts: list[str | None] = []

    def who(text: str, request: gr.Request) -> str:
        hosts.append(request.client_host if request is not None else None)
        return text

    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.Textbox()
        gr.Examples(["x"], text, out, fn=who, cache_examples=True, cache_mode="lazy")
    with serve(demo) as url:
        assert Client(url, verbose=False).predict(0, api_name="/load_example") == "x"
    assert hosts == ["127.0.0.1"]


def test_a_failing_function_fails_eager_caching() -> None:
    def broken(text: str, times: float) -> str:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError, match="no"):
        _cached_app(broken, cache_examples=True)


# -- preloading -----------------------------------------------------------------------------


def test_preload_loads_an_example_when_the_page_opens() -> None:
    repeat = Counter()
    demo, _, out = _cached_app(repeat, cache_examples=True, preload=1)
    load_input, load_output = demo.dependencies[2:]
    for dep in (load_input, load_output):
        assert dep.targets == [(demo, events.LOAD)]
        # each reads the example from a State of its own, as Gradio's does
        (state,) = dep.inputs
        assert isinstance(state, gr.State)
        assert state.value == (1, ["b", 3])
    assert load_output.outputs == [out]
    with serve(demo) as url:
        client = Client(url, verbose=False)
        assert client.predict(api_name="/load_example_input_1") == ("b", 3)
        assert client.predict(api_name="/load_example_output") == "bbb"
    assert len(repeat.calls) == 2


@pytest.mark.parametrize(
    "kwargs",
    [{"preload": False}, {"cache_mode": "lazy"}],
)
def test_no_preload_when_turned_off_or_lazy(kwargs: dict[str, Any]) -> None:
    demo, _, _ = _cached_app(Counter(), cache_examples=True, **kwargs)
    assert len(demo.dependencies) == 2


def test_no_preload_without_caching_or_when_an_input_has_a_value() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox("given")
        out = gr.Textbox()
        gr.Examples(["a"], text, out, fn=str.upper, cache_examples=True)
        gr.Examples(["b"], gr.Textbox(), out, fn=str.upper)
    assert not any(dep.targets == [(demo, events.LOAD)] for dep in demo.dependencies)


def test_a_preload_index_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="preload=5"):
        _cached_app(Counter(), cache_examples=True, preload=5)


# -- Interface ------------------------------------------------------------------------------


def test_interface_examples_use_gr_examples() -> None:
    demo = gr.Interface(
        lambda text, times: text * int(times),
        ["text", "number"],
        "text",
        examples=[["ab", 2], ["c", 3]],
        example_labels=["two", "three"],
        cache_examples=True,
        preload_example=False,
    )
    handler = demo.examples_handler
    assert isinstance(handler, gr.Examples)
    assert handler.inputs == demo.input_components
    assert handler.outputs == demo.output_components
    assert handler.dataset.sample_labels == ["two", "three"]
    with serve(demo) as url:
        client = Client(url, verbose=False)
        assert client.predict(0, api_name="/load_example") == "abab"
        assert client.predict("x", 2, api_name="/lambda") == "xx"  # named as Gradio names it


def test_interface_example_columns_are_the_main_inputs() -> None:
    demo = gr.Interface(
        lambda text, times: text * int(times),
        "text",
        "text",
        additional_inputs=[gr.Number(render=False)],
        examples=[["ab", 2]],
    )
    handler = demo.examples_handler
    assert handler.inputs == [*demo.input_components, *demo.additional_inputs]
    assert handler.dataset.sample_components == demo.input_components


def test_interface_examples_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    demo = gr.Interface(lambda path: path, "file", "text", examples=str(tmp_path))
    assert demo.examples_handler.examples == [[str(tmp_path / "a.txt")]]
