"""Run one app under one framework and record what it says about itself.

``python -m parity_api.worker --module gradio|specblocks --app FILE --out FILE [--inputs FILE]``

Runs in the interpreter of the framework under test and needs only that framework,
``gradio_client`` and ``httpx``. Inside this process ``import gradio`` and
``import specblocks`` both resolve to ``--module``, so an app written for either runs on
either. The app file is executed as a module whose ``__name__`` is not ``"__main__"``
(launch calls it makes while it runs are recorded, not run), then the app is launched on
127.0.0.1 with the keywords its own guarded ``launch(...)`` call gives that shape the app.

Written to ``--out`` (JSON): ``config`` (``GET /config``), ``info``
(``GET /gradio_api/info``), ``inputs`` (per endpoint, the arguments used) and ``calls``
(per endpoint, the outputs of each call, made JSON-comparable by :func:`fingerprint`).
Without ``--inputs`` the arguments are the ``example_input`` values of the app's own API
info (files given by URL become local sample files of the same kind). Each endpoint is
called twice, so that outputs that change from call to call can be told apart.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import importlib
import importlib.abc
import importlib.util
import json
import os
import random
import shutil
import socket
import sys
import tempfile
import time
import traceback
import types
from pathlib import Path
from typing import Any

APP_MODULE = "parity_app"
# Keywords of an app's own launch() call that shape what the app serves; others are dropped.
KEPT_LAUNCH_KWARGS = frozenset({
    "allowed_paths", "blocked_paths", "max_file_size", "theme", "css", "css_paths", "js",
    "head", "head_paths", "i18n", "footer_links", "show_error", "favicon_path",
    "state_session_capacity", "root_path", "app_kwargs", "enable_monitoring", "auth",
})  # fmt: skip
CALL_TIMEOUT = 30.0
# Local files standing in for example files given by URL, by suffix (sample media).
SAMPLE_BY_SUFFIX = {
    ".png": "images/bus.png", ".jpg": "images/cheetah.jpg", ".jpeg": "images/groot.jpeg",
    ".webp": "images/bus.png", ".gif": "images/screenshot.gif", ".wav": "audio/sax.wav",
    ".mp3": "audio/cate_blanch.mp3", ".mp4": "videos/a.mp4", ".pdf": "data/sample_file.pdf",
    ".csv": "data/titanic.csv", ".json": "data/s3.json", ".glb": "models3d/Duck.glb",
    ".obj": "models3d/face.obj", ".gltf": "models3d/Fox.gltf", ".stl": "models3d/sofia.stl",
}  # fmt: skip


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes ``alias`` and ``alias.<sub>`` the modules ``target`` and ``target.<sub>``."""

    def __init__(self, alias: str, target: str) -> None:
        self.alias, self.target = alias, target
        self._real_specs: dict[str, Any] = {}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.alias and not fullname.startswith(self.alias + "."):
            return None
        real = self.target + fullname[len(self.alias) :]
        if importlib.util.find_spec(real) is None:
            return None
        return importlib.util.spec_from_loader(fullname, self, origin=real)

    def create_module(self, spec: Any) -> types.ModuleType:
        module = importlib.import_module(self.target + spec.name[len(self.alias) :])
        self._real_specs[module.__name__] = module.__spec__
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        """Already executed under its real name: keep its own spec (its package data)."""
        module.__spec__ = self._real_specs.pop(module.__name__, module.__spec__)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _guarded_launch(tree: ast.Module) -> ast.Call | None:
    """The first ``X.launch(...)`` inside a top-level ``if __name__ == "__main__":``."""
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Call)
                    and isinstance(sub.func, ast.Attribute)
                    and sub.func.attr == "launch"
                ):
                    return sub
    return None


def load_app(module: types.ModuleType, app_file: Path) -> tuple[Any, dict[str, Any]]:
    """Execute ``app_file``; return the app object and the launch keywords it asks for."""
    blocks_cls = module.Blocks
    recorded: list[tuple[Any, dict[str, Any]]] = []
    original = blocks_cls.launch

    def record(self: Any, *args: Any, **kwargs: Any) -> None:
        recorded.append((self, kwargs))

    source = app_file.read_text()
    tree = ast.parse(source)
    app_module = types.ModuleType(APP_MODULE)
    app_module.__file__ = str(app_file)
    sys.modules[APP_MODULE] = app_module
    blocks_cls.launch = record
    try:
        exec(compile(tree, str(app_file), "exec"), app_module.__dict__)
    finally:
        blocks_cls.launch = original
    namespace = app_module.__dict__
    app, kwargs = None, {}
    call = _guarded_launch(tree)
    if call is not None:
        with contextlib.suppress(Exception):
            app = eval(compile(ast.Expression(call.func.value), "<app>", "eval"), namespace)
        for keyword in call.keywords:
            if keyword.arg in KEPT_LAUNCH_KWARGS:
                expr = ast.Expression(keyword.value)
                kwargs[keyword.arg] = eval(compile(expr, "<launch>", "eval"), namespace)
    if app is None and recorded:
        app, given = recorded[-1]
        kwargs = {k: v for k, v in given.items() if k in KEPT_LAUNCH_KWARGS}
    if app is None:
        app = namespace.get("demo")
    if not isinstance(app, blocks_cls):
        found = [v for v in namespace.values() if isinstance(v, blocks_cls)]
        app = found[-1] if found else None
    if app is None:
        raise RuntimeError("no Blocks object found in the app file")
    return app, kwargs


def local_file(value: dict[str, Any], samples: Path) -> str | None:
    """A local file standing in for an example file given by URL (or path) in ``value``."""
    where = str(value.get("path") or value.get("url") or "")
    if where and not where.startswith(("http://", "https://")) and Path(where).is_file():
        return where
    base = Path(where.split("?", maxsplit=1)[0]).name
    same_name = sorted(samples.glob(f"*/{base}")) if base else []
    if same_name:
        return str(same_name[0])
    candidate = samples / SAMPLE_BY_SUFFIX.get(Path(base).suffix.lower(), "data/sample.txt")
    return str(candidate) if candidate.is_file() else None


def derive_inputs(info: dict[str, Any], samples: Path) -> dict[str, list[Any]]:
    """Per named endpoint, its parameters' example inputs (files as ``{"__file__": path}``)."""
    inputs: dict[str, list[Any]] = {}
    for name, endpoint in (info.get("named_endpoints") or {}).items():
        params = endpoint.get("parameters") or []
        if not all("example_input" in p for p in params):
            continue
        inputs[name] = [_localize(p["example_input"], samples) for p in params]
    return inputs


def _localize(value: Any, samples: Path) -> Any:
    if isinstance(value, dict) and ("path" in value or "url" in value) and "meta" in value:
        path = local_file(value, samples)
        return {"__file__": path} if path else value
    if isinstance(value, list):
        return [_localize(v, samples) for v in value]
    if isinstance(value, dict):
        return {k: _localize(v, samples) for k, v in value.items()}
    return value


#: Stands for the app's folder in inputs passed from one framework's run to the other's.
APP_FOLDER = "<app>"


def _with_media(value: Any, samples: Path, folder: Path) -> Any:
    """``value`` with the other framework's paths made ours.

    Its sample media become our sample media, and files in its copy of the app folder
    (:data:`APP_FOLDER`) the same files in ours.
    """
    if isinstance(value, str) and value.startswith(APP_FOLDER + "/"):
        return str(folder) + value.removeprefix(APP_FOLDER)
    if isinstance(value, str) and "/media_assets/" in value:
        return str(samples / value.split("/media_assets/", 1)[1])
    if isinstance(value, list):
        return [_with_media(v, samples, folder) for v in value]
    if isinstance(value, dict):
        return {k: _with_media(v, samples, folder) for k, v in value.items()}
    return value


def _as_argument(value: Any, handle_file: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"__file__"}:
        return handle_file(value["__file__"])
    if isinstance(value, list):
        return [_as_argument(v, handle_file) for v in value]
    if isinstance(value, dict):
        return {k: _as_argument(v, handle_file) for k, v in value.items()}
    return value


def fingerprint(value: Any, roots: tuple[str, ...]) -> Any:
    """``value`` made JSON-comparable: files become their kind and content digest."""
    if isinstance(value, str) and value.startswith(roots) and os.path.isfile(value):
        return _file_digest(Path(value))
    if isinstance(value, (list, tuple)):
        return [fingerprint(v, roots) for v in value]
    if isinstance(value, dict):
        return {str(k): fingerprint(v, roots) for k, v in value.items()}
    if isinstance(value, float) and value != value:  # noqa: PLR0124 (NaN)
        return "NaN"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _file_digest(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    named = {"name": path.name}
    if suffix in {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"}:
        with contextlib.suppress(Exception):
            from PIL import Image

            with Image.open(path) as image:
                pixels = image.convert("RGBA").tobytes()
            digest = hashlib.sha256(pixels).hexdigest()[:16]
            return {**named, "pixels": digest, "size": list(image.size)}
    return {**named, "sha256": hashlib.sha256(data).hexdigest()[:16]}


def _isolate_draws(prefixes: tuple[str, ...]) -> None:
    """Give the frameworks' own modules a random generator of their own.

    What they draw (Gradio's queue shuffles its concurrency groups) then does not move the
    app's draws.
    """
    own = random.Random(1)
    for name, module in list(sys.modules.items()):
        if name.startswith(prefixes) and getattr(module, "random", None) is random:
            module.random = own  # type: ignore[attr-defined]


def _seed() -> None:
    """Seed the random number generators the apps draw from."""
    random.seed(0)
    with contextlib.suppress(ImportError):
        import numpy

        numpy.random.seed(0)


def start(args: argparse.Namespace, record: dict[str, Any], work: Path) -> tuple[Any, Any]:
    """Build and launch a copy of the app in ``work``; return the app and its launch keywords."""
    record.update(module=args.module, stage="import", error=None)
    other = "specblocks" if args.module == "gradio" else "gradio"
    sys.meta_path.insert(0, _Alias(other, args.module))
    module = importlib.import_module(args.module)
    source = Path(args.app).resolve()
    folder = work / "app"
    shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("__pycache__"))
    os.chdir(folder)
    record["app_folder"] = str(folder)
    sys.path.insert(0, str(folder))
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    # both frameworks draw the same random numbers: integers are the lowest allowed (so a
    # randomized slider starts at its minimum on both sides), the rest from one seed
    random.randint = lambda low, high: low  # type: ignore[assignment]
    _seed()
    record["stage"] = "build"
    app, kwargs = load_app(module, folder / source.name)
    record["stage"] = "launch"
    app.launch(
        server_name="127.0.0.1",
        server_port=free_port(),
        prevent_thread_lock=True,
        quiet=True,
        **kwargs,
    )
    record["url"] = app.local_url
    return app, kwargs


def run(args: argparse.Namespace, record: dict[str, Any], work: Path) -> None:
    """Build, launch, describe and call the app in ``work``, filling ``record`` as it goes."""
    import httpx
    from gradio_client import Client, handle_file

    app, kwargs = start(args, record, work)
    url = record["url"]
    folder = Path(record["app_folder"])
    try:
        record["stage"] = "describe"
        with httpx.Client(timeout=30) as http:
            auth = kwargs.get("auth")
            if isinstance(auth, (tuple, list)):
                http.post(url + "login", data={"username": auth[0], "password": auth[1]})
            record["config"] = http.get(url + "config").json()
            record["info"] = http.get(url + "gradio_api/info").json()
        if args.inputs:
            inputs = _with_media(
                json.loads(Path(args.inputs).read_text()), Path(args.samples), folder
            )
        else:
            inputs = derive_inputs(record["info"], Path(args.samples))
        # each endpoint twice, in the same order on both sides (so that state the calls
        # change is the same); outputs that differ between the two are not compared
        repeat = 2
        record["inputs"] = inputs
        record["stage"] = "call"
        downloads = work / "downloads"
        client = Client(
            url,
            verbose=False,
            download_files=str(downloads),
            auth=tuple(auth) if isinstance(auth, (tuple, list)) else None,
        )
        roots = (str(downloads), tempfile.gettempdir(), str(folder))
        calls: dict[str, Any] = {}
        for name, values in inputs.items():
            outcomes = []
            for _ in range(repeat):
                started = time.monotonic()
                _isolate_draws(("gradio", "specblocks"))
                _seed()  # the same draws on both sides, whatever was drawn before
                try:
                    job = client.submit(*_as_argument(values, handle_file), api_name=name)
                    out = job.result(timeout=CALL_TIMEOUT)
                    outcomes.append({"ok": True, "output": fingerprint(out, roots)})
                except Exception as exc:
                    outcomes.append({"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]})
                outcomes[-1]["seconds"] = round(time.monotonic() - started, 2)
            calls[name] = outcomes
        record["calls"] = calls
        record["stage"] = "done"
        client.close()
    finally:
        with contextlib.suppress(Exception):
            app.close()


def serve(args: argparse.Namespace, record: dict[str, Any], work: Path, out: Path) -> None:
    """Launch the app, write its address to ``out`` and serve until standard input closes."""
    app, _ = start(args, record, work)
    record["stage"] = "serving"
    out.write_text(json.dumps(record, indent=1, default=repr))
    try:
        sys.stdin.read()
    finally:
        with contextlib.suppress(Exception):
            app.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point: write the record (or the failure) to ``--out``."""
    parser = argparse.ArgumentParser(prog="python -m parity_api.worker")
    parser.add_argument("--module", choices=["gradio", "specblocks"], required=True)
    parser.add_argument("--app", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--inputs")
    parser.add_argument("--samples", required=True, help="folder of sample media files")
    parser.add_argument(
        "--serve",
        action="store_true",
        help="only launch the app: write its address to --out, serve until stdin closes",
    )
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()  # the app changes the working folder
    record: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="parity-"))
    try:
        if args.serve:
            serve(args, record, work, out)
        else:
            run(args, record, work)
    except BaseException as exc:
        record["error"] = f"{type(exc).__name__}: {exc}"[:500]
        record["traceback"] = traceback.format_exc()[-3000:]
    out.write_text(json.dumps(record, indent=1, default=repr))
    os.chdir(out.parent)
    shutil.rmtree(work, ignore_errors=True)  # the app's copy and the downloaded outputs
    sys.stdout.flush()
    os._exit(0)  # app threads and servers end with the process


if __name__ == "__main__":
    raise SystemExit(main())
