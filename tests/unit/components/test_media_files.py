"""Data contract of the file components: File, UploadButton, DownloadButton, Model3D and
FileExplorer."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import specblocks as gr
from specblocks.core import _files
from specblocks.core._files import FileCache
from specblocks.exceptions import PayloadError


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileCache:
    """A fresh file cache for every test."""
    fresh = FileCache(tmp_path / "cache")
    monkeypatch.setattr(_files, "_default", fresh)
    return fresh


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "files"
    folder.mkdir()
    report = folder / "report.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    photo = folder / "photo.png"
    photo.write_bytes(b"\x89PNG not really")
    return {"report": report, "photo": photo}


def upload(path: Path) -> dict[str, Any]:
    return {"path": str(path), "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}


# -- File and UploadButton ----------------------------------------------------------------------
@pytest.mark.parametrize("component", [gr.File, gr.UploadButton])
def test_preprocess_single_filepath(component: type[Any], files: dict[str, Path]) -> None:
    received = component().preprocess(upload(files["report"]))
    assert received == str(files["report"])
    assert received.name == str(files["report"])  # old code reads `file.name`
    first = component().preprocess([upload(files["report"]), upload(files["photo"])])
    assert first == str(files["report"])
    assert component().preprocess(None) is None


@pytest.mark.parametrize("component", [gr.File, gr.UploadButton])
@pytest.mark.parametrize("file_count", ["multiple", "directory"])
def test_preprocess_lists(component: type[Any], file_count: str, files: dict[str, Path]) -> None:
    many = component(file_count=file_count)
    both = many.preprocess([upload(files["report"]), upload(files["photo"])])
    assert both == [str(files["report"]), str(files["photo"])]
    assert all(hasattr(item, "name") for item in both)
    assert many.preprocess(upload(files["photo"])) == [str(files["photo"])]
    binary = component(file_count=file_count, type="binary")
    assert binary.preprocess([upload(files["report"])]) == [b"%PDF-1.4 report"]


@pytest.mark.parametrize("component", [gr.File, gr.UploadButton])
def test_preprocess_binary(component: type[Any], files: dict[str, Path]) -> None:
    assert component(type="binary").preprocess(upload(files["report"])) == b"%PDF-1.4 report"
    with pytest.raises(PayloadError, match="does not exist"):
        component(type="binary").preprocess(upload(files["report"].with_name("gone.pdf")))


@pytest.mark.parametrize(
    ("file_types", "allowed"),
    [
        (["image"], True),
        ([".png"], True),
        ([".PNG"], True),
        ([".jpg", ".png"], True),
        (["file"], True),
        (["video"], False),
        ([".jpg"], False),
        (["png"], False),
    ],
)
def test_preprocess_checks_file_types(
    file_types: list[str], allowed: bool, files: dict[str, Path]
) -> None:
    component = gr.File(file_types=file_types)
    if allowed:
        assert component.preprocess(upload(files["photo"])) == str(files["photo"])
    else:
        with pytest.raises(PayloadError, match="invalid file type"):
            component.preprocess(upload(files["photo"]))


@pytest.mark.parametrize("component", [gr.File, gr.UploadButton])
def test_preprocess_bad_payloads(component: type[Any]) -> None:
    with pytest.raises(PayloadError):
        component().preprocess("report.pdf")
    with pytest.raises(PayloadError):
        component().preprocess({"orig_name": "x"})
    with pytest.raises(PayloadError):
        component(file_count="multiple").preprocess([{"path": 3}])


@pytest.mark.parametrize("component", [gr.File, gr.UploadButton])
def test_postprocess(component: type[Any], files: dict[str, Path], cache: FileCache) -> None:
    payload = component().postprocess(files["report"])
    assert payload["orig_name"] == "report.pdf"
    assert payload["size"] == len(b"%PDF-1.4 report")
    assert payload["url"] is None
    assert cache.contains(payload["path"])
    assert Path(payload["path"]).read_bytes() == files["report"].read_bytes()
    listed = component().postprocess([str(files["report"]), files["photo"]])
    assert [item["orig_name"] for item in listed] == ["report.pdf", "photo.png"]
    assert component().postprocess(None) is None


@pytest.mark.parametrize("component", [gr.File, gr.UploadButton])
def test_postprocess_bad_values(component: type[Any], tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=component.NAME):
        component().postprocess(5)
    with pytest.raises(TypeError):
        component().postprocess([b"bytes"])
    with pytest.raises(ValueError, match="does not exist"):
        component().postprocess(tmp_path / "gone.txt")
    with pytest.raises(ValueError, match="not a file"):
        component().postprocess(tmp_path)


@pytest.mark.parametrize("component", [gr.File, gr.UploadButton])
def test_api_info_and_example_follow_file_count(component: type[Any]) -> None:
    single = component().api_info()
    assert single["type"] == "object"
    assert "path" in single["properties"]
    listed = component(file_count="multiple").api_info()
    assert listed["type"] == "array"
    assert listed["title"] == "ListFiles"
    assert listed["items"] == {"$ref": "#/$defs/FileData"}
    assert listed["$defs"]["FileData"]["properties"] == single["properties"]
    assert "FileDataMeta" in listed["$defs"]
    assert component(file_count="directory").api_info()["type"] == "array"
    example = component().example_payload()
    assert component(file_count="multiple").example_payload() == [example]


# -- DownloadButton and Model3D -----------------------------------------------------------------
@pytest.mark.parametrize("component", [gr.DownloadButton, gr.Model3D])
def test_path_components(component: type[Any], files: dict[str, Path], cache: FileCache) -> None:
    payload = component().postprocess(files["report"])
    assert payload["orig_name"] == "report.pdf"
    assert payload["size"] is None
    assert cache.contains(payload["path"])
    assert component().preprocess(payload) == payload["path"]
    url = component().postprocess("https://example.com/files/model.glb")
    assert url["path"] == "https://example.com/files/model.glb"
    assert url["orig_name"] == "model.glb"
    assert component().postprocess(None) is None
    assert component().preprocess(None) is None
    with pytest.raises(TypeError):
        component().postprocess(3)
    with pytest.raises(PayloadError):
        component().preprocess(3)


# -- FileExplorer -------------------------------------------------------------------------------
@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    (root / "sub" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text("a", encoding="utf-8")
    (root / "b.py").write_text("b", encoding="utf-8")
    (root / "sub" / "c.txt").write_text("c", encoding="utf-8")
    (root / "sub" / "skip.txt").write_text("s", encoding="utf-8")
    return root


def test_file_explorer_validates_settings(tree: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        gr.FileExplorer(root_dir=tree / "missing")
    with pytest.raises(ValueError, match="not a directory"):
        gr.FileExplorer(root_dir=tree / "a.txt")
    with pytest.raises(ValueError, match="file_count"):
        gr.FileExplorer(root_dir=tree, file_count="directory")  # type: ignore[arg-type]


def test_file_explorer_root_dir_is_absolute(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    explorer = gr.FileExplorer()
    assert explorer.root_dir == "."
    monkeypatch.chdir(tree / "sub")
    assert explorer.preprocess([["sub", "c.txt"]]) == [os.path.join(str(tree), "sub", "c.txt")]


def test_file_explorer_preprocess(tree: Path) -> None:
    explorer = gr.FileExplorer(root_dir=tree)
    selected = explorer.preprocess([["a.txt"], ["sub", "c.txt"]])
    assert selected == [str(tree / "a.txt"), str(tree / "sub" / "c.txt")]
    assert explorer.preprocess([]) == []
    assert explorer.preprocess(None) is None
    single = gr.FileExplorer(root_dir=tree, file_count="single")
    assert single.preprocess([["a.txt"]]) == str(tree / "a.txt")
    assert single.preprocess([]) is None
    with pytest.raises(PayloadError, match="only one file"):
        single.preprocess([["a.txt"], ["b.py"]])


@pytest.mark.parametrize(
    "parts", [["..", "secret"], ["sub", "..", "..", "x"], ["/etc", "passwd"], ["a", 1], "a.txt"]
)
def test_file_explorer_rejects_bad_paths(tree: Path, parts: Any) -> None:
    with pytest.raises(PayloadError):
        gr.FileExplorer(root_dir=tree).preprocess([parts])


def test_file_explorer_bad_payload(tree: Path) -> None:
    with pytest.raises(PayloadError):
        gr.FileExplorer(root_dir=tree).preprocess("a.txt")


def test_file_explorer_postprocess(tree: Path) -> None:
    explorer = gr.FileExplorer(root_dir=tree)
    assert explorer.postprocess(str(tree / "sub" / "c.txt")) == [["sub", "c.txt"]]
    assert explorer.postprocess([tree / "a.txt", os.path.join("sub", "c.txt")]) == [
        ["a.txt"],
        ["sub", "c.txt"],
    ]
    assert explorer.postprocess(None) is None
    with pytest.raises(TypeError):
        explorer.postprocess(3)
    with pytest.raises(TypeError):
        explorer.postprocess([3])


def test_file_explorer_ls(tree: Path) -> None:
    explorer = gr.FileExplorer(root_dir=tree, glob="*.txt", ignore_glob="*skip*")
    assert explorer.ls() == [
        {"name": "sub", "type": "folder", "valid": False},
        {"name": "a.txt", "type": "file", "valid": True},
    ]
    assert explorer.ls(["sub"]) == [
        {"name": "deep", "type": "folder", "valid": False},
        {"name": "c.txt", "type": "file", "valid": True},
    ]
    assert explorer.ls(["nope"]) == []
    with pytest.raises(PayloadError):
        explorer.ls([".."])


def test_file_explorer_api_info(tree: Path) -> None:
    explorer = gr.FileExplorer(root_dir=tree)
    assert explorer.api_info()["type"] == "array"
    assert explorer.example_payload() == [["gradio", "app.py"]]
