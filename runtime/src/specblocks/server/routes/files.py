"""Uploads and file downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import unquote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.datastructures import UploadFile

from specblocks.server._auth import current_user
from specblocks.server._context import ServerContext, context
from specblocks.server._files import FileNotAllowed

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
User = Annotated[str | None, Depends(current_user)]
_CHUNK = 1 << 20


@router.post("/upload")
async def upload(request: Request, ctx: Ctx, _user: User) -> list[str]:
    """Store the multipart parts named ``files``; answer with their server paths, in order."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(
            400, "Invalid content type: send multipart/form-data with parts named 'files'."
        )
    limit = ctx.settings.max_file_size
    async with request.form(max_files=10_000, max_fields=10_000) as form:
        parts = [p for p in form.getlist("files") if isinstance(p, UploadFile)]
        paths = []
        for part in parts:
            if limit is not None and part.size is not None and part.size > limit:
                raise HTTPException(
                    413, f"File {part.filename!r} is larger than the {limit} bytes allowed."
                )
            data = await part.read()
            paths.append(str(ctx.files.cache.store_bytes(data, Path(part.filename or "file").name)))
    return paths


def _serve(ctx: ServerContext, raw: str) -> FileResponse:
    try:
        path = ctx.files.resolve(unquote(raw))
    except FileNotAllowed as exc:
        raise HTTPException(403, str(exc)) from None
    if not path.is_file():
        raise HTTPException(403, f"File not allowed: {raw}.")
    return FileResponse(path, filename=path.name, content_disposition_type="inline")


@router.api_route("/file={path:path}", methods=["GET", "HEAD"])
def file_equals(path: str, ctx: Ctx, _user: User) -> FileResponse:
    """Serve a file the server handed out (uploads, outputs, allowed paths)."""
    return _serve(ctx, path)


@router.api_route("/file/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def file_slash(path: str, ctx: Ctx, _user: User) -> FileResponse:
    """The same as ``/file=``, for clients that build the other form."""
    return _serve(ctx, path if path.startswith("/") else f"/{path}")
