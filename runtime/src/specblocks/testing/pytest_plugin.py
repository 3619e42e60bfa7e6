"""pytest plugin for browser tests (loaded automatically where specblocks is installed).

Fixtures ``browser`` (one headless system Chromium per session) and ``page`` (a fresh context
per test, traced; on failure the trace and a screenshot are kept under ``--e2e-artifacts``).
The ``pair(component, event)`` marker ties a test to a cell of the component × event matrix;
with ``--e2e-pairs=pairs.json`` a run reports which pairs have a passing browser test
(``--e2e-coverage=report.md`` writes the report). Playwright is imported only when a browser
fixture is used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

_PASSED = pytest.StashKey[set[tuple[str, str]]]()
_FAILED = pytest.StashKey[dict[tuple[str, str], str]]()
_REPORT = pytest.StashKey[pytest.TestReport]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("specblocks", "specblocks browser tests")
    group.addoption(
        "--e2e-artifacts",
        default="test-results",
        help="where traces and screenshots of failed browser tests go (default: test-results)",
    )
    group.addoption(
        "--e2e-pairs",
        default=None,
        help="pairs.json written by `specblocks-gen generate`: report matrix coverage",
    )
    group.addoption(
        "--e2e-coverage", default=None, help="write the coverage report (Markdown) to this file"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "pair(component, event): the matrix cell this browser test covers"
    )
    config.stash[_PASSED] = set()
    config.stash[_FAILED] = {}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """A headless system Chromium shared by the session's tests."""
    from specblocks.testing._browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh browser context; trace and screenshot kept when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.tracing.start(screenshots=True, snapshots=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        report = request.node.stash.get(_REPORT, None)
        failed = report is not None and report.failed
        if failed:
            folder = Path(request.config.getoption("--e2e-artifacts")) / _slug(request.node.nodeid)
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
            context.tracing.stop(path=str(folder / "trace.zip"))
            if errors:
                (folder / "page-errors.txt").write_text("\n".join(errors), encoding="utf-8")
        else:
            context.tracing.stop()
        context.close()
    if errors and not failed:
        pytest.fail(f"uncaught errors in the page: {errors}")


def _slug(nodeid: str) -> str:
    return re.sub(r"[^\w.-]+", "_", nodeid).strip("_")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[_REPORT] = report
    marker = item.get_closest_marker("pair")
    if marker is not None and report.when in ("setup", "call", "teardown"):
        pair = (str(marker.args[0]), str(marker.args[1]))
        passed = item.config.stash[_PASSED]
        failed = item.config.stash[_FAILED]
        if report.failed:
            failed[pair] = report.when
            passed.discard(pair)
        elif report.when == "call" and report.passed and pair not in failed:
            passed.add(pair)
    return report


def coverage_report(pairs: list[dict[str, Any]], passed: set[tuple[str, str]]) -> str:
    """Markdown: matrix pairs vs pairs with a passing browser test, the rest listed."""
    all_pairs = [(p["component"], p["event"]) for p in pairs]
    covered = [p for p in all_pairs if p in passed]
    missing = [p for p in pairs if (p["component"], p["event"]) not in passed]
    reasons = {(p["component"], p["event"]): _reason(p["component"], p["event"]) for p in missing}
    share = 100 * len(covered) / len(all_pairs) if all_pairs else 100.0
    lines = [
        "# Browser test coverage of the component × event matrix",
        "",
        f"{len(covered)} of {len(all_pairs)} (component, event) pairs have a passing "
        f"browser test ({share:.1f} %).",
        "",
    ]
    for kind, title in (("component", "Components (the matrix)"), ("layout", "Layouts")):
        of_kind = [p for p in pairs if p.get("kind", "component") == kind]
        if of_kind:
            ok = sum((p["component"], p["event"]) in passed for p in of_kind)
            lines.append(f"- {title}: {ok} of {len(of_kind)} pairs.")
    lines.append("")
    if missing:
        lines += [
            "Pairs without a passing test:",
            "",
            "| component | event | how a user triggers it | why it has no passing test |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {p['component']} | {p['event']} | {p['browser'] or 'not by a user action'} "
            f"| {reasons[p['component'], p['event']]} |"
            for p in missing
        ]
    return "\n".join(lines) + "\n"


def _reason(component: str, event: str) -> str:
    from specblocks.testing._driver import driver_for

    listed = driver_for(component).untestable.get(event)
    return listed or "its test failed or did not run in this session"


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    source = config.getoption("--e2e-pairs")
    if not source:
        return
    pairs = json.loads(Path(source).read_text(encoding="utf-8"))
    report = coverage_report(pairs, config.stash[_PASSED])
    target = config.getoption("--e2e-coverage")
    if target:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        Path(target).write_text(report, encoding="utf-8")
    terminalreporter.write_sep("-", "browser test coverage")
    terminalreporter.write_line(report.splitlines()[2])
