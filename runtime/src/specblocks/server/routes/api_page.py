"""The "use via API" page: how to call each endpoint from Python, JavaScript and curl.

Served at ``/gradio_api/docs``; built from the same API description as ``/gradio_api/info``
(what ``view_api`` prints), so it always matches the running app.
"""

from __future__ import annotations

import html
import json
import re
import shlex
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from specblocks.server._api_info import api_info
from specblocks.server._auth import current_user
from specblocks.server._config import API_PREFIX, media_url
from specblocks.server._context import ServerContext, context
from specblocks.server._files import is_tagged_file

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
User = Annotated[str | None, Depends(current_user)]

LANGUAGES = (("python", "Python"), ("js", "JavaScript"), ("curl", "curl"))
_IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


@router.get("/docs", response_class=HTMLResponse)
@router.get("/docs/", response_class=HTMLResponse, include_in_schema=False)
def api_page(request: Request, ctx: Ctx, _user: User) -> str:
    """An HTML page with a Python, JavaScript and curl example per API endpoint."""
    title = getattr(ctx.app.options, "title", None) or "specblocks"
    root = ctx.root_url(request)
    return render_page(
        str(title), root, api_info(ctx.endpoints.endpoints, root=root, media_url=media_url(root))
    )


# -- values as source code -------------------------------------------------------------------
def _file_source(value: dict[str, Any]) -> str:
    return str(value.get("url") or value.get("path") or "")


def _source(value: Any, literal: Callable[[Any], str]) -> str:
    """``value`` as source code: files become ``handle_file(...)``, the rest ``literal``."""
    if is_tagged_file(value):
        return f"handle_file({literal(_file_source(value))})"
    if isinstance(value, dict):
        items = ", ".join(f"{literal(k)}: {_source(v, literal)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_source(v, literal) for v in value) + "]"
    return literal(value)


def _python(value: Any) -> str:
    return _source(value, repr)


def _js(value: Any) -> str:
    return _source(value, lambda v: json.dumps(v, ensure_ascii=False))


def _js_key(name: str) -> str:
    return name if _IDENTIFIER.match(name) else json.dumps(name)


def _uses_files(values: list[Any]) -> bool:
    def walk(value: Any) -> bool:
        if is_tagged_file(value):
            return True
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        if isinstance(value, list | tuple):
            return any(walk(v) for v in value)
        return False

    return any(walk(v) for v in values)


# -- snippets ------------------------------------------------------------------------------
def _example(parameter: dict[str, Any]) -> Any:
    if parameter.get("parameter_has_default"):
        return parameter.get("parameter_default")
    return parameter.get("example_input")


def python_snippet(root: str, endpoint: str, parameters: list[dict[str, Any]]) -> str:
    """Calling ``endpoint`` with ``gradio_client``."""
    values = [_example(p) for p in parameters]
    imports = "Client, handle_file" if _uses_files(values) else "Client"
    target = f'api_name="{endpoint}"' if endpoint.startswith("/") else f"fn_index={endpoint}"
    args = [
        f"{p['parameter_name']}={_python(v)}"
        if _IDENTIFIER.match(p["parameter_name"])
        else _python(v)
        for p, v in zip(parameters, values, strict=True)
    ]
    lines = "".join(f"    {arg},\n" for arg in [*args, target])
    return (
        f"from gradio_client import {imports}\n\n"
        f'client = Client("{root}/")\n'
        f"result = client.predict(\n{lines})\n"
        "print(result)\n"
    )


def js_snippet(root: str, endpoint: str, parameters: list[dict[str, Any]]) -> str:
    """Calling ``endpoint`` with ``@gradio/client``."""
    values = [_example(p) for p in parameters]
    imports = "Client, handle_file" if _uses_files(values) else "Client"
    target = json.dumps(endpoint) if endpoint.startswith("/") else endpoint
    fields = "".join(
        f"  {_js_key(p['parameter_name'])}: {_js(v)},\n"
        for p, v in zip(parameters, values, strict=True)
    )
    data = f"{{\n{fields}}}" if fields else "{}"
    return (
        f'import {{ {imports} }} from "@gradio/client";\n\n'
        f'const client = await Client.connect("{root}/");\n'
        f"const result = await client.predict({target}, {data});\n"
        "console.log(result.data);\n"
    )


def curl_snippet(root: str, endpoint: str, parameters: list[dict[str, Any]]) -> str | None:
    """Calling ``endpoint`` with the two-step REST API (named endpoints only)."""
    if not endpoint.startswith("/"):
        return None
    body = json.dumps({"data": [_example(p) for p in parameters]}, ensure_ascii=False)
    url = f"{root}{API_PREFIX}/call{endpoint}"
    return (
        f"EVENT_ID=$(curl -s -X POST {shlex.quote(url)} \\\n"
        '  -H "Content-Type: application/json" \\\n'
        f"  -d {shlex.quote(body)} \\\n"
        "  | awk -F'\"' '{ print $4 }')\n"
        f'curl -N "{url}/$EVENT_ID"\n'
    )


# -- the page ------------------------------------------------------------------------------
_STYLE = """
body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2937}
code,pre{font-family:ui-monospace,monospace;font-size:.9rem}
pre{background:#f3f4f6;padding:.8rem;overflow-x:auto;border-radius:6px}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #e5e7eb;padding:.3rem .6rem;text-align:left}
section{border-top:1px solid #e5e7eb;margin-top:1.5rem}
input[name=lang]{display:none}
.languages label{margin-right:1rem;cursor:pointer;padding:.2rem .5rem;border-radius:4px}
#lang-python:checked~main label[for=lang-python],#lang-js:checked~main label[for=lang-js],
#lang-curl:checked~main label[for=lang-curl]{background:#e0e7ff;font-weight:600}
.snippet{display:none}
#lang-python:checked~main .python,#lang-js:checked~main .js,
#lang-curl:checked~main .curl{display:block}
"""


def _rows(items: list[dict[str, Any]], with_defaults: bool) -> str:
    rows = []
    for item in items:
        label = item.get("label")
        if isinstance(label, dict):  # a translatable label: its key
            label = label.get("key")
        name = item.get("parameter_name") or label or ""
        kind = item.get("python_type", {}).get("type", "")
        default = ""
        if with_defaults:
            default = (
                f"<code>{html.escape(_python(item.get('parameter_default')))}</code>"
                if item.get("parameter_has_default")
                else "required"
            )
        cells = [f"<code>{html.escape(str(name))}</code>", f"<code>{html.escape(kind)}</code>"]
        cells += [default] if with_defaults else []
        cells.append(html.escape(str(item.get("component", ""))))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "".join(rows)


def _table(items: list[dict[str, Any]], with_defaults: bool) -> str:
    if not items:
        return "<p>None.</p>"
    head = ["Name", "Type", *(["Default"] if with_defaults else []), "Component"]
    header = "".join(f"<th>{h}</th>" for h in head)
    return f"<table><tr>{header}</tr>{_rows(items, with_defaults)}</table>"


def _endpoint(root: str, endpoint: str, info: dict[str, Any]) -> str:
    params = info["parameters"]
    snippets = {
        "python": python_snippet(root, endpoint, params),
        "js": js_snippet(root, endpoint, params),
        "curl": curl_snippet(root, endpoint, params)
        or "# The REST API calls endpoints by name; give this listener an api_name.\n",
    }
    code = "".join(
        f'<pre class="snippet {lang}"><code>{html.escape(snippets[lang])}</code></pre>'
        for lang, _ in LANGUAGES
    )
    title = endpoint if endpoint.startswith("/") else f"fn_index={endpoint}"
    description = f"<p>{html.escape(info['description'])}</p>" if info["description"] else ""
    return (
        f'<section id="{html.escape(title.strip("/"))}"><h2><code>{html.escape(title)}</code></h2>'
        f"{description}{code}<h3>Parameters</h3>{_table(params, True)}"
        f"<h3>Returns</h3>{_table(info['returns'], False)}</section>"
    )


def render_page(title: str, root: str, info: dict[str, Any]) -> str:
    """The whole page for the API description ``info`` of the app served at ``root``."""
    endpoints = {**info["named_endpoints"], **info["unnamed_endpoints"]}
    switch = "".join(
        f'<input type="radio" name="lang" id="lang-{lang}"{" checked" if i == 0 else ""}>'
        for i, (lang, _) in enumerate(LANGUAGES)
    )
    labels = "".join(f'<label for="lang-{lang}">{name}</label>' for lang, name in LANGUAGES)
    sections = "".join(_endpoint(root, name, e) for name, e in endpoints.items())
    count = f"{len(endpoints)} API endpoint{'s' if len(endpoints) != 1 else ''}"
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>API · {html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"{switch}<main><h1>Use {html.escape(title)} via API</h1>"
        f"<p>This app has {count}. Call them with the Python client "
        "(<code>pip install gradio_client</code>), the JavaScript client "
        "(<code>npm install @gradio/client</code>) or plain HTTP.</p>"
        f'<p class="languages">Language: {labels}</p>{sections}</main></body></html>'
    )
