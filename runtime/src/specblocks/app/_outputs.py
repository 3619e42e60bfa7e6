"""Turning what a function returned into the payloads sent to clients."""

from __future__ import annotations

import copy
import inspect
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


class UpdateError(ValueError):
    """An update names a property its output does not have, or one no update can change."""


def as_update(block: Block, value: Any) -> Any:
    """``value`` as returned for the output ``block``, with block instances made updates.

    A block instance returned as a value (``gr.Column(visible=False)``,
    ``gr.Dropdown(choices=[...])``) is an update of the properties given explicitly to its
    constructor; the others stay as they are. Properties the output does not have are left
    out (an instance of another class may have more). An :func:`update` is checked: every
    property it names must be one the output has and an update may change.

    Raises:
        UpdateError: An update names an unknown or unchangeable property.
    """
    cls = type(block)
    if isinstance(value, Block):
        allowed = set(cls.PROPS) - cls.STATIC_PROPS
        given = value.explicit_args
        changes = {k: v for k, v in given.items() if k in allowed or k == "value"}
        extra = _var_keyword(cls)
        if extra is not None and isinstance(value, cls):
            # extra keyword arguments (an HTML block's template props): a nested update, as
            # Gradio sends it, that changes only the keys given
            named = set(inspect.signature(cls.__init__).parameters)
            more = {k: v for k, v in given.items() if k not in named}
            if more:
                changes[extra] = update(**more)
        return update(**changes)
    if is_update(value):
        names = [k for k in value if k not in ("__type__", "value")]
        static = sorted(k for k in names if k in cls.STATIC_PROPS)
        unknown = sorted(k for k in names if k not in cls.PROPS)
        if unknown or static:
            what = f"{cls.__name__}{_label(block)}"
            problems = []
            if unknown:
                noun = "property" if len(unknown) == 1 else "properties"
                problems.append(f"has no {noun} {_names(unknown)}")
            if static:
                problems.append(f"cannot change {_names(static)} after the app is built")
            changeable = ", ".join(sorted(set(cls.PROPS) - cls.STATIC_PROPS))
            raise UpdateError(
                f"update of {what}: it {' and '.join(problems)}; an update may set value, "
                f"{changeable}."
            )
    return value


def _var_keyword(cls: type[Block]) -> str | None:
    """The name of the ``**extra`` parameter of ``cls``'s constructor, if it has one."""
    for parameter in inspect.signature(cls.__init__).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            return parameter.name
    return None


def _label(block: Block) -> str:
    label = getattr(block, "label", None)
    return f" {label!r}" if isinstance(label, str) and label else ""


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


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
    replaced accepts the new choices in later events. The properties are resolved as the
    constructor resolves them (a block made with the original arguments and the updates), so
    the session sees what a page load of such a block would show. The view is a shallow copy,
    made once per update and only when the session changed something.

    Raises:
        UpdateError: The block's constructor refuses the updated properties.
    """
    changes = getattr(session, "props", {}).get(block._id)
    if not changes:
        return block
    views = getattr(session, "views", None)
    if views is not None and block._id in views:
        view: B = views[block._id]
        return view
    view = _rebuilt(block, changes)
    if views is not None:
        views[block._id] = view
    return view


def _rebuilt(block: B, changes: dict[str, Any]) -> B:
    cls = type(block)
    arguments = {
        k: v for k, v in block.explicit_args.items() if k not in cls.STATIC_PROPS and k != "value"
    }
    changes = dict(changes)
    extra = _var_keyword(cls)
    if extra is not None and is_update(changes.get(extra)):
        # the nested update of the extra keyword arguments: each is an argument again
        nested = changes.pop(extra)
        changes.update({k: v for k, v in nested.items() if k != "__type__"})
    try:
        fresh = cls(**{**arguments, **changes, "render": False})
    except (TypeError, ValueError) as exc:
        raise UpdateError(f"update of {cls.__name__}{_label(block)}: {exc}") from exc
    view = copy.copy(block)
    props = set(cls.PROPS)
    for key, value in fresh.__dict__.items():
        if key in _IDENTITY or (key in props and key not in changes):
            continue  # the block's identity, and the properties the update leaves alone
        view.__dict__[key] = value  # the updated properties and what the constructor derives
    return view


#: Attributes of a block that make it this block (never taken from a rebuilt one).
_IDENTITY = frozenset({"_id", "parent", "is_rendered", "_explicit_args", "children"})


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
