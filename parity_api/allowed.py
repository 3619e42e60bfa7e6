"""Differences from Gradio's API info that are deliberate, each with its reason.

Every entry here is listed in docs/reference/wire-protocol.md (§4.1, "Where specblocks' API
info differs from Gradio's"); ``tests/unit/test_parity_harness.py`` keeps the two lists equal.
A difference matches an entry when its path matches ``where`` (a regular expression,
matched in full) and ``when`` accepts the two values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: How a key that one side does not send is shown.
MISSING = "<missing>"


@dataclass(frozen=True)
class Allowed:
    """A kind of difference we make on purpose."""

    key: str
    where: str
    when: Callable[[Any, Any], bool]
    reason: str


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _is_random_key(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 16 and value.isalnum()


def _same_names(gradio: Any, ours: Any) -> bool:
    """Two lists of ``{name, class_id}`` with the same names, in the same order."""
    if not isinstance(gradio, list) or not isinstance(ours, list) or len(gradio) != len(ours):
        return False
    return all(
        isinstance(a, dict) and isinstance(b, dict) and a.get("name") == b.get("name")
        for a, b in zip(gradio, ours, strict=True)
    )


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


_FILE_URL = re.compile(r"https?://[^\s'\"]+/([^/\s'\"]+\.[A-Za-z0-9]+)")


def _same_but_file_urls(gradio: Any, ours: Any) -> bool:
    """Both texts are the same once each file URL is reduced to the file's name."""
    if not isinstance(gradio, str) or not isinstance(ours, str):
        return False
    return _FILE_URL.sub(r"<\1>", gradio) == _FILE_URL.sub(r"<\1>", ours)


ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        key="snippet-file-urls",
        where=r"named_endpoints\.[^.]+\.code_snippets\.(python|javascript|bash|cli)",
        when=_same_but_file_urls,
        reason=(
            "The code snippets use the example files the app serves itself (see "
            "example-file-urls); otherwise they are Gradio's, character for character."
        ),
    ),
    Allowed(
        key="descriptions",
        where=(
            r"(named|unnamed)_endpoints\.[^.]+\.(parameters|returns)\[\d+\]\."
            r"(type(\..+)?\.(description|additional_description)|python_type\.description)"
        ),
        when=lambda gradio, ours: _is_text(ours),
        reason=(
            "Types carry specblocks' own descriptions: where Gradio's is empty or missing "
            "there is one, and where Gradio's is its own wording (a class docstring) ours is "
            "written anew. Descriptions are text for people; the types are identical."
        ),
    ),
    Allowed(
        key="python-type-descriptions",
        where=r"(named|unnamed)_endpoints\.[^.]+\.(parameters|returns)\[\d+\]\.python_type\.type",
        when=lambda gradio, ours: False,  # found by compare._python_types_by_description
        reason=(
            "A Python type spells the descriptions of the object's fields in parentheses, so "
            "it shows specblocks' descriptions; without them it is Gradio's type."
        ),
    ),
    Allowed(
        key="sample-media-files",
        where=r"call .+",
        when=lambda gradio, ours: False,  # found by compare._sample_files
        reason=(
            "An output that is one of the sample media files (gr.get_image('cheetah1.jpg') "
            "...) has the same name as Gradio's but specblocks' own content: the project "
            "ships sample media of its own."
        ),
    ),
    Allowed(
        key="example-file-urls",
        where=(
            r"(named|unnamed)_endpoints\..*\.(example_input|parameter_default)"
            r"(\.[a-z_]+|\[\d+\])*\.(url|path)"
        ),
        when=lambda gradio, ours: _is_url(gradio) and _is_url(ours),
        reason=(
            "Example files (and a file default, which is given the example's URL) are URLs "
            "of sample media the app itself serves (/gradio_api/media/...), so clients can "
            "fetch them offline; Gradio's point at files on GitHub."
        ),
    ),
    Allowed(
        key="function-values",
        where=r"named_endpoints\..+\.(parameters\[\d+\]\.parameter_default.*|code_snippets\..+)",
        when=lambda gradio, ours: False,  # found by compare.drawn_parameters
        reason=(
            "The default of a parameter whose component starts with a function's value "
            "(value=lambda: random.random()) is drawn when the app starts; it differs between "
            "any two launches, Gradio's own included."
        ),
    ),
    Allowed(
        key="choice-value-types",
        where=r"(named|unnamed)_endpoints\..+\.(parameters|returns)\[\d+\]\.type(\.items)?\.type",
        when=lambda gradio, ours: False,  # found by compare._numeric_choices
        reason=(
            "The schema of a choice whose choices are numbers says so (`integer`, `number`); "
            "Gradio's says `string` for any choices, which its own numbers do not match."
        ),
    ),
    Allowed(
        key="server-only-settings",
        where=r"props state#\d+\.(time_to_live|delete_callback)",
        when=lambda gradio, ours: ours is MISSING,
        reason=(
            "A State's time to live and delete callback act on the server only; Gradio's "
            "config sends them (the callback as a printed Python function), specblocks' "
            "does not."
        ),
    ),
    Allowed(
        key="class-ids",
        where=r"props dataset#\d+\.components",
        when=_same_names,
        reason=(
            "A Dataset's sample components have Gradio's names; their class ids hash each "
            "class's import path, which is specblocks' own."
        ),
    ),
    Allowed(
        key="per-launch-keys",
        where=r"props browserstate#\d+\.(storage_key|secret)",
        when=lambda gradio, ours: _is_random_key(gradio) and _is_random_key(ours),
        reason=(
            "A BrowserState given no storage_key or secret gets random ones at each launch, "
            "on both sides, so they cannot be equal."
        ),
    ),
)


def allowed_reason(where: str, gradio: Any, ours: Any) -> str | None:
    """The key of the entry that allows this difference, or None."""
    for entry in ALLOWED:
        if re.fullmatch(entry.where, where) and entry.when(gradio, ours):
            return entry.key
    return None
