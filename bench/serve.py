"""Serve the benchmark app with one framework: ``python -m bench.serve FRAMEWORK PORT``.

Runs in the framework's own interpreter (a separate venv for Gradio); blocks until killed.
"""

from __future__ import annotations

import os
import sys

from bench.app import build


def main(argv: list[str]) -> int:
    """Build the app with ``argv[0]`` and serve it on 127.0.0.1:``argv[1]``."""
    if len(argv) != 2:
        print("usage: python -m bench.serve specblocks|gradio PORT", file=sys.stderr)
        return 2
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    demo = build(argv[0])
    demo.launch(server_name="127.0.0.1", server_port=int(argv[1]), quiet=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
