"""``python -m parity_api``: run apps on Gradio and on specblocks and compare what they say.

Usage::

    python -m parity_api --gradio-python PY --specblocks-python PY
        [--demos DIR [--list FILE]] [--only NAME ...] [--jobs 2] [--json OUT] [--verbose]

The apps are the project's own (``examples/`` and the docs' ``docs_src/``) and, with
``--demos``, every ``DIR/<name>/run.py`` (a folder laid out as Gradio's ``demo/``; ``--list``
names the ones to run, one per line). Each app runs first on Gradio (``--gradio-python``
is an interpreter with Gradio 6.31, ``gradio_client`` and ``httpx``), which gives the
inputs for every endpoint, then on specblocks with the same inputs (see
``parity_api.worker``). Then :mod:`parity_api.compare` compares the API info, the page's block
tree and the outputs.

An app passes when the API info is identical (less the deliberate differences of
``parity_api.allowed``), the block trees have the same component types, and every endpoint
whose output Gradio repeats gives the same output. Apps Gradio cannot run are skipped;
apps only Gradio runs are listed. Exit status: 0 when every app that runs on both passes.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parity_api.compare import (
    Difference,
    drawn_parameters,
    info_differences,
    layout_differences,
    output_differences,
    prop_differences,
)
from parity_api.worker import APP_FOLDER

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "runtime" / "src" / "specblocks" / "media_assets"
APP_MARKERS = ("Blocks(", "Interface(", "ChatInterface(", "TabbedInterface(")
WORKER_TIMEOUT = 180


@dataclass
class Result:
    """What the comparison of one app found."""

    name: str
    status: str  # "pass", "fail", "gradio-only", "skipped"
    note: str = ""
    info: list[Difference] = field(default_factory=list)
    allowed: list[Difference] = field(default_factory=list)
    layout: list[Difference] = field(default_factory=list)
    outputs: list[Difference] = field(default_factory=list)
    props: list[Difference] = field(default_factory=list)
    calls_compared: int = 0
    calls_skipped: int = 0
    calls_equal: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        """The result as JSON-ready data."""
        data = {k: v for k, v in vars(self).items() if not isinstance(v, list)}
        for key in ("info", "allowed", "layout", "outputs", "props"):
            data[key] = [str(d) for d in getattr(self, key)]
        return data


def own_apps() -> dict[str, Path]:
    """The project's example apps: files under examples/ and docs_src/ that build an app."""
    found = {}
    for folder in ("examples", "docs_src"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text()
            if any(marker in text for marker in APP_MARKERS) and "launch(" in text:
                found[str(path.relative_to(ROOT))] = path
    return found


def demo_apps(folder: Path, listing: Path | None) -> dict[str, Path]:
    """``folder/<name>/run.py`` for each name (of ``listing``, when given)."""
    if listing is not None:
        names = [
            line.split("#")[0].strip()
            for line in listing.read_text().splitlines()
            if line.split("#")[0].strip()
        ]
    else:
        names = sorted(p.parent.name for p in folder.glob("*/run.py"))
    return {name: folder / name / "run.py" for name in names}


def _worker(python: str, module: str, app: Path, out: Path, inputs: Path | None) -> dict[str, Any]:
    command = [python, "-m", "parity_api.worker", "--module", module, "--app", str(app)]
    command += ["--out", str(out), "--samples", str(SAMPLES)]
    if inputs is not None:
        command += ["--inputs", str(inputs)]
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path, "GRADIO_ANALYTICS_ENABLED": "False"}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return {"stage": "timeout", "error": f"no answer within {WORKER_TIMEOUT} s"}
    if not out.exists():
        tail = stderr.decode(errors="replace")[-500:]
        return {"stage": "crashed", "error": f"exit {process.returncode}: {tail}"}
    return json.loads(out.read_text())


def compare_app(name: str, app: Path, args: argparse.Namespace, work: Path) -> Result:
    """Run ``app`` on both frameworks and compare."""
    started = time.monotonic()
    folder = work / name.replace("/", "__")
    folder.mkdir(parents=True, exist_ok=True)
    theirs = _worker(args.gradio_python, "gradio", app, folder / "gradio.json", None)
    if theirs.get("stage") != "done":
        return Result(name, "skipped", f"Gradio cannot run it: {theirs.get('error')}")
    inputs = folder / "inputs.json"
    # the same inputs; files in Gradio's copy of the app folder are taken from ours
    inputs.write_text(json.dumps(theirs["inputs"]).replace(theirs["app_folder"], APP_FOLDER))
    ours = _worker(args.specblocks_python, "specblocks", app, folder / "specblocks.json", inputs)
    result = compare_records(name, theirs, ours)
    result.seconds = round(time.monotonic() - started, 1)
    return result


_DEFAULT = re.compile(r"named_endpoints\.(/[^.]+)\.parameters\[(\d+)\]\.parameter_default\b")


_SNIPPET = re.compile(r"named_endpoints\.(/[^.]+)\.code_snippets\.")


def _drawn(where: str, drawn: set[tuple[str, int]]) -> bool:
    """Whether a difference is in a drawn parameter's default.

    Or in the code snippets of an endpoint with one: they show the defaults.
    """
    if match := _DEFAULT.match(where):
        return (match.group(1), int(match.group(2))) in drawn
    if match := _SNIPPET.match(where):
        return any(name == match.group(1) for name, _ in drawn)
    return False


def compare_records(name: str, theirs: dict[str, Any], ours: dict[str, Any]) -> Result:
    """Compare the records of one app run on Gradio (``theirs``) and on specblocks."""
    if theirs.get("stage") != "done":
        return Result(name, "skipped", f"Gradio cannot run it: {theirs.get('error')}")
    result = Result(name, "pass")
    if ours.get("stage") != "done":
        result.status, result.note = "gradio-only", f"{ours.get('stage')}: {ours.get('error')}"
        return result
    drawn = drawn_parameters(theirs["config"])
    for found in info_differences(theirs["info"], ours["info"]):
        diff = found
        if diff.allowed is None and _drawn(diff.where, drawn):
            diff = dataclasses.replace(found, allowed="function-values")
        (result.allowed if diff.allowed else result.info).append(diff)
    result.layout = layout_differences(theirs["config"], ours["config"])
    for diff in prop_differences(theirs["config"], ours["config"]):
        (result.allowed if diff.allowed else result.props).append(diff)
    outputs, result.calls_compared, result.calls_skipped = output_differences(
        theirs["calls"], ours["calls"]
    )
    for diff in outputs:
        (result.allowed if diff.allowed else result.outputs).append(diff)
    failing_calls = {d.where.split(".")[0].split("[")[0] for d in result.outputs}
    result.calls_equal = result.calls_compared - len(failing_calls)
    if result.info or result.layout or result.outputs:
        result.status = "fail"
    return result


def recompare(folder: Path) -> list[Result]:
    """Compare again the records an earlier run left in ``folder`` (one subfolder per app)."""
    results = []
    for app in sorted(p for p in folder.iterdir() if (p / "gradio.json").is_file()):
        theirs = json.loads((app / "gradio.json").read_text())
        mine = app / "specblocks.json"
        ours = json.loads(mine.read_text()) if mine.is_file() else {"stage": "not run"}
        results.append(compare_records(app.name.replace("__", "/"), theirs, ours))
    return results


def report(results: list[Result], verbose: bool) -> str:
    """Per-app lines (with differences) and the totals, as text."""
    lines = []
    for result in sorted(results, key=lambda r: r.name):
        head = f"{result.status.upper():11} {result.name}"
        if result.note:
            head += f"  ({result.note[:200]})"
        lines.append(head)
        groups = [("api info", result.info), ("layout", result.layout)]
        groups += [("output", result.outputs)]
        if verbose:
            groups += [("allowed", result.allowed), ("config (reported)", result.props)]
        for label, diffs in groups:
            for diff in diffs[:25]:
                lines.append(f"    {label}: {diff}")
            if len(diffs) > 25:
                lines.append(f"    {label}: ... {len(diffs) - 25} more")
    both = [r for r in results if r.status in {"pass", "fail"}]
    lines += [
        "",
        f"apps: {len(results)} ({len(both)} run on both, "
        f"{sum(r.status == 'gradio-only' for r in results)} only on Gradio, "
        f"{sum(r.status == 'skipped' for r in results)} not on Gradio)",
        f"api info identical: {sum(not r.info for r in both)}/{len(both)}"
        f" ({sum(len(r.allowed) for r in both)} allowed differences)",
        f"block trees identical: {sum(not r.layout for r in both)}/{len(both)}",
        f"outputs equal: {sum(r.calls_equal for r in both)}/{sum(r.calls_compared for r in both)}"
        f" calls ({sum(r.calls_skipped for r in both)} not repeatable on Gradio, not compared)",
        f"props differing (reported): {sum(len(r.props) for r in both)}"
        f" in {sum(bool(r.props) for r in both)} apps",
        f"passing: {sum(r.status == 'pass' for r in both)}/{len(both)}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m parity_api", description=__doc__)
    parser.add_argument("--gradio-python")
    parser.add_argument(
        "--recompare", type=Path, help="compare the records of an earlier run's work folder"
    )
    parser.add_argument("--specblocks-python", default=sys.executable)
    parser.add_argument("--demos", type=Path, help="a folder of <name>/run.py apps")
    parser.add_argument("--list", type=Path, help="names of the --demos apps to run")
    parser.add_argument("--no-own", action="store_true", help="leave out the project's apps")
    parser.add_argument("--only", nargs="*", default=[], help="run only these apps")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("--verbose", action="store_true", help="also allowed and prop diffs")
    args = parser.parse_args(argv)
    if args.recompare is not None:
        results = recompare(args.recompare)
        print(report(results, args.verbose))
        return 1 if any(r.status == "fail" for r in results) else 0
    if args.gradio_python is None:
        parser.error("--gradio-python is required")
    apps = {} if args.no_own else own_apps()
    if args.demos is not None:
        apps.update(demo_apps(args.demos, args.list))
    if args.only:
        apps = {k: v for k, v in apps.items() if k in args.only or Path(k).stem in args.only}
    if not apps:
        parser.error("no apps to run")
    work = Path(tempfile.mkdtemp(prefix="parity-run-"))
    print(f"records: {work}", flush=True)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(compare_app, name, path, args, work) for name, path in apps.items()]
        results = [f.result() for f in futures]
    print(report(results, args.verbose))
    if args.json is not None:
        args.json.write_text(json.dumps([r.as_json() for r in results], indent=1))
    return 1 if any(r.status == "fail" for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
