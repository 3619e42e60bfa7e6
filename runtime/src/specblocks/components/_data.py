"""Tables, JSON, labels and other structured data."""

from __future__ import annotations

from specblocks.components._dataframe import Dataframe
from specblocks.components._dataset import Dataset
from specblocks.components._structured import JSON, Label, Navbar, ParamViewer

__all__ = ["JSON", "Dataframe", "Dataset", "Label", "Navbar", "ParamViewer"]
