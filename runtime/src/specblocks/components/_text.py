"""Text inputs and text displays."""

from __future__ import annotations

from specblocks.components._generated.code import CodeBase
from specblocks.components._generated.date_time import DateTimeBase
from specblocks.components._generated.dialogue import DialogueBase
from specblocks.components._generated.highlighted_text import HighlightedTextBase
from specblocks.components._generated.html import HTMLBase
from specblocks.components._generated.markdown import MarkdownBase
from specblocks.components._generated.multimodal_textbox import MultimodalTextboxBase
from specblocks.components._generated.number import NumberBase
from specblocks.components._generated.textbox import TextboxBase


class Textbox(TextboxBase):
    __doc__ = TextboxBase.__doc__


class MultimodalTextbox(MultimodalTextboxBase):
    __doc__ = MultimodalTextboxBase.__doc__


class Code(CodeBase):
    __doc__ = CodeBase.__doc__


class Number(NumberBase):
    __doc__ = NumberBase.__doc__


class DateTime(DateTimeBase):
    __doc__ = DateTimeBase.__doc__


class HighlightedText(HighlightedTextBase):
    __doc__ = HighlightedTextBase.__doc__


class Dialogue(DialogueBase):
    __doc__ = DialogueBase.__doc__


class Markdown(MarkdownBase):
    __doc__ = MarkdownBase.__doc__


class HTML(HTMLBase):
    __doc__ = HTMLBase.__doc__


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
