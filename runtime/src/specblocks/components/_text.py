"""Text inputs and text displays."""

from __future__ import annotations

import inspect
import re
import warnings
from typing import Any, ClassVar, get_args

from specblocks._generated.code import CodeBase
from specblocks._generated.html import HTMLBase
from specblocks._generated.markdown import MarkdownBase
from specblocks._generated.textbox import TextboxBase
from specblocks.components._after_init import AfterInit
from specblocks.components._coerce import bad_payload, bad_value, text_payload
from specblocks.components._datetime import DateTime
from specblocks.components._dialogue import Dialogue
from specblocks.components._highlighted_text import HighlightedText
from specblocks.components._multimodal_textbox import MultimodalTextbox
from specblocks.components._number import Number
from specblocks.core._blocks import BlockContext
from specblocks.core._i18n import I18nData

_SINGLE_LINE_TYPES = ("password", "email")
_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)


class Textbox(TextboxBase, AfterInit):
    __doc__ = TextboxBase.__doc__

    def _after_init(self) -> None:
        if self.type not in ("text", *_SINGLE_LINE_TYPES):
            raise ValueError(
                f'Textbox: `type` must be "text", "password" or "email", got {self.type!r}'
            )
        if self.type in _SINGLE_LINE_TYPES:
            if self.lines != 1:
                warnings.warn(
                    f'Textbox: a "{self.type}" field has a single line; `lines` is ignored.',
                    UserWarning,
                    stacklevel=4,
                )
            if self.max_lines not in (None, 1):
                warnings.warn(
                    f'Textbox: a "{self.type}" field has a single line; `max_lines` is ignored.',
                    UserWarning,
                    stacklevel=4,
                )

    def preprocess(self, payload: Any) -> str | None:
        """Pass the entered text to the function as a string.

        Args:
            payload: The text sent by the browser (numbers are accepted and converted).

        Returns:
            The text, or None when no value was sent.

        Raises:
            PayloadError: The payload is not text.
        """
        return text_payload(self, payload)

    def postprocess(self, value: Any) -> str | None:
        """Show a returned value as text.

        Args:
            value: The text to show; any other value is converted with ``str()``.

        Returns:
            The text, or None (an empty field) for None.
        """
        return None if value is None else str(value)


class Code(CodeBase, AfterInit):
    __doc__ = CodeBase.__doc__

    #: Every value ``language`` accepts (None: plain text), as Gradio lists them.
    languages: ClassVar[list[str | None]]

    def _after_init(self) -> None:
        if self.language is not None and self.language not in Code.languages:
            raise ValueError(
                f"Code: language {self.language!r} is not supported; use one of {_code_languages()}"
            )

    def preprocess(self, payload: Any) -> str | None:
        """Pass the code in the editor to the function as a string.

        Args:
            payload: The code sent by the browser.

        Returns:
            The code, or None when no value was sent.

        Raises:
            PayloadError: The payload is not a string.
        """
        if payload is None or isinstance(payload, str):
            return payload
        raise bad_payload(self, "a string of code", payload)

    def postprocess(self, value: Any) -> str | None:
        """Show returned code, with leading and trailing whitespace removed.

        Args:
            value: The code as a string, or None to empty the editor.

        Returns:
            The stripped code, or None.

        Raises:
            ValueError: A tuple was returned (files are no longer accepted).
            TypeError: The value is not a string.
        """
        if value is None:
            return None
        if isinstance(value, tuple):
            raise ValueError(
                "Code no longer accepts a (file path,) tuple; read the file and return its "
                "contents as a string."
            )
        if not isinstance(value, str):
            raise bad_value(self, "a string of code", value)
        return value.strip()

    def process_example(self, value: Any) -> str | None:
        """The form of an example value shown in an examples table: the stripped code."""
        return self.postprocess(value)


def _code_languages() -> list[str]:
    """The languages the ``language`` annotation of the generated base allows."""
    annotation = CodeBase.__annotations__["language"]
    if isinstance(annotation, str):
        return re.findall(r"""["']([^"']+)["']""", annotation)
    return [arg for arg in get_args(get_args(annotation)[0]) if isinstance(arg, str)]


Code.languages = [*_code_languages(), None]


class Markdown(MarkdownBase):
    __doc__ = MarkdownBase.__doc__

    def preprocess(self, payload: Any) -> str | None:
        """Pass the Markdown source to the function as a string.

        Args:
            payload: The Markdown source sent by the browser.

        Returns:
            The source, or None when there is none.

        Raises:
            PayloadError: The payload is not a string.
        """
        if payload is None or isinstance(payload, str):
            return payload
        raise bad_payload(self, "a Markdown string", payload)

    def postprocess(self, value: Any) -> str | None:
        """Show returned Markdown, without the indentation common to its lines.

        Args:
            value: A Markdown string, a translatable string, or None to show nothing.

        Returns:
            The cleaned-up Markdown (a translatable string in its wire form), or None.

        Raises:
            TypeError: The value is neither a string nor a translatable string.
        """
        if value is None:
            return None
        if isinstance(value, I18nData):
            return str(value)
        if not isinstance(value, str):
            raise bad_value(self, "a Markdown string", value)
        return inspect.cleandoc(value)


def _warn_if_script(content: Any, where: str, stacklevel: int) -> None:
    if isinstance(content, str) and _SCRIPT_TAG.search(content):
        warnings.warn(
            f"HTML: the {where} contains a <script> tag, which the browser does not run when it "
            "inserts the HTML. Load libraries with `head=` and run code with `js_on_load=`.",
            UserWarning,
            stacklevel=stacklevel + 1,
        )


class HTML(HTMLBase, AfterInit, BlockContext):
    __doc__ = HTMLBase.__doc__

    def _after_init(self) -> None:
        _warn_if_script(self.html_template, "`html_template`", stacklevel=4)
        self.server_fns: list[Any] = []
        for fn in self.server_functions or []:
            setattr(self, getattr(fn, "__name__", repr(fn)), fn)
            self.server_fns.append(fn)

    def config_props(self) -> dict[str, Any]:
        """The browser's view of the extra template props and of the server functions.

        The extra keyword arguments (``**props``) are sent under "props", for the templates
        and ``js_on_load``; the server functions under "server_fns", by name, so that
        ``js_on_load`` can call them as ``server.<name>(...)`` (left out when there are none,
        as Gradio does); "component_class_name" is the class's name (a subclass's own).
        """
        props: dict[str, Any] = {
            "props": dict(self.props),
            "component_class_name": type(self).__name__,
        }
        if self.server_fns:
            props["server_fns"] = [getattr(fn, "__name__", repr(fn)) for fn in self.server_fns]
        return props

    def preprocess(self, payload: Any) -> Any:
        """Pass the component's current value to the function unchanged.

        Args:
            payload: The value: usually an HTML string, or whatever its JavaScript set.

        Returns:
            The same value.
        """
        return payload

    def postprocess(self, value: Any) -> Any:
        """Send a returned value to the browser to render through ``html_template``.

        A warning is given when an HTML string contains a ``<script>`` tag, which browsers do
        not run.

        Args:
            value: An HTML string or any JSON-serialisable value the template uses.

        Returns:
            The same value.
        """
        _warn_if_script(value, "value", stacklevel=2)
        return value


__all__ = [
    "HTML",
    "Code",
    "DateTime",
    "Dialogue",
    "HighlightedText",
    "Markdown",
    "MultimodalTextbox",
    "Number",
    "Textbox",
]
