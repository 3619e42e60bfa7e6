"""Layer 5, the entry points: serving an app, and the ``specblocks`` command.

What lives here: :func:`serve` (uvicorn in a background thread, what ``Blocks.launch()``
runs) and the command line (``_cli``). ``specblocks/__init__.py`` installs :func:`serve` in
the app layer's one seam (:func:`specblocks.app.install_launcher`), so ``Blocks.launch()``
serves with it.

May import: every layer below (server, app, components, generated, core).
"""

from __future__ import annotations

from specblocks.launch._serve import ThreadedServer, serve

__all__ = ["ThreadedServer", "serve"]
