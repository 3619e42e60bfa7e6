"""The benchmark driver: cold start, memory, then interleaved load cells; JSON and a table.

Targets are servers in their own interpreters: ``specblocks`` and ``bare`` (the minimal
FastAPI server, run with specblocks' venv so it has the same uvicorn) and ``gradio`` (its own
venv). For every workload × concurrency the targets alternate, several rounds, in a rotating
order; the report takes the median over rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx

from bench import loadgen
from bench.procs import REPO, Server, TargetSpec, core_busy_seconds, redis_server

T = TypeVar("T")
RESULTS = REPO / "bench" / "results"
LOGS = RESULTS / "logs"
SB, GRADIO, BARE = "specblocks", "gradio", "bare"
#: specblocks with the Redis backend (one process, a redis-server on the servers' CPU)
SB_REDIS = "specblocks-redis"
WORKLOADS = ("echo", "stream", "state", "sleep")
NOISY = 0.15  # other processes' share of the server's core above which a run is flagged
_VERSIONS = (
    "import importlib.metadata as m, platform\n"
    "out = {'python': platform.python_version()}\n"
    "for name in ('specblocks', 'gradio', 'fastapi', 'starlette', 'uvicorn', 'anyio',"
    " 'httptools', 'uvloop', 'orjson'):\n"
    "    try: out[name] = m.version(name)\n"
    "    except m.PackageNotFoundError: pass\n"
    "import json; print(json.dumps(out))"
)


@dataclass(frozen=True)
class Plan:
    """How much to measure."""

    seconds: float = 3.0  # per cell
    rounds: int = 3
    concurrency: tuple[int, ...] = (1, 16, 64)
    workloads: tuple[str, ...] = WORKLOADS
    stream_tokens: int = 100
    warmup_seconds: float = 1.0
    cold_starts: int = 3
    state_sessions: int = 1000
    max_requests: int = 50_000  # per cell
    budget_seconds: float = 720.0  # the load phase stops starting cells after this
    client: str = "raw"  # loadgen.CLIENTS


QUICK = Plan(seconds=0.8, rounds=1, warmup_seconds=0.3, cold_starts=1, budget_seconds=90.0)


@dataclass
class Summary:
    """The median over rounds of one target in one cell."""

    throughput: float
    p50_ms: float
    p99_ms: float
    tokens_per_s: float
    server_cpu: float  # CPU seconds per wall second
    client_cpu: float
    other_cpu: float | None  # other processes on the server's core (None: not pinned)
    errors: int
    requests: int
    rounds: int
    first_error: str | None = None


@dataclass
class Report:
    """Everything a run measured."""

    meta: dict[str, Any]
    cells: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, dict[str, dict[str, Summary]]] = field(default_factory=dict)
    cold_start: dict[str, dict[str, Any]] = field(default_factory=dict)
    memory: dict[str, dict[str, Any]] = field(default_factory=dict)
    ratios: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)


def _rotated(items: list[T], shift: int) -> list[T]:
    shift %= len(items)
    return items[shift:] + items[:shift]


def _versions(python: str) -> dict[str, str]:
    out = subprocess.run(
        [python, "-c", _VERSIONS], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    versions: dict[str, str] = json.loads(out)
    return versions


def _fn_indexes(url: str) -> dict[str, int]:
    with httpx.Client(timeout=10.0, trust_env=False) as client:
        config = client.get(f"{url}/config").json()
    return {d["api_name"]: int(d["id"]) for d in config["dependencies"] if d.get("api_name")}


@contextlib.contextmanager
def running(spec: TargetSpec, cpu: int | None) -> Iterator[Server]:
    """A started server, stopped (by PID) on exit whatever happens."""
    server = Server(spec, LOGS, cpu)
    try:
        yield server
    finally:
        server.stop()


# -- cold start and memory ------------------------------------------------------------------
def measure_startup(
    specs: list[TargetSpec], plan: Plan, cpu: int | None, report: Report, log: Any
) -> None:
    """Cold start (spawn → first 200 from /config), best of a few; RSS of stateful sessions."""
    for round_ in range(plan.cold_starts):
        for spec in _rotated(specs, round_):
            with running(spec, cpu) as server:
                seconds = server.wait_ready()
                entry = report.cold_start.setdefault(spec.name, {"runs": []})
                entry["runs"].append(seconds)
                entry["best"] = min(entry["runs"])
                log(f"cold start {spec.name}: {seconds:.3f} s")
                if round_ == plan.cold_starts - 1:
                    report.memory[spec.name] = _memory(server, plan)
                    m = report.memory[spec.name]
                    log(
                        f"memory {spec.name}: baseline {m['baseline_mib']:.1f} MiB, "
                        f"+{m['per_1000_mib']:.2f} MiB per 1,000 sessions"
                    )


def _memory(server: Server, plan: Plan) -> dict[str, Any]:
    fn_index = _fn_indexes(server.url)["state"]
    warm = asyncio.run(loadgen.fill_sessions(server.url, fn_index, 64, 16, plan.client))
    time.sleep(0.5)
    baseline = server.rss_kb()
    failures = asyncio.run(
        loadgen.fill_sessions(server.url, fn_index, plan.state_sessions, 16, plan.client)
    )
    time.sleep(1.0)
    after = server.rss_kb()
    per_1000 = (after - baseline) / 1024 * 1000 / plan.state_sessions
    return {
        "baseline_mib": baseline / 1024,
        "after_mib": after / 1024,
        "sessions": plan.state_sessions,
        "per_1000_mib": per_1000,
        "failures": failures + warm,
    }


# -- load cells -------------------------------------------------------------------------------
async def measure_load(
    servers: list[Server], plan: Plan, report: Report, log: Any, started: float
) -> None:
    """Every workload × concurrency, the targets interleaved over rounds."""
    workloads = loadgen.make_workloads(plan.stream_tokens)
    indexes = {s.spec.name: _fn_indexes(s.url) for s in servers}
    for server in servers:  # warm every endpoint up (imports, thread pool, caches)
        for name in plan.workloads:
            await loadgen.run_cell(
                server.url,
                indexes[server.spec.name][name],
                workloads[name],
                sessions=4,
                seconds=plan.warmup_seconds,
                max_requests=plan.max_requests,
                client=plan.client,
            )
    raw: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for name in plan.workloads:
        for sessions in plan.concurrency:
            for round_ in range(plan.rounds):
                for server in _rotated(servers, round_ + sessions):
                    if time.monotonic() - started > plan.budget_seconds:
                        report.meta["incomplete"] = "the time budget ran out"
                        log("time budget exhausted: skipping the remaining cells")
                        _summarise(raw, report)
                        return
                    cell = await _cell(
                        server,
                        indexes[server.spec.name][name],
                        workloads[name],
                        sessions=sessions,
                        round_=round_,
                        plan=plan,
                    )
                    report.cells.append(cell)
                    raw.setdefault((name, sessions, server.spec.name), []).append(cell)
                    log(
                        f"{name:6} x{sessions:<3} r{round_} {server.spec.name:10} "
                        f"{cell['throughput']:8.1f} req/s  p50 {cell['p50_ms']:7.2f} ms  "
                        f"p99 {cell['p99_ms']:7.2f} ms  tok/s {cell['tokens_per_s']:9.0f}  "
                        f"cpu srv {cell['server_cpu']:.2f} cli {cell['client_cpu']:.2f} "
                        f"others {cell['other_cpu'] or 0:.2f}"
                        + (
                            f"  ERRORS {cell['errors']}: {cell['first_error']}"
                            if cell["errors"]
                            else ""
                        )
                    )
                    await asyncio.sleep(0.2)
    _summarise(raw, report)


async def _cell(
    server: Server,
    fn_index: int,
    workload: loadgen.Workload,
    *,
    sessions: int,
    round_: int,
    plan: Plan,
) -> dict[str, Any]:
    server_cpu = server.cpu_seconds()
    client_cpu = time.process_time()
    core_busy = core_busy_seconds(server.cpu) if server.cpu is not None else 0.0
    stats = await loadgen.run_cell(
        server.url,
        fn_index,
        workload,
        sessions=sessions,
        seconds=plan.seconds,
        max_requests=plan.max_requests,
        client=plan.client,
    )
    wall = stats.wall or 1.0  # CPU over the whole cell, drain included
    server_used = server.cpu_seconds() - server_cpu
    other: float | None = None
    if server.cpu is not None:  # what other processes took of the server's core
        other = max(0.0, core_busy_seconds(server.cpu) - core_busy - server_used) / wall
    return {
        "workload": workload.name,
        "sessions": sessions,
        "target": server.spec.name,
        "round": round_,
        "requests": stats.requests,
        "errors": stats.errors,
        "first_error": stats.first_error,
        "seconds": stats.elapsed,
        "throughput": stats.throughput,
        "p50_ms": stats.percentile(0.50) * 1000,
        "p99_ms": stats.percentile(0.99) * 1000,
        "tokens_per_s": stats.tokens_per_second,
        "server_cpu": server_used / wall,
        "client_cpu": (time.process_time() - client_cpu) / wall,
        "other_cpu": other,
    }


def _summarise(raw: dict[tuple[str, int, str], list[dict[str, Any]]], report: Report) -> None:
    for (name, sessions, target), cells in raw.items():

        def median(key: str, cells: list[dict[str, Any]] = cells) -> float:
            return float(statistics.median(float(c[key]) for c in cells))

        report.summary.setdefault(name, {}).setdefault(str(sessions), {})[target] = Summary(
            throughput=median("throughput"),
            p50_ms=median("p50_ms"),
            p99_ms=median("p99_ms"),
            tokens_per_s=median("tokens_per_s"),
            server_cpu=median("server_cpu"),
            client_cpu=median("client_cpu"),
            other_cpu=None if cells[0]["other_cpu"] is None else median("other_cpu"),
            errors=sum(c["errors"] for c in cells),
            requests=sum(c["requests"] for c in cells),
            rounds=len(cells),
            first_error=next((c["first_error"] for c in cells if c["first_error"]), None),
        )


# -- ratios and goals -------------------------------------------------------------------------
def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0 or not math.isfinite(a) or not math.isfinite(b):
        return None
    return a / b


def compute_ratios(report: Report) -> None:
    """specblocks/gradio and specblocks/bare for every cell, and the goals."""
    for name, by_sessions in report.summary.items():
        for sessions, by_target in by_sessions.items():
            sb, gr, bare = by_target.get(SB), by_target.get(GRADIO), by_target.get(BARE)
            if sb is None:
                continue
            row: dict[str, Any] = {"workload": name, "sessions": int(sessions)}
            for other_name, other in ((GRADIO, gr), (BARE, bare)):
                if other is None:
                    continue
                row[f"throughput_vs_{other_name}"] = _ratio(sb.throughput, other.throughput)
                row[f"p50_vs_{other_name}"] = _ratio(sb.p50_ms, other.p50_ms)
                row[f"p99_vs_{other_name}"] = _ratio(sb.p99_ms, other.p99_ms)
                if name == "stream":
                    row[f"tokens_vs_{other_name}"] = _ratio(sb.tokens_per_s, other.tokens_per_s)
            redis = by_target.get(SB_REDIS)
            if redis is not None:
                row["redis_throughput_vs_specblocks"] = _ratio(redis.throughput, sb.throughput)
                row["redis_p50_vs_specblocks"] = _ratio(redis.p50_ms, sb.p50_ms)
                row["redis_p99_vs_specblocks"] = _ratio(redis.p99_ms, sb.p99_ms)
            report.ratios.append(row)

    def cell(name: str, target: str) -> Summary | None:
        by_sessions = report.summary.get(name, {})
        if not by_sessions:
            return None
        top = str(max(int(s) for s in by_sessions))
        return by_sessions[top].get(target)

    def at(name: str, target: str, attr: str) -> float | None:
        found = cell(name, target)
        return None if found is None else float(getattr(found, attr))

    def memory(target: str) -> float | None:
        found = report.memory.get(target)
        return None if found is None else float(found["per_1000_mib"])

    def cold(target: str) -> float | None:
        found = report.cold_start.get(target)
        return None if found is None else float(found["best"])

    top = max(report.meta["plan"]["concurrency"])
    goals: list[tuple[str, float | None, str, bool]] = [
        (
            f"echo throughput @{top} sessions, specblocks/gradio",
            _ratio(at("echo", SB, "throughput"), at("echo", GRADIO, "throughput")),
            ">= 3",
            True,
        ),
        (
            f"echo throughput @{top} sessions, specblocks/bare",
            _ratio(at("echo", SB, "throughput"), at("echo", BARE, "throughput")),
            ">= 0.6",
            True,
        ),
        (
            f"echo p99 latency @{top} sessions, specblocks/gradio",
            _ratio(at("echo", SB, "p99_ms"), at("echo", GRADIO, "p99_ms")),
            "<= 0.333",
            False,
        ),
        (
            f"streamed tokens/s @{top} sessions, specblocks/gradio",
            _ratio(at("stream", SB, "tokens_per_s"), at("stream", GRADIO, "tokens_per_s")),
            ">= 3",
            True,
        ),
        (
            f"echo throughput @{top} sessions, Redis backend/in-process",
            _ratio(at("echo", SB_REDIS, "throughput"), at("echo", SB, "throughput")),
            ">= 0.7",
            True,
        ),
        (
            "RSS per 1,000 stateful sessions, specblocks/gradio",
            _ratio(memory(SB), memory(GRADIO)),
            "<= 0.5",
            False,
        ),
        (
            "cold start to first /config, specblocks/gradio",
            _ratio(cold(SB), cold(GRADIO)),
            "<= 0.5",
            False,
        ),
    ]
    for label, value, goal, higher_is_better in goals:
        bound = float(goal.split()[1])
        met = None if value is None else (value >= bound if higher_is_better else value <= bound)
        report.goals.append({"goal": label, "ratio": value, "target": goal, "met": met})


# -- output -----------------------------------------------------------------------------------
def _fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def markdown(report: Report) -> str:
    """The report as markdown tables."""
    plan = report.meta["plan"]
    lines = [
        f"# specblocks benchmark ({report.meta['mode']})",
        "",
        f"{report.meta['machine']}; load generator pinned to CPU {report.meta['client_cpu']}, "
        f"servers to CPU {report.meta['server_cpu']}. Medians of {plan['rounds']} round(s) of "
        f"{plan['seconds']} s per cell; streaming = {plan['stream_tokens']} tokens/request; "
        f"client: {plan['client']}.",
        "",
        "## Load",
        "",
        "| workload | sessions | target | req/s | p50 ms | p99 ms | tokens/s | server CPU "
        "| client CPU | others on server CPU | errors |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, by_sessions in report.summary.items():
        for sessions, by_target in by_sessions.items():
            for target, s in by_target.items():
                lines.append(
                    f"| {name} | {sessions} | {target} | {_fmt(s.throughput, 1)} | "
                    f"{_fmt(s.p50_ms)} | {_fmt(s.p99_ms)} | "
                    f"{_fmt(s.tokens_per_s, 0) if name == 'stream' else '–'} | "
                    f"{s.server_cpu:.0%} | {s.client_cpu:.0%} | "
                    f"{'–' if s.other_cpu is None else format(s.other_cpu, '.0%')} | {s.errors} |"
                )
    others = [
        s.other_cpu
        for by_sessions in report.summary.values()
        for by_target in by_sessions.values()
        for s in by_target.values()
        if s.other_cpu is not None
    ]
    if others and max(others) > NOISY:
        lines += [
            "",
            f"**Noisy run:** other processes took up to {max(others):.0%} of the servers' CPU "
            "in some cells (column *others on server CPU*); compare ratios, and re-run on an "
            "idle machine for absolute numbers.",
        ]
    lines += [
        "",
        "## Ratios (specblocks ÷ other; throughput and tokens/s: higher is better, "
        "latency: lower is better)",
        "",
        "| workload | sessions | req/s ÷ gradio | req/s ÷ bare | p50 ÷ gradio | p99 ÷ gradio "
        "| p99 ÷ bare | tokens/s ÷ gradio | tokens/s ÷ bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in report.ratios:
        lines.append(
            f"| {r['workload']} | {r['sessions']} | "
            + " | ".join(
                _fmt(r.get(key), 2, "×")
                for key in (
                    "throughput_vs_gradio",
                    "throughput_vs_bare",
                    "p50_vs_gradio",
                    "p99_vs_gradio",
                    "p99_vs_bare",
                    "tokens_vs_gradio",
                    "tokens_vs_bare",
                )
            )
            + " |"
        )
    if any("redis_throughput_vs_specblocks" in r for r in report.ratios):
        lines += [
            "",
            "## The Redis backend ÷ the in-process backend (specblocks, one process)",
            "",
            "| workload | sessions | req/s | p50 | p99 |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for r in report.ratios:
            if "redis_throughput_vs_specblocks" not in r:
                continue
            lines.append(
                f"| {r['workload']} | {r['sessions']} | "
                + " | ".join(
                    _fmt(r.get(f"redis_{key}_vs_specblocks"), 2, "×")
                    for key in ("throughput", "p50", "p99")
                )
                + " |"
            )
    lines += [
        "",
        "## Startup and memory",
        "",
        f"| target | cold start s (best of {plan['cold_starts']}) | all runs s | baseline RSS MiB "
        f"| RSS per 1,000 stateful sessions MiB |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    for target in report.cold_start:
        cold = report.cold_start[target]
        mem = report.memory.get(target, {})
        lines.append(
            f"| {target} | {_fmt(cold['best'], 3)} | "
            f"{', '.join(f'{x:.3f}' for x in cold['runs'])} | "
            f"{_fmt(mem.get('baseline_mib'), 1)} | {_fmt(mem.get('per_1000_mib'), 2)} |"
        )
    lines += [
        "",
        "## Goals",
        "",
        "| goal | measured | target | met |",
        "| --- | ---: | --- | --- |",
    ]
    for g in report.goals:
        met = "n/a" if g["met"] is None else ("yes" if g["met"] else "**no**")
        lines.append(f"| {g['goal']} | {_fmt(g['ratio'], 3, '×')} | {g['target']} | {met} |")
    if "incomplete" in report.meta:
        lines += ["", f"**Incomplete run:** {report.meta['incomplete']}."]
    return "\n".join(lines) + "\n"


def _clean(value: Any) -> Any:
    """JSON-safe data: NaN and infinities become null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def to_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON data."""
    data: dict[str, Any] = _clean(asdict(report))
    return data


# -- main -------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a ~1-minute smoke run")
    parser.add_argument(
        "--specblocks-python",
        default=sys.executable,
        help="interpreter with specblocks installed (also runs the bare server)",
    )
    parser.add_argument(
        "--gradio-python",
        default=os.environ.get("BENCH_GRADIO_PYTHON"),
        help="interpreter with gradio==6.31.0 installed (default: $BENCH_GRADIO_PYTHON; "
        "without it Gradio is left out)",
    )
    parser.add_argument(
        "--targets",
        default=f"{SB},{SB_REDIS},{GRADIO},{BARE}",
        help=f"comma-separated; {SB_REDIS} needs the redis-server binary",
    )
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--concurrency", help="comma-separated sessions, e.g. 1,16,64")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--seconds", type=float, help="per cell")
    parser.add_argument(
        "--client",
        choices=sorted(loadgen.CLIENTS),
        default="raw",
        help="raw: a minimal asyncio HTTP client (default; ~4x less CPU per request than "
        "httpx, so the servers stay the bottleneck); httpx: httpx.AsyncClient",
    )
    parser.add_argument("--no-pin", action="store_true", help="do not pin CPUs")
    parser.add_argument("--skip-startup", action="store_true", help="no cold start / memory")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; print markdown; write JSON."""
    args = parse_args(argv)
    plan = QUICK if args.quick else Plan()
    plan = replace(
        plan, workloads=tuple(w for w in args.workloads.split(",") if w), client=args.client
    )
    if args.concurrency:
        plan = replace(plan, concurrency=tuple(int(c) for c in args.concurrency.split(",")))
    if args.rounds:
        plan = replace(plan, rounds=args.rounds)
    if args.seconds:
        plan = replace(plan, seconds=args.seconds)
    unknown = set(plan.workloads) - set(WORKLOADS)
    if unknown:
        print(f"unknown workloads: {sorted(unknown)}", file=sys.stderr)
        return 2

    wanted = [t for t in args.targets.split(",") if t]
    specs: list[TargetSpec] = []
    cpus = sorted(os.sched_getaffinity(0))
    pin = not args.no_pin and len(cpus) >= 2
    server_cpu, client_cpu = (cpus[0], cpus[1]) if pin else (None, None)
    stack = contextlib.ExitStack()
    for name in wanted:
        if name == SB:
            specs.append(TargetSpec(SB, args.specblocks_python, "bench.serve", (SB,)))
        elif name == SB_REDIS:
            if shutil.which("redis-server") is None:
                print(f"no redis-server: {SB_REDIS} is left out", file=sys.stderr)
                continue
            url = stack.enter_context(redis_server(LOGS, server_cpu))
            env = (("SPECBLOCKS_REDIS_URL", url),)
            specs.append(TargetSpec(SB_REDIS, args.specblocks_python, "bench.serve", (SB,), env))
        elif name == GRADIO:
            if args.gradio_python is None:
                print("no --gradio-python: Gradio is left out", file=sys.stderr)
                continue
            specs.append(TargetSpec(GRADIO, args.gradio_python, "bench.serve", (GRADIO,)))
        elif name == BARE:
            specs.append(TargetSpec(BARE, args.specblocks_python, "bench.bare"))
        else:
            print(f"unknown target {name!r}", file=sys.stderr)
            stack.close()
            return 2
    with stack:
        return _measure(args, plan, specs, server_cpu, client_cpu)


def _measure(
    args: argparse.Namespace,
    plan: Plan,
    specs: list[TargetSpec],
    server_cpu: int | None,
    client_cpu: int | None,
) -> int:
    """Measure ``specs`` under ``plan``; print markdown; write JSON."""
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    report = Report(
        meta={
            "mode": "quick" if args.quick else "full",
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "plan": asdict(plan),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
            "server_cpu": server_cpu,
            "client_cpu": client_cpu,
            "load_generator": {"python": platform.python_version(), "httpx": httpx.__version__},
            "targets": {s.name: {"python": s.python, **_versions(s.python)} for s in specs},
        }
    )
    started = time.monotonic()
    for old_log in LOGS.glob("*.log"):  # each run keeps only its own server logs
        old_log.unlink()
    if not args.skip_startup:
        measure_startup(specs, plan, server_cpu, report, log)
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(running(spec, server_cpu)) for spec in specs]
        for server in servers:
            server.wait_ready()
        asyncio.run(measure_load(servers, plan, report, log, started))
    compute_ratios(report)
    report.meta["seconds"] = round(time.monotonic() - started, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(to_json(report), indent=2) + "\n")
    print(markdown(report))
    log(f"wrote {args.output} ({report.meta['seconds']} s)")
    return 0
