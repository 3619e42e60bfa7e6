"""``specblocks-gen new DIR``: start an app monorepo from the specblocks copier template.

A thin wrapper over copier's ``run_copy`` for people who have not used copier: the template
defaults to the specblocks checkout this generator is installed from (the folder holding
``copier.yml``), taken as it is on disk, uncommitted changes included. ``copier copy`` and
``copier update`` work on the same template directly.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 2
#: How to install what this command needs (copier, in the `new` extra).
INSTALL_HINT = "pip install 'specblocks-generator[new]'"


def add_parser(sub: Any) -> None:
    """Add the ``new`` subcommand to ``sub`` (the parser's subparsers)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "new", help="start a new app monorepo from the specblocks copier template"
    )
    parser.add_argument("dir", type=Path, help="the folder to create the project in")
    parser.add_argument(
        "--defaults",
        action="store_true",
        help="answer each question not given with --data with its default, without asking",
    )
    parser.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="answer a question, e.g. --data package_name=reviews or "
        "--data 'components=[rating, meter]' (repeatable)",
    )
    parser.add_argument(
        "--template",
        help="the template: a specblocks checkout or a git URL (default: the checkout this "
        "generator is installed from)",
    )
    parser.add_argument(
        "--vcs-ref",
        help="the template version: a git tag or commit (default: a local checkout as it is "
        "on disk; the latest tag of a URL)",
    )


def template_root(start: Path | None = None) -> Path | None:
    """The specblocks checkout holding ``start`` (this module by default), or None.

    A checkout is recognised by ``copier.yml`` next to a ``template/`` folder.
    """
    here = (start or Path(__file__)).resolve()
    for folder in here.parents:
        if (folder / "copier.yml").is_file() and (folder / "template").is_dir():
            return folder
    return None


def parse_data(pairs: list[str]) -> dict[str, str]:
    """``["name=value", …]`` as a dict; copier casts each value to its question's type.

    Raises:
        ValueError: A pair has no ``=`` or an empty name.
    """
    data: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise ValueError(f"--data {pair!r}: expected NAME=VALUE")
        data[name.strip()] = value
    return data


def run(args: argparse.Namespace) -> int:
    """Render the template into ``args.dir``; return the exit code."""
    try:
        import copier
        from copier.errors import CopierError, DirtyLocalWarning
    except ImportError:
        print(f"error: `specblocks-gen new` needs copier: {INSTALL_HINT}", file=sys.stderr)
        return EXIT_ERROR
    try:
        data = parse_data(list(args.data))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    source = str(args.template) if args.template else None
    if source is None:
        root = template_root()
        if root is None:
            print(
                "error: this specblocks-generator is not installed from a specblocks checkout; "
                "pass --template PATH-OR-URL",
                file=sys.stderr,
            )
            return EXIT_ERROR
        source = str(root)
    local = Path(source).is_dir()
    if local:
        source = str(Path(source).resolve())  # the answers file records where it came from
    # A local checkout is used as it is on disk, like the generator that runs this command.
    vcs_ref = args.vcs_ref or ("HEAD" if local else None)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DirtyLocalWarning)
            copier.run_copy(source, args.dir, data=data, defaults=args.defaults, vcs_ref=vcs_ref)
    except (CopierError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(
        f"\nCreated {args.dir}. Next:\n"
        f"  cd {args.dir}\n"
        "  python3 -m pip install -r requirements/nox.txt && nox -s demo   # serve the app\n"
        "  nox -s tests                                                      # run the tests"
    )
    return EXIT_OK
