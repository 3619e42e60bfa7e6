"""``Blocks``: the app object users build with ``with Blocks() as demo:``.

This module is also the one seam between an app and the server that runs it. The server lives
above the app layer (it imports apps, so apps cannot import it): the entry layer
(:mod:`specblocks.launch`) hands its launcher to :func:`install_launcher` —
``specblocks/__init__.py`` does so — and ``Blocks.launch()`` calls whatever is installed. An
embedding that serves apps some other way may install its own launcher.
"""

from __future__ import annotations

import re
import signal
import threading
import warnings
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Protocol, Self, TypeVar

from specblocks._generated.blocks import BlocksBase
from specblocks.core import Block, BlockContext, current_app, current_context, descendants

if TYPE_CHECKING:
    from specblocks._generated.blocks import (
        BlocksOptions,
        ClearOptions,
        IntegrateOptions,
        LaunchOptions,
        QueueOptions,
        RouteOptions,
        UnloadOptions,
    )
    from specblocks.core import DependencyCore


D = TypeVar("D", bound="DependencyCore")


class RunningServer(Protocol):
    """What ``Blocks`` needs of a server it started."""

    @property
    def url(self) -> str:
        """Where the app is served, e.g. ``http://127.0.0.1:7860/``."""

    @property
    def asgi_app(self) -> Any:
        """The ASGI application serving the app (a FastAPI app)."""

    def is_running(self) -> bool:
        """Whether the server still serves."""

    def close(self) -> None:
        """Stop serving; return once the server has stopped."""

    def drain(self) -> int:
        """Shut down gracefully: new jobs refused, accepted ones finished (bounded), then stop.

        Returns how many jobs were ended unfinished.
        """


class Launcher(Protocol):
    """Starts serving ``app`` under ``options`` and returns once it accepts connections."""

    def __call__(self, app: Blocks, options: LaunchOptions) -> RunningServer: ...


_installed: Launcher | None = None


def install_launcher(launcher: Launcher) -> None:
    """Make ``launcher`` the one ``Blocks.launch()`` uses."""
    global _installed  # noqa: PLW0603 - the seam is one process-wide setting
    _installed = launcher


def launcher() -> Launcher:
    """The installed launcher.

    Raises:
        RuntimeError: None is installed (``specblocks`` itself was not imported).
    """
    if _installed is None:
        raise RuntimeError(
            "no server is installed to launch apps: import specblocks (which installs "
            "specblocks.launch) or install one with specblocks.app.install_launcher()"
        )
    return _installed


#: First segments of paths the server answers itself, which no page may take.
RESERVED_PAGE_PATHS = frozenset(
    {"config", "assets", "gradio_api", "login", "logout", "favicon.ico", "theme.css", "static"}
)
_PAGE_PATH = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")


def _page_path(name: str, path: str | None) -> str:
    """The URL path of a page named ``name`` (``path`` when given), checked.

    Raises:
        ValueError: The path is empty, has other characters, or is one the server uses.
    """
    chosen = path if path is not None else "-".join(name.lower().split())
    chosen = chosen.strip("/")
    if not chosen or not _PAGE_PATH.match(chosen) or ".." in chosen.split("/"):
        raise ValueError(
            f"Blocks.route: {chosen!r} is not a page path; use letters, digits, '-', '_' and "
            f"'.', in segments separated by '/' (e.g. 'analytics' or 'reports/2024')."
        )
    if chosen.split("/")[0] in RESERVED_PAGE_PATHS:
        raise ValueError(
            f"Blocks.route: the path {chosen!r} is taken by the server itself; choose another "
            f"(reserved: {', '.join(sorted(RESERVED_PAGE_PATHS))})."
        )
    return chosen


#: Apps whose server is running (for :func:`close_all`).
_RUNNING: weakref.WeakSet[Blocks] = weakref.WeakSet()


def close_all() -> None:
    """Stop the servers of every app launched in this process."""
    for app in list(_RUNNING):
        app.close()


class Blocks(BlocksBase):
    """An app made of components, layouts and event listeners.

    Open it with ``with Blocks() as demo:``; components created inside are placed in it and
    listeners attached inside are recorded in :attr:`dependencies`.
    """

    NAME = "Blocks"

    def _init_blocks(self, options: BlocksOptions) -> None:
        self.options = options
        self.dependencies: list[DependencyCore] = []
        #: The pages added with :meth:`route`: (path, name, shown in the navigation bar).
        self.pages: list[tuple[str, str, bool]] = []
        #: The page ("" for the main one) of each top-level block and of each listener, by id.
        self.block_pages: dict[int, str] = {}
        self.dependency_pages: dict[int, str] = {}
        self._page = ""
        self._opening_page: str | None = None
        self._page_stack: list[str] = []
        self.queue_options: QueueOptions | None = None
        self.unload_functions: list[Callable[..., Any]] = []
        self.server: RunningServer | None = None
        self.server_app: Any = None
        self.local_url: str | None = None
        BlockContext.__init__(self, render=False)

    def _queue(self, options: QueueOptions) -> Self:
        self.queue_options = options
        return self

    def _route(self, options: RouteOptions) -> Self:
        path = _page_path(options.name, options.path)
        if any(path == known for known, _, _ in self.pages):
            raise ValueError(f"Blocks.route: this app already has a page at {path!r}.")
        self.pages.append((path, options.name, options.show_in_navbar))
        self._opening_page = path
        return self

    def _clear(self, options: ClearOptions) -> Self:
        for child in list(self.children):
            self.remove_child(child)
        self.dependencies.clear()
        self.pages.clear()
        self.block_pages.clear()
        self.dependency_pages.clear()
        self.unload_functions.clear()
        return self

    def add_child(self, child: Any) -> None:
        """Append ``child`` to the page being built."""
        super().add_child(child)
        self.block_pages[child._id] = self._page

    def adopt(self, layout: BlockContext, first: Block) -> None:
        """A layout created around top-level blocks is on the page of the first of them."""
        self.block_pages[layout._id] = self.block_pages.get(first._id, self._page)

    def add_dependency(self, dependency: D) -> D:
        """Record a listener of the page being built."""
        self.dependency_pages[dependency.id] = self._page
        return super().add_dependency(dependency)

    def __enter__(self) -> Self:
        self._page_stack.append(self._page)
        if self._opening_page is not None:
            self._page, self._opening_page = self._opening_page, None
        return super().__enter__()

    def _integrate(self, options: IntegrateOptions) -> None:
        if not self.local_url:
            raise ValueError("Blocks.integrate: run launch() first; it records the app's URL.")
        url = self.local_url
        if options.comet_ml is not None:
            options.comet_ml.log_other("Created from", "specblocks")
            options.comet_ml.log_text(f"gradio: {url}")
            options.comet_ml.end()
        if options.wandb is not None:
            warnings.warn(
                "Blocks.integrate: Weights & Biases shows apps by their public share link, and "
                "specblocks serves apps only where they are launched; nothing was logged.",
                UserWarning,
                stacklevel=3,
            )
        if options.mlflow is not None:
            if not hasattr(options.mlflow, "log_param"):
                raise TypeError("Blocks.integrate: mlflow= must be the mlflow module.")
            options.mlflow.log_param("Gradio Interface Local Link", url)

    def _unload(self, options: UnloadOptions) -> None:
        self.unload_functions.append(options.fn)

    def _launch(self, options: LaunchOptions) -> tuple[Any, str, str | None]:
        if self.server is not None:
            self.close()
        running = launcher()(self, options)
        api = running.asgi_app
        self.server = running
        self.server_app = api
        _RUNNING.add(self)
        self.local_url = running.url
        if not options.quiet:
            print(f"* Running on local URL:  {running.url}")
        if not options.prevent_thread_lock:
            self.block_thread()
        return api, running.url, None

    def block_thread(self) -> None:
        """Block the calling thread until the server stops, Ctrl-C, or SIGTERM.

        Ctrl-C stops at once. SIGTERM (what process managers, ``docker stop`` and
        Kubernetes send) shuts down gracefully: new jobs are refused, accepted jobs finish and
        reach their clients (see :meth:`RunningServer.drain`), then the server stops.
        """
        terminated = threading.Event()
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, lambda *_: terminated.set())
        try:
            while self.server is not None and self.server.is_running():
                if terminated.wait(0.1):
                    break
        except KeyboardInterrupt:
            self.close()
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        if terminated.is_set() and self.server is not None:
            self.server.drain()
            self.server = None
            _RUNNING.discard(self)

    def close(self) -> None:
        """Stop the server started by :meth:`launch`."""
        if self.server is not None:
            self.server.close()
            self.server = None
        _RUNNING.discard(self)

    def __exit__(self, *exc: Any) -> None:
        super().__exit__(*exc)
        outer = current_app()
        if outer is None:
            self._attach_value_events()
        elif outer is not self and exc[0] is None and self.parent is None:
            # built inside another app (a ChatInterface in a Blocks, a nested Blocks): it is
            # part of that app's page, where it was built, as Gradio places it
            self.render()
        self._page = self._page_stack.pop() if self._page_stack else ""

    def _attach_value_events(self) -> None:
        """Recompute callable values in the browser: on load, every ``every`` s, on input change.

        A component built with a function as ``value`` gets one listener that runs the function
        when a page loads, on each tick of a Timer (``every=`` seconds or a given Timer) and
        whenever one of its ``inputs`` changes.
        """
        from specblocks._generated import events
        from specblocks.components import Timer
        from specblocks.core import Component

        for block in list(self.blocks.values()):
            if not isinstance(block, Component):
                continue
            described: Literal[False] | None = None
            if getattr(block, "randomize", False) and hasattr(block, "get_random_value"):
                loader = block.get_random_value  # a new random value on each page load
                described = False  # an endpoint of the framework's, not of the app's
            elif block.value_is_callable:
                loader = block.value
            else:
                continue
            if getattr(block, "_value_events_attached", False):
                continue
            block._value_events_attached = True  # type: ignore[attr-defined]
            every = getattr(block, "every", None)
            inputs = getattr(block, "inputs", None) or []
            if isinstance(inputs, Component):
                inputs = [inputs]
            timer = every if isinstance(every, Timer) else getattr(block, "every_timer", None)
            # as Gradio: a public endpoint named after the function, progress shown on load
            with self:
                if timer is None and isinstance(every, int | float) and every > 0:
                    timer = Timer(float(every))
                dependency = self.load(
                    loader,
                    inputs=list(inputs),
                    outputs=block,
                    show_progress="hidden" if timer is not None else "full",
                    api_description=described,
                )
            if timer is not None:
                dependency.targets.append((timer, events.TICK))
            dependency.targets.extend((source, events.CHANGE) for source in inputs)

    def render(self) -> Self:
        """Place this app's blocks inside the layout being built, with its listeners.

        As in Gradio, the blocks go into the open layout themselves (this app is not a block
        of the page); the app keeps them too, so it can still be launched on its own.
        """
        outer = current_app()
        context = current_context()
        if outer is None or outer is self or context is None:
            return super().render()
        for child in self.children:
            child.parent = None
            context.add_child(child)
        self.is_rendered = True
        if outer is not None and outer is not self:
            for dependency in self.dependencies:
                # this app's own events (load, unload) are the page's now, as in Gradio
                dependency.targets = [
                    (outer if target is self else target, event)
                    for target, event in dependency.targets
                ]
                if dependency not in outer.dependencies:
                    outer.add_dependency(dependency)
        return self

    @property
    def blocks(self) -> dict[int, Any]:
        """Every block placed in the app, by id, in depth-first order."""
        return {block._id: block for block in descendants(self.children)}
