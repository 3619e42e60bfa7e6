"""Gradio's shortcut classes: components with other defaults, and other spellings of names.

``TextArea`` is a ``Textbox`` seven lines tall, ``Sketchpad`` an ``ImageEditor`` with a blank
canvas, ``Numpy`` a ``Dataframe`` handing the function a NumPy array, and so on. Each one is a
subclass whose constructor takes the same arguments as its base with other defaults; the
browser shows it as its base component. ``Text``, ``DataFrame``, ``Json`` … are the same class
as ``Textbox``, ``Dataframe``, ``JSON`` … under the names Gradio also accepts.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from specblocks._generated.payloads import Brush
from specblocks.components._annotated_image import AnnotatedImage
from specblocks.components._audio import Audio
from specblocks.components._choices import CheckboxGroup
from specblocks.components._data import JSON, Dataframe
from specblocks.components._file import File
from specblocks.components._image_editor import ImageEditor
from specblocks.components._layouts import Tab
from specblocks.components._text import HighlightedText, Textbox
from specblocks.components._video import Video

if TYPE_CHECKING:
    from specblocks.core._component import Component


def preset_init(
    base: type[Component],
    /,
    *,
    when_none: Mapping[str, Callable[[], Any]] | None = None,
    **defaults: Any,
) -> Callable[..., None]:
    """A constructor for a subclass of ``base`` that only changes some defaults.

    The constructor accepts exactly the arguments of ``base`` and reports ``base``'s signature
    with ``defaults`` in place (so ``inspect.signature`` and the API docs show them).

    Args:
        base: The component class whose constructor is called.
        when_none: Values made for arguments left at (or given as) None, for presets that must
            not be shared between instances or that the signature shows as None.
        **defaults: New defaults of keyword-only arguments of ``base``.

    Raises:
        TypeError: A preset names an argument that ``base`` has not, or one that can be given
            positionally.
    """
    base_init = base.__init__
    signature = inspect.signature(base_init)
    fills = dict(when_none or {})
    for name in [*defaults, *fills]:
        parameter = signature.parameters.get(name)
        if parameter is None or parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            raise TypeError(f"{base.__name__} has no keyword-only argument {name!r} to preset")

    def __init__(self: Component, *args: Any, **kwargs: Any) -> None:  # noqa: N807
        for name, value in defaults.items():
            kwargs.setdefault(name, value)
        for name, make in fills.items():
            if kwargs.get(name) is None:
                kwargs[name] = make()
        base_init(self, *args, **kwargs)

    __init__.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            p.replace(default=defaults[p.name]) if p.name in defaults else p
            for p in signature.parameters.values()
        ]
    )
    return __init__


def _fixed_black_brush() -> Brush:
    black: list[str | list[str | float]] = ["#000000"]
    return Brush(colors=black, color_mode="fixed")


# `if not TYPE_CHECKING` below: at runtime each class gets the preset constructor; type
# checkers see the base constructor, so calls are checked against its typed parameters.


class TextArea(Textbox):
    """A Textbox for longer text: seven lines tall, growing to twenty (`lines=7, max_lines=20`)."""

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("textarea",)
    if not TYPE_CHECKING:
        __init__ = preset_init(Textbox, lines=7, max_lines=20)


class Sketchpad(ImageEditor):
    """An ImageEditor on a blank canvas, drawn on with a black brush.

    Presets: `sources=()` (no background image), `transforms=("crop",)` and a brush fixed to
    black.
    """

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("sketchpad",)
    if not TYPE_CHECKING:
        __init__ = preset_init(
            ImageEditor,
            sources=(),
            transforms=("crop",),
            when_none={"brush": _fixed_black_brush},
        )


class Paint(ImageEditor):
    """An ImageEditor on a blank canvas with the full colour palette.

    Presets: `sources=()` (no background image) and `transforms=("crop",)`.
    """

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("paint",)
    if not TYPE_CHECKING:
        __init__ = preset_init(ImageEditor, sources=(), transforms=("crop",))


class ImageMask(ImageEditor):
    """An ImageEditor for drawing a mask over an uploaded image with a black brush.

    Presets: `transforms=("crop",)`, `layers=False` and a brush fixed to black.
    """

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("imagemask",)
    if not TYPE_CHECKING:
        __init__ = preset_init(
            ImageEditor,
            transforms=("crop",),
            layers=False,
            when_none={"brush": _fixed_black_brush},
        )


class PlayableVideo(Video):
    """A Video converted to MP4 so every browser can play it (`format="mp4"`).

    The user can only upload a video (`sources=["upload"]`) unless `sources` says otherwise.
    """

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("playablevideo",)
    if not TYPE_CHECKING:
        __init__ = preset_init(Video, format="mp4", when_none={"sources": lambda: ["upload"]})


class Microphone(Audio):
    """An Audio input recorded from the microphone, saved as WAV (`format="wav"`).

    The user can only record (`sources=["microphone"]`) unless `sources` says otherwise.
    """

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("microphone",)
    if not TYPE_CHECKING:
        __init__ = preset_init(Audio, format="wav", when_none={"sources": lambda: ["microphone"]})


class Files(File):
    """A File component for several files at once (`file_count="multiple"`)."""

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("files",)
    if not TYPE_CHECKING:
        __init__ = preset_init(File, file_count="multiple")


class Numpy(Dataframe):
    """A Dataframe handing the function a NumPy array (`type="numpy"`), one row to start."""

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("numpy",)
    if not TYPE_CHECKING:
        __init__ = preset_init(Dataframe, type="numpy", row_count=1)


class Matrix(Dataframe):
    """A Dataframe handing the function a list of rows (`type="array"`), one row to start."""

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("matrix",)
    if not TYPE_CHECKING:
        __init__ = preset_init(Dataframe, type="array", row_count=1)


class List(Dataframe):
    """A one-column Dataframe handing the function a list of rows (`type="array"`)."""

    SHORTCUTS: ClassVar[tuple[str, ...]] = ("list",)
    if not TYPE_CHECKING:
        __init__ = preset_init(Dataframe, type="array", row_count=1, column_count=1)


Mic = Microphone
Text = Textbox
DataFrame = Dataframe
Checkboxgroup = CheckboxGroup
Highlightedtext = HighlightedText
Json = JSON
Annotatedimage = AnnotatedImage
TabItem = Tab

TEMPLATES: tuple[type[Component], ...] = (
    TextArea,
    Sketchpad,
    Paint,
    ImageMask,
    PlayableVideo,
    Microphone,
    Files,
    Numpy,
    Matrix,
    List,
)
"""The classes that preset another component's defaults."""

ALIASES: dict[str, type[Any]] = {
    "Annotatedimage": Annotatedimage,
    "Checkboxgroup": Checkboxgroup,
    "DataFrame": DataFrame,
    "Highlightedtext": Highlightedtext,
    "Json": Json,
    "Mic": Mic,
    "TabItem": TabItem,
    "Text": Text,
}
"""Other names of classes, as Gradio exports them."""

__all__ = [
    "Annotatedimage",
    "Checkboxgroup",
    "DataFrame",
    "Files",
    "Highlightedtext",
    "ImageMask",
    "Json",
    "List",
    "Matrix",
    "Mic",
    "Microphone",
    "Numpy",
    "Paint",
    "PlayableVideo",
    "Sketchpad",
    "TabItem",
    "Text",
    "TextArea",
]
