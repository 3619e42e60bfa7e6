"""Upload and output file names are made safe before the cache writes them."""

from __future__ import annotations

import pytest

from specblocks.core._files import MAX_NAME_BYTES, safe_name


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("photo.png", "photo.png"),
        ("../../etc/passwd", "passwd"),
        ("c:\\Users\\me\\report.pdf", "report.pdf"),
        ("..", "file"),
        ("...", "file"),
        ("", "file"),
        ("  ", "file"),
        ("a\x00b.txt", "ab.txt"),
        ("line\nbreak.txt", "linebreak.txt"),
        ("\u202etxt.exe", "txt.exe"),
        ("été.txt", "été.txt"),
        (".hidden", ".hidden"),
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_a_long_name_is_shortened_keeping_its_extension() -> None:
    name = safe_name("é" * 300 + ".tar.gz")
    assert name.endswith(".gz")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.startswith("é")
    assert safe_name("x" * 500) == "x" * MAX_NAME_BYTES
