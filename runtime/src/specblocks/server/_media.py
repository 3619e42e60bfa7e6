"""Streamed media outputs: the chunks a generator yields to a ``streaming=True`` Audio output.

Each run of a generator (one event) gets one :class:`MediaStream` per streaming output, keyed
by session, event and component, as Gradio keys them. The chunks are served as an HLS-style
playlist (``P/stream/{session}/{run}/{component}/playlist.m3u8``, one segment per chunk), and
as one file once joined (``.../playlist-file``). The output's value on the queue stream is a
FileData with ``is_stream: true`` whose ``url`` is the playlist, as Gradio sends it.

May import: :mod:`specblocks.core` (audio chunks) and the standard library.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from specblocks.core._audio_io import AudioChunk, join_audio
from specblocks.core._files import default_cache

#: Streams kept at once (oldest dropped first): their chunks live in memory until then.
STREAMS_KEPT = 1_000
#: A playlist entry's length when a chunk's own cannot be told without decoding it.
UNKNOWN_SECONDS = 1.0
_MIME = {".wav": "audio/wav", ".mp3": "audio/mpeg"}


@dataclass
class Segment:
    """One chunk of a stream, as served."""

    id: str
    chunk: AudioChunk

    @property
    def extension(self) -> str:
        """The chunk's extension (``.bin`` when unknown)."""
        return self.chunk.extension or ".bin"

    @property
    def mime_type(self) -> str:
        """The chunk's media type."""
        return _MIME.get(self.chunk.extension, "application/octet-stream")


@dataclass
class MediaStream:
    """The chunks of one streaming output in one run."""

    component: str
    segments: list[Segment] = field(default_factory=list)
    ended: bool = False
    #: the joined file, once asked for after the stream ended
    combined: str | None = None

    def playlist(self, signature: str | None = None) -> str:
        """The HLS playlist of the segments so far (``#EXT-X-ENDLIST`` once ended)."""
        durations = [s.chunk.seconds or UNKNOWN_SECONDS for s in self.segments]
        target = max([1, *(int(d) + 1 for d in durations)])
        lines = [
            "#EXTM3U",
            "#EXT-X-PLAYLIST-TYPE:EVENT",
            f"#EXT-X-TARGETDURATION:{target}",
            "#EXT-X-VERSION:4",
            "#EXT-X-MEDIA-SEQUENCE:0",
            "#EXT-X-START:TIME-OFFSET=0",
        ]
        query = f"?__sign={signature}" if signature else ""
        for segment, seconds in zip(self.segments, durations, strict=True):
            lines += [f"#EXTINF:{seconds:.6f},", f"{segment.id}{segment.extension}{query}"]
        if self.ended:
            lines.append("#EXT-X-ENDLIST")
        return "\n".join(lines) + "\n"

    def segment(self, segment_id: str) -> Segment | None:
        """The segment with this id."""
        return next((s for s in self.segments if s.id == segment_id), None)

    def combined_file(self) -> str:
        """The chunks joined into one file in the cache (made once, after the stream ended).

        Raises:
            AudioFormatError: The chunks cannot be joined (different sample rates).
            FfmpegMissingError: A chunk needs ffmpeg to decode, which is not installed.
        """
        if self.combined is None or not self.ended:
            data, extension = join_audio([s.chunk for s in self.segments], self.component)
            path = str(default_cache().store_bytes(data, f"audio-stream{extension}"))
            if not self.ended:
                return path
            self.combined = path
        return self.combined


class MediaStreams:
    """Every streaming output's chunks, by (session, run, component id); bounded in number."""

    def __init__(self, kept: int = STREAMS_KEPT) -> None:
        self.kept = kept
        self._streams: OrderedDict[tuple[str, str, int], MediaStream] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: tuple[str, str, int], component: str, chunk: AudioChunk | None) -> None:
        """Append ``chunk`` (None: only open the stream) to the stream at ``key``."""
        with self._lock:
            stream = self._streams.get(key)
            if stream is None:
                stream = self._streams[key] = MediaStream(component)
                while len(self._streams) > self.kept:
                    self._streams.popitem(last=False)
            if chunk is not None:
                stream.segments.append(Segment(uuid.uuid4().hex, chunk))

    def end(self, session_hash: str, run: str) -> None:
        """The run is over: its streams get their ``#EXT-X-ENDLIST``."""
        with self._lock:
            for (session, stream_run, _), stream in self._streams.items():
                if session == session_hash and stream_run == run:
                    stream.ended = True

    def get(self, key: tuple[str, str, int]) -> MediaStream | None:
        """The stream at ``key``, if it is still kept."""
        return self._streams.get(key)

    def drop_session(self, session_hash: str) -> None:
        """Forget a closed session's streams."""
        with self._lock:
            for key in [k for k in self._streams if k[0] == session_hash]:
                del self._streams[key]


def stream_file_data(
    key: tuple[str, str, int], file_root: str, extension: str = ".mp3"
) -> dict[str, Any]:
    """The value a streaming output sends: a FileData of the stream's playlist."""
    session, run, component_id = key
    path = f"{session}/{run}/{component_id}/playlist.m3u8"
    return {
        "path": path,
        "url": f"{file_root}/stream/{path}" if file_root else None,
        "size": None,
        "orig_name": f"audio-stream{extension or '.mp3'}",
        "mime_type": None,
        "is_stream": True,
        "meta": {"_type": "gradio.FileData"},
    }
