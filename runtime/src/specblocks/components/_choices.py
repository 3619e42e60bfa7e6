"""Components that pick among options."""

from __future__ import annotations

from specblocks.components._generated.checkbox import CheckboxBase
from specblocks.components._generated.checkbox_group import CheckboxGroupBase
from specblocks.components._generated.color_picker import ColorPickerBase
from specblocks.components._generated.dropdown import DropdownBase
from specblocks.components._generated.radio import RadioBase
from specblocks.components._generated.slider import SliderBase


class Checkbox(CheckboxBase):
    __doc__ = CheckboxBase.__doc__


class CheckboxGroup(CheckboxGroupBase):
    __doc__ = CheckboxGroupBase.__doc__


class Radio(RadioBase):
    __doc__ = RadioBase.__doc__


class Dropdown(DropdownBase):
    __doc__ = DropdownBase.__doc__


class Slider(SliderBase):
    __doc__ = SliderBase.__doc__


class ColorPicker(ColorPickerBase):
    __doc__ = ColorPickerBase.__doc__


__all__ = ["Checkbox", "CheckboxGroup", "ColorPicker", "Dropdown", "Radio", "Slider"]
