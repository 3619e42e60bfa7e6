"""Typed clients for one app, generated from its API info (``specblocks-gen client``).

:func:`generate` turns an app's ``P/info`` into files: ``<name>_client.py`` (a typed Python
client over ``specblocks_client``), ``test_<name>_contract.py`` (pytest contract tests) and
``<name>.gen.ts`` (a typed TypeScript client over ``@gradio/client``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from specblocks_gen import __version__
from specblocks_gen.client.build import ClientNameError, build_client
from specblocks_gen.client.python import python_files
from specblocks_gen.client.typescript import typescript_files

#: The languages a client can be generated in.
LANGUAGES = ("python", "ts")

__all__ = ["LANGUAGES", "ClientNameError", "check_languages", "generate"]


def check_languages(languages: list[str]) -> None:
    """Raise ``ValueError`` unless ``languages`` are some of :data:`LANGUAGES`."""
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise ValueError(
            f"unknown language(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(LANGUAGES)}"
        )


def generate(
    info: dict[str, Any],
    name: str,
    *,
    source: str,
    command: str,
    languages: Iterable[str] = LANGUAGES,
) -> dict[str, str]:
    """The files of the typed client for an app, keyed by file name.

    Args:
        info: The app's ``P/info``.
        name: The client's snake_case name (``showcase`` gives ``ShowcaseClient``).
        source: Where ``info`` came from, for the files' headers.
        command: The command that regenerates the files, for their headers.
        languages: Some of :data:`LANGUAGES`.

    Raises:
        ClientNameError: ``name`` is not a lower-case identifier.
        ValueError: An unknown language.
    """
    chosen = list(dict.fromkeys(languages))
    check_languages(chosen)
    spec = build_client(info, name, source=source, command=command, version=__version__)
    files: dict[str, str] = {}
    if "python" in chosen:
        files.update(python_files(spec))
    if "ts" in chosen:
        files.update(typescript_files(spec))
    return dict(sorted(files.items()))
