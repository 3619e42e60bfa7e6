"""The ``specblocks-gen client`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from specblocks_gen.client import LANGUAGES, check_languages, generate
from specblocks_gen.client.source import SourceError, fetch_info, launched
from specblocks_gen.writer import check, write

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_ERROR = 2


def add_parser(sub: Any) -> None:
    """Add the ``client`` subcommand to ``sub`` (the parser's subparsers)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "client", help="generate a typed client for one app from its API info"
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="the URL of the running app")
    where.add_argument(
        "--app",
        metavar="MODULE:ATTR",
        help="the app to launch on 127.0.0.1 (module:attr or path/to/app.py:attr; attr is an "
        "app or a function returning one, `demo` by default)",
    )
    parser.add_argument("--name", required=True, help="the client's name, e.g. showcase")
    parser.add_argument("--out", type=Path, required=True, help="directory for the files")
    parser.add_argument(
        "--lang", default=",".join(LANGUAGES), help="comma-separated languages: python, ts"
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on drift")


def run(args: argparse.Namespace) -> int:
    """Generate (or check) the client the parsed ``args`` describe; return the exit code."""
    languages = [lang.strip() for lang in str(args.lang).split(",") if lang.strip()]
    source = _display(args.app) if args.app else str(args.url)
    option = f"--app {source}" if args.app else f"--url {source}"
    lang = "" if languages == list(LANGUAGES) else f" --lang {','.join(languages)}"
    command = f"specblocks-gen client {option} --name {args.name}{lang} --out {_out(args.out)}"
    try:
        check_languages(languages)
        if args.app:
            with launched(args.app) as url:
                info = fetch_info(url)
        else:
            info = fetch_info(args.url)
        files = generate(info, args.name, source=source, command=command, languages=languages)
    except (SourceError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    paths = {args.out / name: text for name, text in files.items()}
    if args.check:
        drift = check(paths, [])
        if drift:
            print(f"the generated client is out of date (run `{command}`):", file=sys.stderr)
            for line in drift.lines(Path.cwd()):
                print(f"  {line}", file=sys.stderr)
            return EXIT_DRIFT
        print(f"{len(paths)} client files up to date")
        return EXIT_OK
    drift = write(paths, [])
    print(f"{len(paths)} client files generated, {len(drift.changed) + len(drift.missing)} written")
    return EXIT_OK


def _out(out: Path) -> str:
    """The output directory as the header shows it: relative, or ``DIR`` (no absolute paths)."""
    if not out.is_absolute():
        return out.as_posix()
    return out.relative_to(Path.cwd()).as_posix() if out.is_relative_to(Path.cwd()) else "DIR"


def _display(target: str) -> str:
    """``target`` with a file path made relative to the working directory (no absolute paths)."""
    where, colon, attribute = target.partition(":")
    path = Path(where)
    if where.endswith(".py") and path.is_absolute() and path.is_relative_to(Path.cwd()):
        where = path.relative_to(Path.cwd()).as_posix()
    return f"{where}{colon}{attribute}"
