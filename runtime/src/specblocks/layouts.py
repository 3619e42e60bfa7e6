"""Layouts: Row, Column, Tab/Tabs, Accordion, Group and Sidebar."""

from __future__ import annotations

from specblocks.components._layouts import Accordion, Column, Group, Row, Sidebar, Tab, Tabs

__all__ = ["Accordion", "Column", "Group", "Row", "Sidebar", "Tab", "Tabs"]
