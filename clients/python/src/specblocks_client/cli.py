"""``specblocks-client``: list an app's endpoints, or call one from the shell.

Usage::

    specblocks-client list URL [--json]
    specblocks-client run URL /endpoint [ARG ...] [--kw NAME=VALUE ...] [--json]

Arguments are read per parameter: text parameters take the word as it is, file parameters
take a local path (uploaded) or a URL, and the others take JSON (``3``, ``true``,
``["a", "b"]``), falling back to the plain text. While a queued job runs, its queue position,
progress and log messages go to stderr; a generator endpoint's outputs are printed as they
arrive.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from specblocks_client._api import Endpoint
from specblocks_client._client import Client
from specblocks_client._errors import AppError, AuthenticationError, QueueError, StreamError
from specblocks_client._files import handle_file, is_url
from specblocks_client._job import Job
from specblocks_client._status import Status, StatusUpdate
from specblocks_client._version import __version__

ARGUMENTS_HELP = (
    "Arguments are read per parameter: text parameters take the word as it is, file parameters "
    "a local path (uploaded) or a URL, the others JSON (3, true, '[\"a\"]'), else plain text."
)
#: Seconds between two looks at a running job.
POLL_INTERVAL = 0.05


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 the call failed, 2 bad usage)."""
    parser = _parser()
    options = parser.parse_args(argv)
    try:
        client = _connect(options)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        if options.command == "list":
            return _list(client, options)
        return _run(client, options, parser)
    finally:
        client.close()


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("url", help="the app's base URL, e.g. http://127.0.0.1:7860")
    common.add_argument("--auth", metavar="USER:PASSWORD", help="log in first")
    common.add_argument("--token", help="bearer token sent with every request")
    common.add_argument("--json", action="store_true", help="print JSON")
    parser = argparse.ArgumentParser(
        prog="specblocks-client",
        description="List the endpoints of a specblocks or Gradio app, or call one.",
        epilog=ARGUMENTS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", parents=[common], help="print the endpoints and their parameters")
    run = commands.add_parser(
        "run", parents=[common], help="call an endpoint, print the result", epilog=ARGUMENTS_HELP
    )
    run.add_argument("endpoint", help="the endpoint's api_name, e.g. /greet")
    run.add_argument("args", nargs="*", metavar="ARG", help="positional arguments")
    run.add_argument(
        "--kw", action="append", default=[], metavar="NAME=VALUE", help="a keyword argument"
    )
    run.add_argument(
        "--download-dir", type=Path, help="where file outputs go (default: a temporary folder)"
    )
    run.add_argument(
        "--no-download", action="store_true", help="print file outputs as FileData, not paths"
    )
    run.add_argument("--quiet", action="store_true", help="no queue or progress lines on stderr")
    return parser


def _connect(options: argparse.Namespace) -> Client:
    auth = None
    if options.auth:
        user, sep, password = options.auth.partition(":")
        if not sep:
            raise ValueError("--auth takes USER:PASSWORD")
        auth = (user, password)
    kwargs: dict[str, Any] = {}
    if options.command == "run":
        if options.no_download:
            kwargs["download_files"] = False
        elif options.download_dir is not None:
            kwargs["download_files"] = options.download_dir
    return Client(options.url, token=options.token, verbose=False, auth=auth, **kwargs)


def _list(client: Client, options: argparse.Namespace) -> int:
    if options.json:
        print(json.dumps(client.view_api(print_info=False, return_format="dict"), indent=2))
    else:
        print(client.view_api(print_info=False, return_format="str"), end="")
    return 0


def _run(client: Client, options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        endpoint = client.endpoint(api_name=options.endpoint)
        names = endpoint.parameter_names()
        args = [_read_arg(endpoint, i, text) for i, text in enumerate(options.args)]
        kwargs: dict[str, Any] = {}
        for item in options.kw:
            name, sep, text = item.partition("=")
            if not sep:
                parser.error(f"--kw takes NAME=VALUE, got {item!r}")
            index = names.index(name) if name in names else -1
            kwargs[name] = _read_arg(endpoint, index, text)
        job = client.submit(*args, api_name=options.endpoint, **kwargs)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return _follow(job, endpoint, options)
    except KeyboardInterrupt:
        job.cancel()
        print("cancelled", file=sys.stderr)
        return 130


def _read_arg(endpoint: Endpoint, index: int, text: str) -> Any:
    if index >= 0 and endpoint.parameter_is_file(index):
        if is_url(text) or Path(text).is_file():
            return handle_file(text)
        raise ValueError(f"{text!r} is not a file (parameter {index + 1} takes a file)")
    params = endpoint.parameters or []
    schema = params[index].get("type") if 0 <= index < len(params) else None
    kind = schema.get("type") if isinstance(schema, dict) else None
    if kind == "string":
        return text
    if kind == "boolean" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    try:
        return json.loads(text)
    except ValueError:
        return text


def _follow(job: Job, endpoint: Endpoint, options: argparse.Namespace) -> int:
    shown_status = ""
    printed = 0
    last: Any = None
    while True:
        finished = job.done()
        if endpoint.is_generator:
            for output in job.outputs()[printed:]:
                _print_output(output, options.json, sys.stdout)
                printed += 1
                last = output
        line = _describe(job.status())
        if line and line != shown_status and not options.quiet:
            print(line, file=sys.stderr, flush=True)
        shown_status = line or shown_status
        if finished:
            break
        time.sleep(POLL_INTERVAL)
    try:
        result = job.result()
    except (AppError, QueueError, AuthenticationError, StreamError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not printed or result != last:
        _print_output(result, options.json, sys.stdout)
    return 0


def _describe(status: StatusUpdate) -> str:
    """One stderr line for a status worth showing (``""`` for the others)."""
    code = status.code
    if code == Status.IN_QUEUE and status.rank is not None:
        eta = f", about {status.eta:.1f} s" if status.eta is not None else ""
        return f"in queue: position {status.rank + 1} of {status.queue_size}{eta}"
    if code == Status.PROCESSING:
        return "processing"
    if code == Status.PROGRESS and status.progress_data:
        parts = []
        for unit in status.progress_data:
            if unit.progress is not None:
                done = f"{unit.progress:.0%}"
            elif unit.index is not None:
                done = f"{unit.index}/{unit.length or '?'} {unit.unit or ''}".rstrip()
            else:
                done = "…"
            parts.append(f"{done} {unit.desc or ''}".rstrip())
        return "progress: " + "; ".join(parts)
    if code == Status.LOG and status.log:
        message, level = status.log
        return f"{level}: {message}"
    return ""


def _print_output(value: Any, as_json: bool, out: TextIO) -> None:
    if as_json:
        print(json.dumps(_plain(value), default=str), file=out, flush=True)
        return
    for item in value if isinstance(value, tuple) else (value,):
        text = item if isinstance(item, str) else json.dumps(_plain(item), default=str)
        print(text, file=out, flush=True)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
