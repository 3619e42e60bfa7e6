"""Drivers of the media and file components.

Audio, Video, File, FileExplorer, UploadButton and DownloadButton.

Files come from ``specblocks/testing/fixtures`` (see ``make_media_fixtures.py`` there). The
test browser has fake media devices, so recording from the microphone or webcam works
headless.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from playwright.sync_api import Locator

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TONE = FIXTURES / "media_tone.wav"
CLIP = FIXTURES / "media_clip.webm"
NOTES = FIXTURES / "file_notes.txt"
TABLE = FIXTURES / "file_table.csv"
EXPLORER = FIXTURES / "explorer"


def _ends_with(name: str) -> str:
    """A pattern for the JSON text of a path value ending in ``name``."""
    return name.replace(".", r"\.") + '"$'


def _button(s: Subject, name: str) -> Locator:
    return s.root.get_by_role("button", name=name, exact=True)


def _upload(s: Subject, *paths: Path) -> None:
    s.root.locator("input[type=file]").first.set_input_files([str(p) for p in paths])


def _no_editing(s: Subject) -> None:
    """The non-interactive copy offers no way to add media."""
    from playwright.sync_api import expect

    expect(s.static).to_be_visible()
    expect(
        s.static.locator(".sb-drop-target, .sb-recorder-record, input[type=file]")
    ).to_have_count(0)


class _Media(Driver):
    """What Audio and Video share: upload, clear and playback."""

    fixture: ClassVar[Path] = TONE

    def check_static(self, s: Subject) -> None:
        _no_editing(s)

    def load(self, s: Subject) -> None:
        """Upload the fixture and wait for the player."""
        from playwright.sync_api import expect

        _upload(s, self.fixture)
        expect(_button(s, "Play")).to_be_visible()

    def play(self, s: Subject) -> None:
        from playwright.sync_api import expect

        self.load(s)
        _button(s, "Play").click()
        expect(_button(s, "Pause")).to_be_visible()

    def event_upload(self, s: Subject) -> Expect:
        _upload(s, self.fixture)
        return Expect(value_matches=_ends_with(self.fixture.name))

    def event_input(self, s: Subject) -> Expect:
        _upload(s, self.fixture)
        return Expect(value_matches=_ends_with(self.fixture.name))

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=_ends_with(self.fixture.name))

    def event_clear(self, s: Subject) -> Expect:
        self.load(s)
        _button(s, "Clear").click()
        return Expect(value=None)

    def event_play(self, s: Subject) -> Expect:
        self.load(s)
        _button(s, "Play").click()
        return Expect(value_matches=_ends_with(self.fixture.name))

    def event_pause(self, s: Subject) -> Expect:
        self.play(s)
        _button(s, "Pause").click()
        return Expect(value_matches=_ends_with(self.fixture.name))

    def event_stop(self, s: Subject) -> Expect:
        self.play(s)
        _button(s, "Stop").click()
        return Expect(value_matches=_ends_with(self.fixture.name))


@register_driver
class AudioDriver(_Media):
    component = "Audio"
    # Streaming with both sources: `stream` fires while recording, uploads still work.
    kwargs: ClassVar[dict[str, Any]] = {
        "streaming": True,
        "sources": ["upload", "microphone"],
        "type": "filepath",
    }
    new_value = str(TONE)
    fixture = TONE

    def record(self, s: Subject) -> None:
        from playwright.sync_api import expect

        _button(s, "Microphone").click()
        _button(s, "Record").click()
        expect(_button(s, "Stop recording")).to_be_visible()

    def event_start_recording(self, s: Subject) -> Expect:
        _button(s, "Microphone").click()
        _button(s, "Record").click()
        return Expect(value=None)

    def event_pause_recording(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        self.record(s)
        _button(s, "Pause").click()
        expect(_button(s, "Resume")).to_be_visible()
        return Expect(value=None)

    def event_stop_recording(self, s: Subject) -> Expect:
        self.record(s)
        s.page.wait_for_timeout(600)
        _button(s, "Stop recording").click()
        # A streaming component sends the recording in chunks and keeps no value.
        return Expect(value=None)

    def event_stream(self, s: Subject) -> Expect:
        self.record(s)
        return Expect(value_matches=_ends_with("stream.wav"))


@register_driver
class VideoDriver(_Media):
    component = "Video"
    new_value = str(CLIP)
    fixture = CLIP

    def event_end(self, s: Subject) -> Expect:
        self.load(s)
        _button(s, "Play").click()
        return Expect(value_matches=_ends_with(self.fixture.name))

    def event_start_recording(self, s: Subject) -> Expect:
        _button(s, "Webcam").click()
        _button(s, "Record").click()
        return Expect(value=None)

    def event_stop_recording(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        _button(s, "Webcam").click()
        _button(s, "Record").click()
        expect(_button(s, "Stop recording")).to_be_visible()
        s.page.wait_for_timeout(800)
        _button(s, "Stop recording").click()
        return Expect(value_matches=_ends_with("recording.webm"))


@register_driver
class FileDriver(Driver):
    component = "File"
    kwargs: ClassVar[dict[str, Any]] = {"file_count": "multiple"}
    new_value: ClassVar[list[str]] = [str(NOTES), str(TABLE)]

    both: ClassVar[str] = r'file_notes\.txt",\s*"[^"]*file_table\.csv"\]$'

    def check_static(self, s: Subject) -> None:
        _no_editing(s)

    def load(self, s: Subject) -> None:
        from playwright.sync_api import expect

        _upload(s, NOTES, TABLE)
        expect(_button(s, "Remove file_table.csv")).to_be_visible()

    def event_upload(self, s: Subject) -> Expect:
        _upload(s, NOTES, TABLE)
        return Expect(value_matches=self.both)

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=self.both)

    def event_clear(self, s: Subject) -> Expect:
        self.load(s)
        _button(s, "Clear").click()
        return Expect(value=None)

    def event_delete(self, s: Subject) -> Expect:
        self.load(s)
        _button(s, "Remove file_notes.txt").click()
        return Expect(
            value_matches=r'^\["[^"]*file_table\.csv"\]$', data={"orig_name": "file_notes.txt"}
        )

    def event_select(self, s: Subject) -> Expect:
        self.load(s)
        _button(s, "file_table.csv").click()
        return Expect(data={"index": 1, "value": "file_table.csv", "selected": True})

    def event_download(self, s: Subject) -> Expect:
        self.load(s)
        with s.page.expect_download() as download:
            s.root.get_by_role("link", name="Download file_notes.txt").click()
        assert download.value.suggested_filename == "file_notes.txt"
        return Expect(value_matches=self.both, data={"orig_name": "file_notes.txt"})


@register_driver
class FileExplorerDriver(Driver):
    component = "FileExplorer"
    kwargs: ClassVar[dict[str, Any]] = {"root_dir": str(EXPLORER)}
    new_value = "docs/guide.md"

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("checkbox").first

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("checkbox").first

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        expect(self.static_control(s)).to_be_disabled()

    def event_select(self, s: Subject) -> Expect:
        s.root.get_by_role("checkbox", name="readme.txt").check()
        return Expect(
            value=[os.path.join(EXPLORER, "readme.txt")],
            data={"index": 1, "value": "readme.txt", "selected": True},
        )

    def event_input(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Open folder docs").click()
        s.root.get_by_role("checkbox", name="notes.txt").check()
        return Expect(value=[os.path.join(EXPLORER, "docs", "notes.txt")])

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value=[os.path.join(EXPLORER, "docs", "guide.md")])


@register_driver
class UploadButtonDriver(Driver):
    component = "UploadButton"
    new_value = str(NOTES)

    def event_click(self, s: Subject) -> Expect:
        with s.page.expect_file_chooser() as chooser:
            s.root.get_by_role("button").click()
        chooser.value.set_files([])
        return Expect(value=None)

    def event_upload(self, s: Subject) -> Expect:
        with s.page.expect_file_chooser() as chooser:
            s.root.get_by_role("button").click()
        chooser.value.set_files(str(NOTES))
        return Expect(value_matches=_ends_with(NOTES.name))


@register_driver
class DownloadButtonDriver(Driver):
    component = "DownloadButton"
    kwargs: ClassVar[dict[str, Any]] = {"value": str(NOTES)}
    new_value = str(TABLE)

    def event_click(self, s: Subject) -> Expect:
        with s.page.expect_download() as download:
            s.root.get_by_role("button").click()
        assert download.value.suggested_filename == NOTES.name
        return Expect(value_matches=_ends_with(NOTES.name))
