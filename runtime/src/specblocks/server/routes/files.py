"""Uploads, file downloads, and the chunks of streamed media outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, Response
from starlette.datastructures import UploadFile

from specblocks.core._audio_io import AudioFormatError
from specblocks.core._media_io import FfmpegFailedError, FfmpegMissingError
from specblocks.core._samples import sample_file
from specblocks.server._auth import current_user
from specblocks.server._context import ServerContext, context
from specblocks.server._files import FileNotAllowed
from specblocks.server._media import MediaStream

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
User = Annotated[str | None, Depends(current_user)]
_CHUNK = 1 << 20


#: The upload's body as OpenAPI describes it (the route reads the form itself).
_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                }
            }
        },
    }
}


@router.post("/upload", openapi_extra=_UPLOAD_BODY)
async def upload(request: Request, ctx: Ctx, _user: User) -> list[str]:
    """Store the multipart parts named ``files``; answer with their server paths, in order."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(
            400, "Invalid content type: send multipart/form-data with parts named 'files'."
        )
    limit = ctx.settings.max_file_size
    async with request.form(max_files=10_000, max_fields=10_000) as form:
        parts = form.getlist("files")
        # every part is checked before any is kept: a refused upload leaves nothing behind
        for index, part in enumerate(parts):
            if not isinstance(part, UploadFile):
                raise HTTPException(
                    400, f"Part {index} named 'files' is not a file: send it with a file name."
                )
            if limit is not None and part.size is not None and part.size > limit:
                raise HTTPException(
                    413, f"File {part.filename!r} is larger than the {limit} bytes allowed."
                )
        paths = []
        for part in parts:
            assert isinstance(part, UploadFile)
            data = await part.read()
            paths.append(str(ctx.files.cache.store_bytes(data, part.filename or "file")))
    return paths


def _serve(ctx: ServerContext, raw: str) -> FileResponse:
    try:
        path = ctx.files.resolve(raw)  # decoded once, by the router
    except FileNotAllowed as exc:
        raise HTTPException(403, str(exc)) from None
    if not path.is_file():
        raise HTTPException(403, f"File not allowed: {raw}.")
    return FileResponse(path, filename=path.name, content_disposition_type="inline")


@router.get("/file={path:path}", operation_id="get_file")
@router.head("/file={path:path}", operation_id="head_file")
def file_equals(path: str, ctx: Ctx, _user: User) -> FileResponse:
    """Serve a file the server handed out (uploads, outputs, allowed paths)."""
    return _serve(ctx, path)


@router.api_route("/file/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def file_slash(path: str, ctx: Ctx, _user: User) -> FileResponse:
    """The same as ``/file=``, for clients that build the other form."""
    return _serve(ctx, path if path.startswith("/") else f"/{path}")


@router.get("/media/{folder}/{name}", operation_id="get_sample_media")
@router.head("/media/{folder}/{name}", operation_id="head_sample_media")
def sample_media(folder: str, name: str, _user: User) -> FileResponse:
    """Serve one of the sample media files shipped with specblocks (and nothing else)."""
    path = sample_file(f"{folder}/{name}")
    if path is None:
        raise HTTPException(404, f"No sample media file {folder}/{name}.")
    return FileResponse(path, filename=path.name, content_disposition_type="inline")


# -- streamed media outputs ------------------------------------------------------------------
_STREAM = "/stream/{session_hash}/{run}/{component_id}"


def _media_stream(
    ctx: ServerContext, session_hash: str, run: str, component_id: int
) -> MediaStream:
    stream = ctx.runner.media.get((session_hash, run, component_id))
    if stream is None:
        raise HTTPException(404, f"No media stream {session_hash}/{run}/{component_id}.")
    return stream


@router.get(_STREAM + "/playlist.m3u8")
def stream_playlist(
    session_hash: str, run: str, component_id: int, *, request: Request, ctx: Ctx, _user: User
) -> Response:
    """The HLS playlist of a streaming output's chunks so far (ended: ``#EXT-X-ENDLIST``)."""
    stream = _media_stream(ctx, session_hash, run, component_id)
    return Response(
        stream.playlist(request.query_params.get("__sign")),
        media_type="application/vnd.apple.mpegurl",
        headers={"Cache-Control": "no-store"},
    )


@router.get(_STREAM + "/playlist-file")
def stream_file(session_hash: str, run: str, component_id: int, ctx: Ctx, _user: User) -> Response:
    """The chunks so far joined into one file (WAV chunks as one WAV, MP3 end to end)."""
    stream = _media_stream(ctx, session_hash, run, component_id)
    try:
        path = stream.combined_file()
    except (AudioFormatError, FfmpegMissingError, FfmpegFailedError) as exc:
        raise HTTPException(422, str(exc)) from None
    return FileResponse(path, filename=Path(path).name, content_disposition_type="inline")


@router.get(_STREAM + "/{segment_id}.{ext}")
def stream_segment(
    session_hash: str, run: str, component_id: int, *, segment_id: str, ext: str, ctx: Ctx, _u: User
) -> Response:
    """One chunk of a streaming output, as the generator yielded it."""
    segment = _media_stream(ctx, session_hash, run, component_id).segment(segment_id)
    if segment is None or segment.extension != f".{ext}":
        raise HTTPException(404, f"No segment {segment_id}.{ext} in this stream.")
    return Response(segment.chunk.data, media_type=segment.mime_type)
