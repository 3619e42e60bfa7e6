"""``specblocks-gen``: validate specs, generate code, render the event matrix."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from specblocks_gen import __version__, new
from specblocks_gen.client import cli as client_cli
from specblocks_gen.config import Config, ConfigError
from specblocks_gen.emit.matrix import matrix_csv
from specblocks_gen.pipeline import load_catalog, owned_dirs, render_all, spec_json_schema
from specblocks_gen.spec.errors import SpecError
from specblocks_gen.writer import check, write

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_SPEC_ERRORS = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specblocks-gen", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path.cwd(),
        help="directory at or below the project's pyproject.toml",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every spec; exit 2 when there are problems")
    gen = sub.add_parser("generate", help="write the generated files")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 when files differ")
    mat = sub.add_parser("matrix", help="print the component × event matrix as CSV")
    mat.add_argument(
        "--columns-from", type=Path, help="take the event column order from this CSV's header"
    )
    sub.add_parser("schema", help="print the JSON Schema of spec files")
    sub.add_parser("catalog", help="print a summary of the catalog")
    client_cli.add_parser(sub)
    new.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "client":  # one app's API info, not the specs
        return client_cli.run(args)
    if args.command == "new":  # the copier template, not the specs
        return new.run(args)
    try:
        config = Config.load(args.project.resolve())
        if args.command == "schema":
            sys.stdout.write(spec_json_schema())
            return EXIT_OK
        catalog = load_catalog(config.specs)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SPEC_ERRORS
    except SpecError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_SPEC_ERRORS
    if args.command == "validate":
        print(
            f"{len(catalog.file_digests)} spec files OK: {len(catalog.components)} components "
            f"and layouts, {len(catalog.events)} events"
        )
        return EXIT_OK
    if args.command == "matrix":
        columns = None
        if args.columns_from is not None:
            with args.columns_from.open(newline="", encoding="utf-8") as handle:
                columns = next(csv.reader(handle))[1:]
        sys.stdout.write(matrix_csv(catalog, columns))
        return EXIT_OK
    if args.command == "catalog":
        _print_catalog(catalog)
        return EXIT_OK
    files = render_all(config, catalog)
    if args.check:
        drift = check(files, owned_dirs(config))
        if drift:
            print(
                "generated files are out of date (run `specblocks-gen generate`):", file=sys.stderr
            )
            for line in drift.lines(config.root):
                print(f"  {line}", file=sys.stderr)
            return EXIT_DRIFT
        print(f"{len(files)} generated files up to date")
        return EXIT_OK
    drift = write(files, owned_dirs(config))
    written = len(drift.changed) + len(drift.missing)
    print(f"{len(files)} files generated, {written} written, {len(drift.stale)} removed")
    return EXIT_OK


def _print_catalog(catalog: object) -> None:
    from specblocks_gen.ir.model import Catalog

    assert isinstance(catalog, Catalog)
    print(f"{'name':<20} {'kind':<10} {'params':>6}  events")
    for comp in catalog.components:
        events = ", ".join(e.name for e in comp.events) or "-"
        print(f"{comp.name:<20} {comp.kind:<10} {len(comp.params):>6}  {events}")
    kinds = [c.kind for c in catalog.components]
    print(
        f"\n{kinds.count('component')} components, {kinds.count('layout')} layouts, "
        f"{len(catalog.events)} events, {len(catalog.event_data)} event-data classes, "
        f"{len(catalog.payloads)} payload models"
    )
