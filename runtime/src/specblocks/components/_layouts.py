"""Layouts: arrange blocks in rows, columns, tabs, accordions, groups and sidebars."""

from __future__ import annotations

from specblocks._generated.accordion import AccordionBase
from specblocks._generated.column import ColumnBase
from specblocks._generated.form import FormBase
from specblocks._generated.group import GroupBase
from specblocks._generated.row import RowBase
from specblocks._generated.sidebar import SidebarBase
from specblocks._generated.tab import TabBase
from specblocks._generated.tabs import TabsBase
from specblocks.core import Block, BlocksCore


class Accordion(AccordionBase):
    __doc__ = AccordionBase.__doc__


class Column(ColumnBase):
    __doc__ = ColumnBase.__doc__


class Form(FormBase):
    __doc__ = FormBase.__doc__

    def add_child(self, child: Block) -> None:
        """Add a field; in a Row (or an equal-height row's column) the form widens with it."""
        parent = self.parent
        scale = getattr(child, "scale", None)
        if isinstance(parent, Row):
            self.scale += 1 if scale is None else scale
            self.min_width += getattr(child, "min_width", 0) or 0
        elif (
            isinstance(parent, Column)
            and isinstance(parent.parent, Row)
            and parent.parent.equal_height
        ):
            self.scale += 1 if scale is None else scale
        elif isinstance(parent, BlocksCore) and getattr(
            getattr(parent, "options", None), "fill_height", False
        ):
            self.scale += 0 if scale is None else scale
        super().add_child(child)


class Group(GroupBase):
    __doc__ = GroupBase.__doc__


class Row(RowBase):
    __doc__ = RowBase.__doc__


class Sidebar(SidebarBase):
    __doc__ = SidebarBase.__doc__


class Tab(TabBase):
    __doc__ = TabBase.__doc__


class Tabs(TabsBase):
    __doc__ = TabsBase.__doc__


__all__ = ["Accordion", "Column", "Form", "Group", "Row", "Sidebar", "Tab", "Tabs"]
