"""Turning what a function returned into the payloads sent to clients."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import quote

from specblocks.core._blocks import Block
from specblocks.core._component import Component

UPDATE = "update"
B = TypeVar("B", bound=Block)


def update(**props: Any) -> dict[str, Any]:
    """Return from a function to change an output's properties (and optionally its value).

    Example: ``return gr.update(visible=False)`` or ``gr.update(value="x", interactive=True)``.
    """
    return {"__type__": UPDATE, **props}


def skip() -> dict[str, Any]:
    """Return from a function to leave an output unchanged."""
    return {"__type__": UPDATE}


def is_update(value: Any) -> bool:
    """Whether ``value`` was made by :func:`update` or :func:`skip`."""
    return isinstance(value, dict) and value.get("__type__") == UPDATE


class OutputCountError(ValueError):
    """A function returned a different number of values than it has outputs."""


def split_outputs(result: Any, outputs: Sequence[Block]) -> list[Any]:
    """One value per output component, from a function's return value.

    A dict keyed by output components updates only those; a single output takes the value
    as is; several outputs need a tuple or list of the same length.
    """
    if isinstance(result, dict) and result and all(isinstance(k, Block) for k in result):
        unknown = [k for k in result if k not in outputs]
        if unknown:
            raise OutputCountError(
                f"the function returned values for blocks that are not outputs: {unknown}"
            )
        return [result[block] if block in result else skip() for block in outputs]
    if not outputs:
        return []
    if len(outputs) == 1:
        return [result]
    if not isinstance(result, tuple | list) or len(result) != len(outputs):
        got = f"{len(result)} values" if isinstance(result, tuple | list) else "a single value"
        raise OutputCountError(
            f"the function has {len(outputs)} outputs but returned {got}; return a tuple "
            f"with one value per output"
        )
    return list(result)


def postprocess_one(block: Block, value: Any, postprocess: bool) -> Any:
    """The wire payload for one output (updates keep their shape, their value converted)."""
    if is_update(value):
        out = dict(value)
        if "value" in out and postprocess and isinstance(block, Component):
            out["value"] = block.postprocess(out["value"])
        return out
    if postprocess and isinstance(block, Component):
        return block.postprocess(value)
    return value


def remember_update(block: Block, update_value: dict[str, Any], session: Any) -> None:
    """Keep the properties an update sets (not its value) for the session's later events."""
    changes = {
        key: val
        for key, val in update_value.items()
        if key not in ("__type__", "value") and hasattr(block, key)
    }
    if changes:
        session.update_props(block._id, changes)


def as_updated(block: B, session: Any) -> B:
    """``block`` as this session sees it: with the properties its updates set.

    Gradio keeps such updates per session, so that e.g. a Dropdown whose choices an event
    replaced accepts the new choices in later events. The copy is shallow and made only when
    the session changed something.
    """
    changes = getattr(session, "props", {}).get(block._id)
    if not changes:
        return block
    updated = copy.copy(block)
    for key, val in changes.items():
        setattr(updated, key, val)
    return updated


def fill_file_urls(payload: Any, root: str) -> Any:
    """Give every FileData in ``payload`` the URL it is served at (``{root}/file=path``)."""
    if not root:
        return payload
    if isinstance(payload, list):
        return [fill_file_urls(item, root) for item in payload]
    if isinstance(payload, dict):
        out = {key: fill_file_urls(value, root) for key, value in payload.items()}
        meta = out.get("meta")
        if isinstance(meta, dict) and meta.get("_type") == "gradio.FileData" and out.get("path"):
            path = str(out["path"])
            if not out.get("url") and not path.startswith(("http://", "https://", "data:")):
                out["url"] = f"{root}/file={quote(path, safe='/')}"
        return out
    return payload
