"""``python -m specblocks_client``: the command-line interface."""

from __future__ import annotations

from specblocks_client.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
