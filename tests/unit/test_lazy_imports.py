"""``import specblocks`` leaves NumPy, pandas and Pillow unimported until a value needs them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

HEAVY = ["numpy", "pandas", "PIL"]


def _loaded_after(code: str) -> list[str]:
    """The heavy libraries in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_import_specblocks_loads_none_of_them() -> None:
    assert _loaded_after("import specblocks") == []


def test_serving_an_app_with_media_and_table_components_loads_none_of_them() -> None:
    # Built, launched, its page config and API info served and a text event run: an app whose
    # values are text and lists of rows never needs the three libraries.
    code = """
        import socket
        import httpx
        import specblocks as gr
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with gr.Blocks() as demo:
            gr.Image(); gr.Audio(); gr.Gallery(); gr.Video(); gr.Plot(); gr.LinePlot()
            table = gr.Dataframe(value=[[1, 2]], headers=["a", "b"])
            text = gr.Textbox()
            text.submit(lambda t: [[t, len(t)]], text, table, api_name="rows")
        demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
        try:
            base = f"http://127.0.0.1:{port}"
            assert httpx.get(base + "/config").status_code == 200
            assert httpx.get(base + "/gradio_api/info").status_code == 200
            done = httpx.post(base + "/gradio_api/run/rows", json={"data": ["hey"]}, timeout=30)
            assert done.json()["data"][0]["data"] == [["hey", 3]], done.text
        finally:
            demo.close()
    """
    assert _loaded_after(code) == []


@pytest.mark.parametrize(
    ("code", "library"),
    [
        ('gr.Dataframe(type="pandas").preprocess({"headers": ["a"], "data": [[1]]})', "pandas"),
        ('gr.Dataframe(type="numpy").preprocess({"headers": ["a"], "data": [[1]]})', "numpy"),
        ("gr.Audio().postprocess((8000, __import__('numpy').zeros(80, 'int16')))", "numpy"),
        ("gr.Image().postprocess(__import__('numpy').zeros((4, 4, 3), 'uint8'))", "PIL"),
    ],
)
def test_a_component_loads_its_library_when_a_value_needs_it(code: str, library: str) -> None:
    assert library in _loaded_after(f"import specblocks as gr\n{code}\n")


def test_values_of_the_libraries_are_recognised_once_the_user_imports_them() -> None:
    code = """
        import numpy as np
        import pandas as pd
        import specblocks as gr
        from specblocks.core._loaded import is_dataframe, is_ndarray, is_numpy_bool
        from specblocks.core._loaded import is_numpy_scalar, is_pil_image, is_styler

        frame = pd.DataFrame({"a": [1, 2]})
        assert is_dataframe(frame) and not is_dataframe([[1, 2]])
        assert is_ndarray(np.zeros(2)) and not is_ndarray([0, 0])
        assert is_numpy_scalar(np.float32(1)) and not is_numpy_scalar(1.0)
        assert is_numpy_bool(np.bool_(True)) and not is_numpy_bool(True)
        assert not is_pil_image(frame)
        assert is_styler(frame.style) and not is_styler(frame)
        out = gr.Dataframe().postprocess(frame.style)
        assert out["headers"] == ["a"] and out["data"] == [[1], [2]], out
        assert gr.JSON().postprocess({"x": np.arange(3)}) == {"x": [0, 1, 2]}
    """
    assert set(_loaded_after(code)) >= {"numpy", "pandas"}
