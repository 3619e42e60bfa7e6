"""``Examples``: sample inputs shown as a table; clicking one fills the app's inputs."""

from __future__ import annotations

import csv
import inspect
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from specblocks.app._blocks import Blocks
from specblocks.app._example_cache import ExampleCache
from specblocks.app._outputs import skip
from specblocks.components import Dataset, State
from specblocks.core._blocks import current_app
from specblocks.core._component import Component
from specblocks.core._request import Request

if TYPE_CHECKING:
    from specblocks._generated.events import Dependency
    from specblocks.core._i18n import I18nData

CacheSetting = bool | Literal["lazy"]
Example = tuple[int, list[Any]] | None  # what the Dataset passes: (index, values)


class Examples:
    """Sample inputs shown as a table under the inputs; clicking one fills the inputs.

    Create it inside ``with Blocks():``. It places a :class:`Dataset` (``.dataset``) of the
    samples and listens to its clicks: the inputs are filled (an endpoint named ``api_name``),
    then either nothing else happens, ``fn`` runs (``run_on_click``) or the outputs are filled
    from outputs computed in advance (``cache_examples``).
    """

    def __init__(  # noqa: PLR0917 - Gradio's positional parameters
        self,
        examples: list[Any] | list[list[Any]] | str,
        inputs: Component | Sequence[Component],
        outputs: Component | Sequence[Component] | None = None,
        fn: Callable[..., Any] | None = None,
        cache_examples: bool | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        examples_per_page: int = 10,
        label: str | I18nData | None = None,
        elem_id: str | None = None,
        run_on_click: bool = False,
        preprocess: bool = True,
        postprocess: bool = True,
        api_visibility: Literal["public", "private", "undocumented"] = "undocumented",
        api_name: str | None = "load_example",
        api_description: str | Literal[False] | None = None,
        batch: bool = False,
        *,
        example_labels: list[str] | None = None,
        visible_columns: list[int] | None = None,
        visible: bool | Literal["hidden"] = True,
        preload: int | Literal[False] = 0,
    ) -> None:
        """Lay out the examples and attach their listeners.

        Args:
            examples: One list per example with a value for each input, a plain list of
                values when there is one input, or a folder: its files (one input) or its
                ``log.csv`` rows (file names relative to the folder).
            inputs: The components the examples fill.
            outputs: The components ``fn`` fills; needed to cache or run examples.
            fn: The function run on an example (``run_on_click``, ``cache_examples``).
            cache_examples: Whether the outputs of every example are computed in advance
                and loaded on click instead of running ``fn``. Null follows the
                ``GRADIO_CACHE_EXAMPLES`` environment variable ("true" or "lazy").
            cache_mode: "eager" computes every example when the examples are created,
                "lazy" each one the first time it is clicked. Null follows
                ``GRADIO_CACHE_MODE`` (default "eager").
            examples_per_page: Examples shown on each page of the table.
            label: Heading of the table; null shows "Examples".
            elem_id: HTML id of the table.
            run_on_click: Whether clicking an (uncached) example also runs ``fn``.
            preprocess: Whether cached runs convert the inputs before calling ``fn``.
            postprocess: Whether cached runs convert what ``fn`` returns.
            api_visibility: Visibility of the endpoint that loads an example.
            api_name: Name of that endpoint.
            api_description: Description of that endpoint.
            batch: Whether ``fn`` takes and returns batches (for cached runs).
            example_labels: One label per example, shown instead of its values.
            visible_columns: Indices of the inputs shown in the table (all are filled).
            visible: Whether the table is shown.
            preload: Index of the example loaded when the page opens (only when examples are
                cached eagerly and no input was given a value); False loads none.

        Raises:
            ValueError: The examples, columns, labels or caching settings do not fit.
            FileNotFoundError: The examples folder (or its ``log.csv``) is missing.
        """
        self.inputs: list[Component] = _components(inputs)
        self.outputs: list[Component] = _components(outputs)
        self.fn = fn
        runnable = fn is not None and bool(self.outputs)
        self.cache_examples: CacheSetting = _cache_setting(cache_examples, cache_mode, runnable)
        if self.cache_examples and not runnable:
            raise ValueError("Examples: caching examples needs `fn` and `outputs`")
        self.examples: list[list[Any]] = _rows(examples, len(self.inputs))
        if example_labels is not None and len(example_labels) != len(self.examples):
            raise ValueError(
                f"Examples: {len(example_labels)} example_labels for {len(self.examples)} examples"
            )
        self.input_has_examples = [
            any(i < len(row) and row[i] is not None for row in self.examples)
            for i in range(len(self.inputs))
        ]
        self.inputs_with_examples = [
            c for c, has in zip(self.inputs, self.input_has_examples, strict=True) if has
        ]
        self.non_none_examples = [
            [_at(row, i) for i, has in enumerate(self.input_has_examples) if has]
            for row in self.examples
        ]
        shown = self._shown_columns(visible_columns)
        self.run_on_click = run_on_click
        self.preprocess = preprocess
        self.postprocess = postprocess
        self.api_visibility = api_visibility
        self.api_name = api_name
        self.api_description = api_description
        self.batch = batch
        self.example_labels = example_labels
        self.preload = preload
        self.dataset = Dataset(
            components=[self.inputs[i] for i in shown],
            samples=[[_at(row, i) for i in shown] for row in self.examples],
            type="tuple",
            label=label,
            samples_per_page=examples_per_page,
            elem_id=elem_id,
            visible=visible,
            sample_labels=example_labels,
        )
        self._input_payloads = [
            [c.postprocess(value) for c, value in zip(self.inputs_with_examples, row, strict=True)]
            for row in self.non_none_examples
        ]
        self._cache = (
            ExampleCache(
                fn,
                self.inputs,
                self.outputs,
                preprocess=preprocess,
                postprocess=postprocess,
                batch=batch,
            )
            if self.cache_examples and fn is not None
            else None
        )
        self.load_input_event: Dependency | None = None
        self.cache_event: Dependency | None = None
        if current_app() is None:
            warnings.warn(
                "Examples created outside `with Blocks():` are not shown; call "
                "`examples.dataset.render()` and `examples.create()` inside one.",
                UserWarning,
                stacklevel=2,
            )
        else:
            self.create()

    def _shown_columns(self, visible_columns: list[int] | None) -> list[int]:
        with_examples = [i for i, has in enumerate(self.input_has_examples) if has]
        if visible_columns is None:
            return with_examples
        if not visible_columns:
            raise ValueError("Examples: `visible_columns` must name at least one column")
        if any(
            isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(self.inputs)
            for i in visible_columns
        ):
            raise ValueError("Examples: each index in `visible_columns` must name an input")
        shown = [i for i in with_examples if i in visible_columns]
        return shown or with_examples

    # -- listeners ------------------------------------------------------------------------
    def create(self) -> None:
        """Attach the listeners and, when caching eagerly, compute every example's outputs.

        The constructor calls it inside ``with Blocks():``.

        Raises:
            ValueError: ``run_on_click`` without ``fn``, or a ``preload`` index out of range.
        """
        if self.cache_examples is True:
            for index in range(len(self.examples)):
                self.load_from_cache(index)
        if self.cache_examples:
            self._listen_cached()
            self._preload()
        else:
            self._listen()

    def _listen(self) -> None:
        def load_example(example: Example) -> Any:
            return self._fill(example, self._inputs_of)

        self.load_input_event = self.dataset.click(
            load_example,
            self.dataset,
            self.inputs_with_examples,
            show_progress="hidden",
            postprocess=False,
            queue=False,
            api_name=self.api_name,
            api_description=self.api_description,
            api_visibility=self.api_visibility,
        )
        if self.run_on_click:
            if self.fn is None:
                raise ValueError("Examples: `run_on_click` needs `fn`")
            self.load_input_event.then(
                self.fn, self.inputs, self.outputs, api_visibility="undocumented"
            )

    def _listen_cached(self) -> None:
        def load_example_input(example: Example) -> Any:
            return self._fill(example, self._inputs_of)

        def load_example_output(example: Example, request: Request) -> Any:
            return self._fill(example, lambda index: self.load_from_cache(index, request))

        fill_inputs = self.dataset.click(
            load_example_input,
            self.dataset,
            self.inputs_with_examples,
            show_progress="hidden",
            postprocess=False,
            queue=False,
            api_visibility="undocumented",
        )
        self.cache_event = self.load_input_event = fill_inputs.then(
            load_example_output,
            self.dataset,
            self.outputs,
            postprocess=False,
            api_name=self.api_name,
            api_description=self.api_description,
            api_visibility=self.api_visibility,
        )

    def _preload(self) -> None:
        """Load example ``preload`` when the page opens (cached eagerly, inputs left empty)."""
        app = current_app()
        if self.preload is False or self.cache_examples is not True or not isinstance(app, Blocks):
            return
        if any(_has_given_value(c) for c in self.inputs_with_examples):
            return
        index = self.preload
        if isinstance(index, bool) or not 0 <= index < len(self.examples):
            raise ValueError(
                f"Examples: preload={index!r} is not the index of one of the "
                f"{len(self.examples)} examples"
            )

        def load_example_input(_example: Any) -> Any:
            return _one_or_all(self._inputs_of(index))

        def load_example_output(_example: Any) -> Any:
            return _one_or_all(self.load_from_cache(index))

        # each load reads the example from a State of its own, as Gradio's does (the page
        # holds the same blocks)
        app.load(
            load_example_input,
            State((index, self.examples[index])),
            self.inputs_with_examples,
            show_progress="hidden",
            postprocess=False,
            queue=False,
            api_visibility="undocumented",
        )
        app.load(
            load_example_output,
            State((index, self.examples[index])),
            self.outputs,
            show_progress="hidden",
            postprocess=False,
            api_visibility="undocumented",
        )

    # -- values -----------------------------------------------------------------------------
    def _inputs_of(self, index: int) -> list[Any]:
        return self._input_payloads[index]

    def _fill(self, example: Example, payloads: Callable[[int], list[Any]]) -> Any:
        """What a listener returns for the clicked example (nothing changes without one)."""
        if example is None:
            return skip()
        return _one_or_all(payloads(example[0]))

    def load_from_cache(self, example_id: int, request: Request | None = None) -> list[Any]:
        """The output payloads of example ``example_id``, computing them on first use.

        Raises:
            ValueError: The examples are not cached.
        """
        if self._cache is None:
            raise ValueError("Examples: these examples are not cached")
        inputs = iter(self._input_payloads[example_id])
        payloads = [next(inputs) if has else None for has in self.input_has_examples]
        return self._cache.get(example_id, payloads, request)


def _components(value: Component | Sequence[Component] | None) -> list[Component]:
    if value is None:
        return []
    return [value] if isinstance(value, Component) else list(value)


def _at(row: list[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _one_or_all(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _has_given_value(component: Component) -> bool:
    """Whether the app gave ``component`` a value (other than its constructor's default)."""
    parameter = inspect.signature(type(component)).parameters.get("value")
    default = None if parameter is None else parameter.default
    value = getattr(component, "value", None)
    return value is not default and value != default


def _cache_setting(
    cache_examples: bool | None, cache_mode: Literal["eager", "lazy"] | None, runnable: bool
) -> CacheSetting:
    """``cache_examples`` and ``cache_mode`` (or their environment variables) as one setting.

    ``GRADIO_CACHE_EXAMPLES`` only applies to examples that have a function and outputs.
    """
    env = os.environ.get("GRADIO_CACHE_EXAMPLES", "").lower()
    if cache_examples is None:
        cache = runnable and env in ("true", "lazy")
    elif isinstance(cache_examples, bool):
        cache = cache_examples
    else:
        raise ValueError(
            f"Examples: `cache_examples` must be True or False, got {cache_examples!r}"
        )
    mode = cache_mode or os.environ.get("GRADIO_CACHE_MODE", "").lower() or None
    if mode not in (None, "eager", "lazy"):
        warnings.warn(
            f"GRADIO_CACHE_MODE must be 'eager' or 'lazy', got {mode!r}; caching eagerly",
            UserWarning,
            stacklevel=3,
        )
        mode = "eager"
    if mode is None and env == "lazy" and cache_examples is None:
        mode = "lazy"
    return "lazy" if cache and mode == "lazy" else cache


def _rows(examples: Any, count: int) -> list[list[Any]]:
    """The examples as one list of values per example."""
    if isinstance(examples, str | Path):
        return _rows_from_folder(Path(examples), count)
    if not isinstance(examples, list):
        raise ValueError(
            "Examples: `examples` must be a list of examples (each a list with one value per "
            f"input), or a folder; got {type(examples).__name__}"
        )
    if not examples or isinstance(examples[0], list):
        return [list(row) for row in examples]
    if count == 1:
        return [[value] for value in examples]
    raise ValueError(
        f"Examples: with {count} inputs each example must be a list with one value per input"
    )


def _rows_from_folder(folder: Path, count: int) -> list[list[Any]]:
    """Examples from a folder: the rows of its ``log.csv``, or its files for one input."""
    if not folder.is_dir():
        raise FileNotFoundError(f"Examples: no examples folder at {folder}")
    log = folder / "log.csv"
    if log.is_file():
        with log.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))[1:]
        return [
            [str(folder / v) if v and (folder / v).is_file() else v for v in row[:count]]
            for row in rows
        ]
    if count != 1:
        raise FileNotFoundError(
            f"Examples: the folder {folder} needs a log.csv when there are {count} inputs"
        )
    return [[str(p)] for p in sorted(folder.iterdir()) if p.is_file()]


__all__ = ["Examples"]
