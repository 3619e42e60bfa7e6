"""Type expressions in specs: parsing, the names they use, and default checking.

Spec types are Python type expressions (``str | None``, ``Literal["a", "b"]``,
``list[str]``). They are parsed with :mod:`ast`, never evaluated.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

BUILTIN_NAMES = frozenset(
    {
        "Any",
        "Callable",
        "Iterable",
        "Literal",
        "Mapping",
        "Self",
        "Sequence",
        "Set",
        "bool",
        "bytes",
        "dict",
        "float",
        "int",
        "list",
        "object",
        "set",
        "str",
        "tuple",
        "None",
    }
)


class TypeExprError(ValueError):
    """A type expression that is not valid Python."""


def parse(expr: str) -> ast.expr:
    """Parse a type expression or raise :class:`TypeExprError`."""
    try:
        return ast.parse(expr, mode="eval").body
    except SyntaxError as exc:
        raise TypeExprError(f"type {expr!r} is not a valid Python expression: {exc.msg}") from None


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def names(node: ast.expr) -> Iterator[str]:
    """Yield every (dotted) name the expression refers to, outside Literal[...]."""
    dotted = _dotted(node)
    if dotted is not None:
        yield dotted
        return
    if isinstance(node, ast.Subscript):
        yield from names(node.value)
        if _dotted(node.value) != "Literal":
            yield from names(node.slice)
    elif isinstance(node, ast.BinOp):
        yield from names(node.left)
        yield from names(node.right)
    elif isinstance(node, ast.Tuple | ast.List):
        for elt in node.elts:
            yield from names(elt)
    elif isinstance(node, ast.Constant):
        if node.value is not None and node.value is not Ellipsis:
            raise TypeExprError(f"unexpected constant {node.value!r} in a type")
    else:
        raise TypeExprError(f"unsupported construct {ast.unparse(node)!r} in a type")


def _args(node: ast.Subscript) -> list[ast.expr]:
    return list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]


def accepts(node: ast.expr, value: Any) -> bool:
    """Whether the literal ``value`` is an instance of the type ``node``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return accepts(node.left, value) or accepts(node.right, value)
    if isinstance(node, ast.Constant):
        return node.value is None and value is None
    if isinstance(node, ast.Subscript):
        return _accepts_generic(_dotted(node.value) or "", _args(node), value)
    return _accepts_plain(_dotted(node) or "", value)


def _accepts_plain(name: str, value: Any) -> bool:
    checks: dict[str, Any] = {
        "None": lambda v: v is None,
        "str": lambda v: isinstance(v, str),
        "bool": lambda v: isinstance(v, bool),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "list": lambda v: isinstance(v, list),
        "dict": lambda v: isinstance(v, dict),
        "tuple": lambda v: isinstance(v, tuple),
        "set": lambda v: isinstance(v, set),
        "Sequence": lambda v: isinstance(v, list | tuple | str),
        "Iterable": lambda v: isinstance(v, list | tuple | str | dict),
        "Mapping": lambda v: isinstance(v, dict),
        "Any": lambda v: True,
        "object": lambda v: True,
    }
    check = checks.get(name)
    return bool(check(value)) if check else False


def _accepts_generic(name: str, args: list[ast.expr], value: Any) -> bool:
    if name == "Literal":
        return any(
            isinstance(arg, ast.Constant) and arg.value == value and type(arg.value) is type(value)
            for arg in args
        )
    if name in {"list", "Sequence", "Iterable", "set", "Set"}:
        container = list if name == "list" else (list, tuple)
        return isinstance(value, container) and all(accepts(args[0], v) for v in value)
    if name == "tuple":
        if not isinstance(value, tuple | list):
            return False
        if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
            return all(accepts(args[0], v) for v in value)
        return len(args) == len(value) and all(
            accepts(a, v) for a, v in zip(args, value, strict=True)
        )
    if name in {"dict", "Mapping"}:
        return isinstance(value, dict) and all(
            accepts(args[0], k) and accepts(args[1], v) for k, v in value.items()
        )
    if name == "Callable":
        return False
    return _accepts_plain(name, value)
