"""``python -m specblocks app.py``: the ``specblocks`` command."""

from __future__ import annotations

import sys

from specblocks.launch._cli import main

sys.exit(main())
