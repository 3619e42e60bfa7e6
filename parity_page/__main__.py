"""Screenshot apps on Gradio 6.31 and on specblocks side by side; check the specblocks page.

``python -m parity_page --gradio-python PYTHON [--demos DIR [--list FILE]] [--only NAME ...]``

Each app (``<name>/run.py``: the small apps in ``parity_page/apps`` and, with ``--demos``, a
folder of Gradio demo apps) is launched twice on 127.0.0.1 by ``parity_api.worker --serve``:
once on specblocks (this interpreter) and once on Gradio (``--gradio-python``). Both pages are
opened in headless Chromium at 1280x900 and screenshotted whole; ``<out>/<name>.png`` shows
Gradio on the left and specblocks on the right. The structural checks of
:mod:`parity_page.checks` run on the specblocks page; ``<out>/report.md`` lists, per app, the
seconds each page took to show the app and the problems found. The exit status is 1 when a
check failed or an app did not start.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parity_page.checks import DRAWN, page_problems, wait_until_drawn

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
APPS = HERE / "apps"
SAMPLES = ROOT / "runtime" / "src" / "specblocks" / "media_assets"
VIEWPORT = {"width": 1280, "height": 900}
START_TIMEOUT = 90.0


def app_files(demos: Path | None, listing: Path | None, only: list[str]) -> dict[str, Path]:
    """The apps to compare, by name: the project's own, then the demos folder's."""
    found = {path.parent.name: path for path in sorted(APPS.glob("*/run.py"))}
    if demos is not None:
        names = (
            [line.strip() for line in listing.read_text().splitlines() if line.strip()]
            if listing is not None
            else sorted(path.parent.name for path in demos.glob("*/run.py"))
        )
        for name in names:
            if (demos / name / "run.py").is_file():
                found.setdefault(name, demos / name / "run.py")
    if only:
        missing = sorted(set(only) - set(found))
        if missing:
            raise SystemExit(f"no app named {', '.join(missing)}")
        found = {name: found[name] for name in only}
    return found


@contextlib.contextmanager
def served(python: str, module: str, app: Path, work: Path) -> Iterator[str]:
    """Run ``app`` on ``module`` under ``python``; yield its local URL while it serves."""
    out = work / f"{module}.json"
    out.unlink(missing_ok=True)
    log = (work / f"{module}.log").open("w")
    process = subprocess.Popen(
        [python, "-m", "parity_api.worker", "--serve", "--module", module, "--app", str(app),
         "--out", str(out), "--samples", str(SAMPLES)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT
        record: dict[str, Any] = {}
        while time.monotonic() < deadline and process.poll() is None:
            if out.is_file():
                with contextlib.suppress(json.JSONDecodeError):
                    record = json.loads(out.read_text())
                    break
            time.sleep(0.2)
        if not record.get("url"):
            reason = record.get("error") or f"did not start in {START_TIMEOUT:.0f} s"
            raise RuntimeError(f"{module}: {reason}")
        yield str(record["url"])
    finally:
        assert process.stdin is not None
        with contextlib.suppress(OSError):
            process.stdin.close()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def side_by_side(left: Path, right: Path, target: Path) -> None:
    """Write ``left`` and ``right`` next to each other to ``target``."""
    from PIL import Image, ImageDraw

    a, b = Image.open(left), Image.open(right)
    gap, band = 16, 28
    canvas = Image.new("RGB", (a.width + gap + b.width, band + max(a.height, b.height)), "white")
    canvas.paste(a, (0, band))
    canvas.paste(b, (a.width + gap, band))
    draw = ImageDraw.Draw(canvas)
    draw.text((8, 8), "Gradio 6.31", fill="black")
    draw.text((a.width + gap + 8, 8), "specblocks", fill="black")
    canvas.save(target)


def shoot(browser: Any, url: str, target: Path, framework: str) -> dict[str, Any]:
    """Screenshot the page at ``url`` to ``target``.

    Returns the seconds until the page showed the app (``drawn_s``) and, on specblocks, the
    page's ``problems``.
    """
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    try:
        started = time.monotonic()
        page.goto(url)
        page.wait_for_selector(DRAWN[framework], timeout=30_000)
        drawn = time.monotonic() - started
        wait_until_drawn(page, framework)
        page.screenshot(path=str(target), full_page=True)
        problems = errors + (page_problems(page) if framework == "specblocks" else [])
        return {"drawn_s": round(drawn, 2), "problems": problems}
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m parity_page", description=__doc__)
    parser.add_argument("--gradio-python", required=True, help="interpreter with Gradio 6.31")
    parser.add_argument("--demos", type=Path, help="folder of Gradio demo apps (<name>/run.py)")
    parser.add_argument("--list", type=Path, help="names of the demos to run, one per line")
    parser.add_argument("--only", action="append", default=[], help="run only this app")
    parser.add_argument("--out", type=Path, default=ROOT / "test-results" / "parity")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    apps = app_files(args.demos, args.list, args.only)
    args.out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium)
        for name, app in apps.items():
            row: dict[str, Any] = {"app": name, "problems": []}
            shots = args.out / name
            shots.mkdir(exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="parity-page-") as scratch:
                work = Path(scratch)
                try:
                    for framework, python in (
                        ("gradio", args.gradio_python),
                        ("specblocks", sys.executable),
                    ):
                        with served(python, framework, app, work) as url:
                            shot = shoot(browser, url, shots / f"{framework}.png", framework)
                        row[framework] = {k: v for k, v in shot.items() if k != "problems"}
                        row["problems"] += shot["problems"]
                    side_by_side(
                        shots / "gradio.png", shots / "specblocks.png", args.out / f"{name}.png"
                    )
                except Exception as exc:
                    row["problems"].append(f"not compared: {exc}")
            rows.append(row)
            state = "ok" if not row["problems"] else "; ".join(row["problems"])
            print(f"{name}: {state}", flush=True)
        browser.close()
    write_report(rows, args.out)
    failed = [row["app"] for row in rows if row["problems"]]
    print(f"{len(rows) - len(failed)}/{len(rows)} pages pass the checks; report: {args.out}")
    return 1 if failed else 0


def write_report(rows: list[dict[str, Any]], out: Path) -> None:
    """``report.md`` and ``report.json``: per app, how soon each page showed it, the problems."""
    lines = [
        "# Pages on Gradio 6.31 and on specblocks",
        "",
        "Seconds until the page shows the app, on Gradio / on specblocks (one load each: a",
        "rough figure), and the problems the structural checks found on the specblocks page.",
        "",
        "| app | shown after (s) | problems on the specblocks page |",
        "| --- | --- | --- |",
    ]

    def pair(row: dict[str, Any], key: str) -> str:
        return " / ".join(str(row.get(side, {}).get(key, "-")) for side in ("gradio", "specblocks"))

    for row in rows:
        problems = "<br>".join(row["problems"]) or "none"
        lines.append(f"| [{row['app']}]({row['app']}.png) | {pair(row, 'drawn_s')} | {problems} |")
    (out / "report.md").write_text("\n".join(lines) + "\n")
    (out / "report.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    raise SystemExit(main())
