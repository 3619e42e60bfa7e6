"""``python -m specblocks_gen``."""

from __future__ import annotations

import sys

from specblocks_gen.cli import main

sys.exit(main())
