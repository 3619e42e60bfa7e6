"""The ``specblocks`` command: serve the app defined in a Python file.

``specblocks serve APP_FILE[:ATTR] --host H --port P [--redis-url URL] [--cache-dir DIR]``
serves the ``Blocks`` named ``ATTR`` (``demo`` by default) of ``APP_FILE`` on ``H:P``, keeping
uploaded and produced files in ``DIR``; ``SIGTERM`` shuts it down gracefully. With
``--redis-url`` (or ``SPECBLOCKS_REDIS_URL``) the queue, limits, session messages and states
are in that Redis, shared by every process serving the app there; without, in-process.

``specblocks deploy nginx --replicas N`` prints an nginx configuration that balances such
processes round-robin (see :mod:`specblocks.launch._deploy`).

``specblocks app.py`` imports ``app.py`` (with its folder first on ``sys.path``, and a
``__name__`` other than ``"__main__"``, so a guarded ``demo.launch()`` does not run), finds the
app — the ``Blocks`` named by ``--demo-name`` (``demo`` by default), or the only ``Blocks`` the
file defines — and serves it until Ctrl-C. ``--server-name`` and ``--server-port`` are also
given to a ``launch()`` the file calls unguarded (through ``GRADIO_SERVER_NAME`` and
``GRADIO_SERVER_PORT``). The file is not watched for changes.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from specblocks.app import Blocks
from specblocks.launch._deploy import deploy
from specblocks.server.queue import REDIS_SCHEMES

#: The module name an app file is imported under.
APP_MODULE = "specblocks_app"


class AppNotFound(Exception):  # noqa: N818 - reads as the problem it reports
    """The file defines no app the command can serve."""


def load_app(path: Path, demo_name: str = "demo", *, exact: bool = False) -> Blocks:
    """Import ``path`` and return its app.

    The app is the ``Blocks`` named ``demo_name``, or else (unless ``exact``) the only
    ``Blocks`` the file defines.

    Raises:
        AppNotFound: The file does not exist, or defines no such ``Blocks``.
    """
    if not path.is_file():
        raise AppNotFound(f"{path}: no such file")
    spec = importlib.util.spec_from_file_location(APP_MODULE, path)
    if spec is None or spec.loader is None:
        raise AppNotFound(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[APP_MODULE] = module
    sys.path.insert(0, str(path.resolve().parent))
    spec.loader.exec_module(module)
    named = getattr(module, demo_name, None)
    if isinstance(named, Blocks):
        return named
    if exact:
        raise AppNotFound(f"{path}: no Blocks app named {demo_name!r}")
    apps = [value for value in vars(module).values() if isinstance(value, Blocks)]
    if len(apps) == 1:
        return apps[0]
    found = f"{len(apps)} Blocks apps" if apps else "no Blocks app"
    raise AppNotFound(f"{path}: {found} and none named {demo_name!r}; pass --demo-name")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specblocks", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the Python file that defines the app")
    parser.add_argument(
        "--demo-name", default="demo", help="the name of the app in the file (default: demo)"
    )
    parser.add_argument("--server-name", help="the host to listen on (default: 127.0.0.1)")
    parser.add_argument("--server-port", type=int, help="the port (default: 7860 or next free)")
    return parser


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="specblocks serve", description="Serve the app a Python file defines."
    )
    parser.add_argument(
        "target", help="APP_FILE or APP_FILE:ATTR (ATTR: the app's name in the file, demo)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="the host to listen on")
    parser.add_argument("--port", type=int, default=7860, help="the port to listen on")
    parser.add_argument(
        "--redis-url",
        help="share the queue, limits, session messages and states with every process on this "
        "Redis (redis://host:port/db; default: $SPECBLOCKS_REDIS_URL, else in-process)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help="where uploaded and produced files are kept (default: $GRADIO_TEMP_DIR, or a "
        "specblocks folder in the system's temp directory)",
    )
    return parser


def serve(argv: Sequence[str]) -> int:
    """``specblocks serve``: serve an app until SIGTERM or Ctrl-C; 2 for a bad target."""
    args = _serve_parser().parse_args(argv)
    path, _, attr = args.target.partition(":")
    if args.redis_url is not None:
        if not args.redis_url.startswith(REDIS_SCHEMES):
            print(
                f"error: --redis-url {args.redis_url!r}: expected a URL starting with "
                f"{', '.join(REDIS_SCHEMES)}",
                file=sys.stderr,
            )
            return 2
        os.environ["SPECBLOCKS_REDIS_URL"] = args.redis_url
    if args.cache_dir is not None:
        # before the app is imported: building components may already store files
        args.cache_dir.mkdir(parents=True, exist_ok=True)
        os.environ["GRADIO_TEMP_DIR"] = str(args.cache_dir.resolve())
    os.environ["GRADIO_SERVER_NAME"] = args.host
    os.environ["GRADIO_SERVER_PORT"] = str(args.port)
    try:
        app = load_app(Path(path), attr or "demo", exact=bool(attr))
    except AppNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app.launch(server_name=args.host, server_port=args.port)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status (2 for a bad file or bad arguments)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        return serve(argv[1:])
    if argv[:1] == ["deploy"]:
        return deploy(argv[1:])
    args = _parser().parse_args(argv)
    if args.server_name:
        os.environ["GRADIO_SERVER_NAME"] = args.server_name
    if args.server_port is not None:
        os.environ["GRADIO_SERVER_PORT"] = str(args.server_port)
    try:
        app = load_app(args.path, args.demo_name)
    except AppNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app.launch(server_name=args.server_name, server_port=args.server_port)
    return 0
