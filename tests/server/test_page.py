"""The page at ``/`` and the bundled browser UI it loads, in the server and in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def test_page_loads_the_bundle(http: httpx.Client) -> None:
    response = http.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<script type="module" src="assets/app.js"></script>' in page
    assert '<link rel="stylesheet" href="assets/app.css">' in page
    assert '<div id="sb-root"' in page
    assert 'href="gradio_api/docs"' in page  # the API page, for browsers without JavaScript


def test_assets_are_served_with_their_types(http: httpx.Client) -> None:
    script = http.get("/assets/app.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "sb-textbox" in script.text  # the elements are in the bundle
    style = http.get("/assets/app.css")
    assert style.status_code == 200
    assert style.headers["content-type"].startswith("text/css")
    assert ".sb-app" in style.text


def test_unknown_asset_is_a_404_naming_the_assets(http: httpx.Client) -> None:
    response = http.get("/assets/../../secrets.txt")
    assert response.status_code == 404
    response = http.get("/assets/other.js")
    assert response.status_code == 404
    assert "app.js" in response.json()["detail"]


def test_the_wheel_ships_the_bundle(tmp_path: Path) -> None:
    # A fresh `pip install` of runtime/ needs no Node.js: the built bundle is package data.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT / "runtime"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("specblocks-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"specblocks/frontend/app.js", "specblocks/frontend/app.css"} <= names
    committed = (ROOT / "runtime/src/specblocks/frontend/app.js").read_bytes()
    assert zipfile.ZipFile(wheel).read("specblocks/frontend/app.js") == committed
