"""Layouts: Row, Column, Tab/Tabs, Accordion, Group, Sidebar and Form."""

from __future__ import annotations

from specblocks.components._layouts import (
    Accordion,
    Column,
    Form,
    Group,
    Row,
    Sidebar,
    Tab,
    Tabs,
)

__all__ = ["Accordion", "Column", "Form", "Group", "Row", "Sidebar", "Tab", "Tabs"]
