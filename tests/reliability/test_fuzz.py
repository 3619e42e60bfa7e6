"""schemathesis over the server's OpenAPI description: every route, requests generated from
the schemas (valid and invalid), 0 server errors.

The description names the app's own endpoints with their inputs' JSON schemas, so most
generated calls reach the components' payload checks and the functions. The heartbeat stream
is left out (it never ends by design; the disconnect checks cover it).
``SPECBLOCKS_FUZZ_SEED`` and ``SPECBLOCKS_FUZZ_EXAMPLES`` change the seed and the number of
examples per operation.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from reliability_support import Figures, corpus_app

from specblocks.testing import serve

SEED = os.environ.get("SPECBLOCKS_FUZZ_SEED", "20261207")
EXAMPLES = os.environ.get("SPECBLOCKS_FUZZ_EXAMPLES", "25")


def test_schemathesis_finds_no_server_error(figures: Figures, tmp_path: Path) -> None:
    demo, _, _ = corpus_app()
    schemathesis = Path(sys.executable).parent / "schemathesis"
    with serve(demo) as url:
        root = url.rstrip("/")
        args = [
            "run", f"{root}/gradio_api/openapi.json", "--url", root,
            "--checks", "not_a_server_error", "--mode", "all", "--max-examples", EXAMPLES,
            "--seed", SEED, "--request-timeout", "20", "--exclude-path-regex", "heartbeat",
            "--no-color", "--report", "junit", "--report-dir", str(tmp_path),
        ]  # fmt: skip
        done = subprocess.run(
            [str(schemathesis), *args], capture_output=True, text=True, timeout=600, check=False
        )
    out = done.stdout + done.stderr
    tested = re.search(r"Tested:\s+(\d+)", out)
    cases = re.search(r"(\d+) generated", out)
    errors = re.search(r"Server error: (\d+)", out)
    figures(
        "schemathesis",
        operations=int(tested.group(1)) if tested else None,
        cases=int(cases.group(1)) if cases else None,
        server_errors=int(errors.group(1)) if errors else 0,
        seed=SEED,
    )
    assert tested, out[-3000:]
    assert int(tested.group(1)) >= 80, out[-3000:]  # every operation was reached
    assert done.returncode == 0, out[-6000:]
