"""Tables, JSON, labels and other structured data."""

from __future__ import annotations

from specblocks.components._generated.dataframe import DataframeBase
from specblocks.components._generated.dataset import DatasetBase
from specblocks.components._generated.file_explorer import FileExplorerBase
from specblocks.components._generated.json import JSONBase
from specblocks.components._generated.label import LabelBase
from specblocks.components._generated.navbar import NavbarBase
from specblocks.components._generated.param_viewer import ParamViewerBase


class Dataframe(DataframeBase):
    __doc__ = DataframeBase.__doc__


class Dataset(DatasetBase):
    __doc__ = DatasetBase.__doc__


class JSON(JSONBase):
    __doc__ = JSONBase.__doc__


class Label(LabelBase):
    __doc__ = LabelBase.__doc__


class FileExplorer(FileExplorerBase):
    __doc__ = FileExplorerBase.__doc__


class ParamViewer(ParamViewerBase):
    __doc__ = ParamViewerBase.__doc__


class Navbar(NavbarBase):
    __doc__ = NavbarBase.__doc__


__all__ = ["JSON", "Dataframe", "Dataset", "FileExplorer", "Label", "Navbar", "ParamViewer"]
