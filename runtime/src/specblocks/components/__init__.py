"""Every component of the catalog.

``__all__`` is the catalog: one class per spec. Gradio's presets and other spellings
(``TextArea``, ``Files``, ``Text``, ``DataFrame`` …, see ``_templates``) are importable from
here too, but stay out of ``__all__`` because they are no catalog classes; ``specblocks``
exports them.
"""

from __future__ import annotations

from specblocks.components._annotated_image import AnnotatedImage
from specblocks.components._audio import Audio
from specblocks.components._buttons import (
    Button,
    ClearButton,
    DeepLinkButton,
    DuplicateButton,
    LoginButton,
)
from specblocks.components._chat import Chatbot
from specblocks.components._choices import (
    Checkbox,
    CheckboxGroup,
    ColorPicker,
    Dropdown,
    Radio,
    Slider,
)
from specblocks.components._data import (
    JSON,
    Dataframe,
    Dataset,
    Label,
    Navbar,
    ParamViewer,
)
from specblocks.components._file import DownloadButton, File, UploadButton
from specblocks.components._file_explorer import FileExplorer
from specblocks.components._gallery import Gallery
from specblocks.components._image import Image, ImageSlider, SimpleImage
from specblocks.components._image_editor import ImageEditor
from specblocks.components._model3d import Model3D
from specblocks.components._plots import BarPlot, LinePlot, Plot, ScatterPlot
from specblocks.components._state import BrowserState, State, Timer
from specblocks.components._templates import Annotatedimage as Annotatedimage
from specblocks.components._templates import Checkboxgroup as Checkboxgroup
from specblocks.components._templates import DataFrame as DataFrame
from specblocks.components._templates import Files as Files
from specblocks.components._templates import Highlightedtext as Highlightedtext
from specblocks.components._templates import ImageMask as ImageMask
from specblocks.components._templates import Json as Json
from specblocks.components._templates import List as List
from specblocks.components._templates import Matrix as Matrix
from specblocks.components._templates import Mic as Mic
from specblocks.components._templates import Microphone as Microphone
from specblocks.components._templates import Numpy as Numpy
from specblocks.components._templates import Paint as Paint
from specblocks.components._templates import PlayableVideo as PlayableVideo
from specblocks.components._templates import Sketchpad as Sketchpad
from specblocks.components._templates import Text as Text
from specblocks.components._templates import TextArea as TextArea
from specblocks.components._text import (
    HTML,
    Code,
    DateTime,
    Dialogue,
    HighlightedText,
    Markdown,
    MultimodalTextbox,
    Number,
    Textbox,
)
from specblocks.components._video import Video

# The base class of every component, for annotations (``gr.components.Component``); not a
# catalog entry, so it is not in ``__all__``.
from specblocks.core import Component as Component

__all__ = [
    "HTML",
    "JSON",
    "AnnotatedImage",
    "Audio",
    "BarPlot",
    "BrowserState",
    "Button",
    "Chatbot",
    "Checkbox",
    "CheckboxGroup",
    "ClearButton",
    "Code",
    "ColorPicker",
    "Dataframe",
    "Dataset",
    "DateTime",
    "DeepLinkButton",
    "Dialogue",
    "DownloadButton",
    "Dropdown",
    "DuplicateButton",
    "File",
    "FileExplorer",
    "Gallery",
    "HighlightedText",
    "Image",
    "ImageEditor",
    "ImageSlider",
    "Label",
    "LinePlot",
    "LoginButton",
    "Markdown",
    "Model3D",
    "MultimodalTextbox",
    "Navbar",
    "Number",
    "ParamViewer",
    "Plot",
    "Radio",
    "ScatterPlot",
    "SimpleImage",
    "Slider",
    "State",
    "Textbox",
    "Timer",
    "UploadButton",
    "Video",
]
