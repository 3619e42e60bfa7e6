"""Code that calls an endpoint, as the API info's ``code_snippets`` give it.

For each named endpoint: ``python`` (``gradio_client``), ``javascript``
(``@gradio/client``), ``bash`` (curl against ``/call/v2``) and ``cli`` (a ``predict``
command line whose program name is left as ``{command}``). The text is the same as
Gradio's for the same API info, so documentation and tools that show Gradio's snippets
show ours unchanged. Each parameter's value is its default when it has one, else its
example input.
"""

from __future__ import annotations

import json
from typing import Any

from specblocks.server._files import is_tagged_file

# Components whose example is fetched as a blob in the JavaScript snippet.
_BLOB_COMPONENTS = frozenset(
    {"Audio", "DownloadButton", "File", "Image", "ImageSlider", "Model3D", "UploadButton",
     "Video"}
)  # fmt: skip
_FILE_META = {"_type": "gradio.FileData"}


def code_snippets(api_name: str, endpoint: dict[str, Any], root: str) -> dict[str, str]:
    """The four snippets for ``endpoint`` (its API info entry) of the app at ``root``."""
    params = endpoint.get("parameters", [])
    root = root.rstrip("/")
    return {
        "python": _python(api_name, params, root),
        "javascript": _javascript(api_name, params, root),
        "bash": _bash(api_name, params, root),
        "cli": _cli(api_name, params, root),
    }


def _name(param: dict[str, Any]) -> str:
    return str(param.get("parameter_name") or param.get("label", "input"))


def _value(param: dict[str, Any]) -> Any:
    return (
        param.get("parameter_default")
        if param.get("parameter_has_default")
        else (param.get("example_input"))
    )


def _hint(param: dict[str, Any]) -> str | None:
    hint = param.get("python_type", {}).get("type")
    return None if hint is None else str(hint)


def _is_url_file(value: Any) -> bool:
    """A file payload with a URL (the examples of file parameters)."""
    return is_tagged_file(value) and bool(value.get("url"))


def _any(value: Any, test: Any) -> bool:
    if test(value):
        return True
    if isinstance(value, dict):
        return any(_any(v, test) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_any(v, test) for v in value)
    return False


def _map(value: Any, test: Any, change: Any) -> Any:
    if test(value):
        return change(value)
    if isinstance(value, dict):
        return {k: _map(v, test, change) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_map(v, test, change) for v in value]
    return value


class _Raw(str):
    """Text written into a snippet as it is, not as a JSON string."""

    __slots__ = ()


def _literal(value: Any) -> str:
    """``value`` as JSON, but with Python's ``None``, ``True`` and ``False`` (in every snippet)."""
    if isinstance(value, _Raw):
        return str(value)
    if value is None or isinstance(value, bool):
        return {None: "None", True: "True", False: "False"}[value]
    if isinstance(value, dict):
        items = (f"{json.dumps(str(k))}: {_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return json.dumps(value, default=str)


def _represent(value: Any, hint: str | None, language: str) -> str:
    """One argument's value in a snippet."""
    none = "None" if language == "py" else "null"
    if hint is None or value is None:
        return none
    if hint in {"string", "str"} or hint.startswith("Literal['"):
        return f'"{value}"'
    if hint == "number":
        return str(value)
    if hint in {"boolean", "bool"}:
        if language == "py":
            return "True" if value else "False"
        return str(value).lower() if isinstance(value, bool) else str(value)
    if hint == "List[str]":
        return json.dumps(value)
    if isinstance(value, str):
        return value or none
    if language == "bash":
        value = _map(value, _is_url_file, lambda f: {"path": f["url"], "meta": dict(_FILE_META)})
    elif language == "py":
        value = _map(value, _is_url_file, lambda f: _Raw(f"handle_file('{f['url']}')"))
    return _literal(value)


def _python(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    files = any(_any(p.get("example_input"), _is_url_file) for p in params)
    lines = ["from gradio_client import Client" + (", handle_file" if files else ""), ""]
    lines.append(f'client = Client("{root}")')
    lines.append("result = client.predict(")
    lines += [f"\t{_name(p)}={_represent(_value(p), _hint(p), 'py')}," for p in params]
    lines += [f'\tapi_name="{api_name}",', ")", "print(result)"]
    return "\n".join(lines)


def _javascript(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    blobs = [p for p in params if p.get("component") in _BLOB_COMPONENTS]
    lines = [
        f'import {{ {"Client, handle_file" if blobs else "Client"} }} from "@gradio/client";',
        "",
    ]
    for index, param in enumerate(blobs):
        example = param.get("example_input", {})
        url = example.get("url", "") if isinstance(example, dict) else ""
        lines.append(f'const response_{index} = await fetch("{url}");')
        lines.append(f"const example{param.get('component', '')} = await response_{index}.blob();")
    if blobs:
        lines.append("")
    lines.append(f'const client = await Client.connect("{root}");')
    lines.append(f'const result = await client.predict("{api_name}", {{')
    blob_names = {p.get("component") for p in blobs}
    for param in params:
        component = param.get("component", "")
        if component in blob_names:
            lines.append(f"\t\t{_name(param)}: handle_file(example{component}),")
        else:
            lines.append(f"\t\t{_name(param)}: {_represent(_value(param), _hint(param), 'js')},")
    lines += ["});", "", "console.log(result.data);"]
    return "\n".join(lines)


def _bash(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    prefix = f"{root}/gradio_api/"
    name = api_name.lstrip("/")
    with_files = [p for p in params if _any(p.get("example_input"), _is_url_file)]
    lines = []
    if with_files:
        lines += [
            f"FILE_PATH=$(curl -s -X POST {prefix}upload -F 'files=@/path/to/your/file'"
            " | tr -d '[]\" ')",
            "",
        ]
    uploaded = '{"path": "\'$FILE_PATH\'", "meta": {"_type": "gradio.FileData"}}'
    file_names = {_name(p) for p in with_files}
    entries = [
        f'"{_name(p)}": '
        + (uploaded if _name(p) in file_names else _represent(_value(p), _hint(p), "bash"))
        for p in params
    ]
    lines += [
        f'curl -X POST {prefix}call/v2/{name} -s -H "Content-Type: application/json" \\',
        f"  -d '{{{', '.join(entries)}}}' \\",
        "  | awk -F'\"' '{ print $4}' \\",
        f"  | read EVENT_ID; curl -N {prefix}call/{name}/$EVENT_ID",
    ]
    return "\n".join(lines)


def _is_file_payload(value: Any) -> bool:
    return is_tagged_file(value) and isinstance(value.get("path"), str)


def _cli(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    payload = {
        str(p["parameter_name"]): _map(
            p.get("parameter_default") or p.get("example_input"),
            _is_file_payload,
            lambda f: {k: v for k, v in f.items() if k in {"path", "meta"}},
        )
        for p in params
    }
    return f"{{command}} predict {root} {api_name} '{json.dumps(payload, indent=2)}'\n"
