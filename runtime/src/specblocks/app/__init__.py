"""Layer 3, the app layer: what users build apps with, on top of the component layer.

What lives here: :class:`Blocks` (the app object, its ``launch``/``queue``/``load`` hooks),
:class:`Interface`, :func:`on`, :func:`render`, :class:`Examples` and their cache,
``update``/``skip``, and
what every app runs its functions with (calling a listener's function with its inputs and
extra arguments, ``_calls``; turning its return value into outputs, ``_outputs``), which both
the example cache and the server use.

May import: :mod:`specblocks.core`, :mod:`specblocks._generated` and
:mod:`specblocks.components`. Never the server: ``Blocks.launch()`` reaches it through one seam,
:func:`install_launcher` (in :mod:`specblocks.app._blocks`), which the entry layer fills.
"""

from __future__ import annotations

from specblocks.app._blocks import (
    Blocks,
    Launcher,
    RunningServer,
    close_all,
    install_launcher,
)
from specblocks.app._chat_interface import ChatInterface
from specblocks.app._examples import Examples
from specblocks.app._interface import Interface
from specblocks.app._on import on
from specblocks.app._outputs import skip, update
from specblocks.app._render import render
from specblocks.app._tabbed_interface import TabbedInterface

__all__ = [
    "Blocks",
    "ChatInterface",
    "Examples",
    "Interface",
    "Launcher",
    "RunningServer",
    "TabbedInterface",
    "close_all",
    "install_launcher",
    "on",
    "render",
    "skip",
    "update",
]
