"""Layouts: arrange blocks in rows, columns, tabs, accordions, groups and sidebars."""

from __future__ import annotations

from specblocks._generated.accordion import AccordionBase
from specblocks._generated.column import ColumnBase
from specblocks._generated.group import GroupBase
from specblocks._generated.row import RowBase
from specblocks._generated.sidebar import SidebarBase
from specblocks._generated.tab import TabBase
from specblocks._generated.tabs import TabsBase


class Accordion(AccordionBase):
    __doc__ = AccordionBase.__doc__


class Column(ColumnBase):
    __doc__ = ColumnBase.__doc__


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


__all__ = ["Accordion", "Column", "Group", "Row", "Sidebar", "Tab", "Tabs"]
