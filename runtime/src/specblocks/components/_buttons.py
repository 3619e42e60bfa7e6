"""Buttons."""

from __future__ import annotations

from specblocks.components._generated.button import ButtonBase
from specblocks.components._generated.clear_button import ClearButtonBase
from specblocks.components._generated.deep_link_button import DeepLinkButtonBase
from specblocks.components._generated.download_button import DownloadButtonBase
from specblocks.components._generated.duplicate_button import DuplicateButtonBase
from specblocks.components._generated.login_button import LoginButtonBase
from specblocks.components._generated.upload_button import UploadButtonBase


class Button(ButtonBase):
    __doc__ = ButtonBase.__doc__


class ClearButton(ClearButtonBase):
    __doc__ = ClearButtonBase.__doc__


class DeepLinkButton(DeepLinkButtonBase):
    __doc__ = DeepLinkButtonBase.__doc__


class DownloadButton(DownloadButtonBase):
    __doc__ = DownloadButtonBase.__doc__


class DuplicateButton(DuplicateButtonBase):
    __doc__ = DuplicateButtonBase.__doc__


class LoginButton(LoginButtonBase):
    __doc__ = LoginButtonBase.__doc__


class UploadButton(UploadButtonBase):
    __doc__ = UploadButtonBase.__doc__


__all__ = [
    "Button",
    "ClearButton",
    "DeepLinkButton",
    "DownloadButton",
    "DuplicateButton",
    "LoginButton",
    "UploadButton",
]
